"""``kiosk inbox``: the front desk reads the visit requests the kiosk left in its drop folder.

Runs on the clinic's PC, not on the kiosk, with the clinic's private key (an age identity, made
once with ``kiosk inbox new-key`` or the ``age-keygen`` tool). The kiosk seals each request to
the matching public key (:mod:`kiosk.visit.drop`), so only this key opens them.

- :mod:`kiosk.inbox.keys`: make a key pair, read a key file (``age-keygen`` files too).
- :mod:`kiosk.inbox.folder`: read a drop folder, bounded in files, bytes and memory; every file
  that cannot be opened becomes a problem line, never a crash; mark requests handled.
- :mod:`kiosk.inbox.words`: requests in plain words for staff, and as spreadsheet rows.
- :mod:`kiosk.inbox.command`: the ``list``, ``show``, ``export``, ``done``, ``new-key`` and
  ``public-key`` actions.

Qt-free, and nothing here logs: what it reads is patient data, shown only to the staff member
who runs the command.
"""
