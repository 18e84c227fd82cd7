"""The staff PIN: which PINs are allowed, and its salted scrypt hash, the only form ever stored.

A hash is one ASCII line, the form IT pastes into ``[staff] pin_hash`` (made by ``kiosk staff
pin``)::

    scrypt$<n>$<r>$<p>$<salt>$<key>

``n``, ``r`` and ``p`` are scrypt's cost, block size and parallelism as decimal numbers; salt
and key are standard base64 with padding. New hashes use :data:`SCRYPT_N`, :data:`SCRYPT_R`,
:data:`SCRYPT_P`, a :data:`SALT_BYTES` random salt and a :data:`KEY_BYTES` key.

The parameters are read from the settings file, so a hostile or mistyped one must not make a
check take gigabytes or minutes: :func:`hash_problem` refuses any parameter past its cap (and
more memory or work than :data:`MAX_MEMORY_BYTES` and :data:`MAX_WORK` allow) before scrypt
runs, and :func:`verify_pin` answers False for such a line without hashing.

A PIN is 4 to 12 ASCII digits, not all the same digit and not a straight run such as 1234 or
9876 (:func:`pin_problem`). This module neither logs nor returns a PIN or a hash in a message.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import re

PIN_MIN_DIGITS = 4
"""A shorter PIN is refused: four digits are the fewest a number pad lock should accept."""
PIN_MAX_DIGITS = 12
"""A longer PIN is refused (and never hashed when checked): staff type it on a number pad."""

SCRYPT_N = 2**14
"""scrypt cost of new hashes (16 MiB with :data:`SCRYPT_R`, about 50 ms a check)."""
SCRYPT_R = 8
"""scrypt block size of new hashes."""
SCRYPT_P = 1
"""scrypt parallelism of new hashes."""
SALT_BYTES = 16
"""Random salt length of new hashes."""
KEY_BYTES = 32
"""Derived key length of new hashes."""

MAX_N = 2**17
"""Largest scrypt cost accepted from a settings file (8 times that of new hashes)."""
MAX_R = 16
"""Largest scrypt block size accepted from a settings file."""
MAX_P = 4
"""Largest scrypt parallelism accepted from a settings file."""
MAX_MEMORY_BYTES = 64 * 1024 * 1024
"""Most memory one check may take (scrypt needs 128 * n * r bytes): a kiosk PC must not swap."""
MAX_WORK = 2**20
"""Largest n * r * p accepted (8 times new hashes): one check stays well under a second."""
MIN_SALT_BYTES = 16
"""Shortest salt accepted: a shorter one does not keep two kiosks' hashes of a PIN apart."""
MAX_SALT_BYTES = 64
"""Longest salt accepted."""
MIN_KEY_BYTES = 16
"""Shortest derived key accepted."""
MAX_KEY_BYTES = 64
"""Longest derived key accepted."""
MAX_HASH_CHARS = 256
"""Longest hash line looked at; the longest accepted one is about 200 characters."""

HASH_PATTERN = r"scrypt(\$[0-9]{1,10}){3}(\$[A-Za-z0-9+/]+={0,2}){2}"
"""The form of a whole hash line, unanchored (its numbers are checked against the caps
separately)."""
_HASH = re.compile(HASH_PATTERN)
_DIGITS = re.compile(r"[0-9]+")
_SCRYPT_SLACK_BYTES = 1024 * 1024
"""OpenSSL needs a little more than 128 * n * r bytes; ``maxmem`` allows for it."""


def pin_problem(pin: str) -> str:
    """Why ``pin`` cannot be the staff PIN, as a plain sentence; "" when it can."""
    if not _DIGITS.fullmatch(pin):
        return "The PIN must be digits only (0 to 9)."
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        return f"The PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits long."
    if len(set(pin)) == 1:
        return "The PIN must not be one digit repeated (such as 1111)."
    steps = {int(after) - int(before) for before, after in itertools.pairwise(pin)}
    if steps in ({1}, {-1}):
        return "The PIN must not be digits in a row (such as 1234 or 9876)."
    return ""


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The hash line of ``pin`` (a new random salt unless ``salt`` is given, for tests).

    Raises ValueError for a PIN that :func:`pin_problem` refuses, or a salt of a length outside
    :data:`MIN_SALT_BYTES`..:data:`MAX_SALT_BYTES`.
    """
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    import secrets  # with the hashing, as hashlib below: not at every start (see _scrypt)

    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    if not MIN_SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
        raise ValueError(f"the salt must be {MIN_SALT_BYTES} to {MAX_SALT_BYTES} bytes")
    key = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
    return "$".join(
        ("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _encode(salt), _encode(key))
    )


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the PIN hashed in ``stored``; False for a line :func:`hash_problem`
    refuses (without running scrypt) and for a PIN :func:`pin_problem` refuses (no hash can
    hold one)."""
    if hash_problem(stored) or pin_problem(pin):
        return False
    _, n, r, p, salt, key = stored.split("$")
    expected = base64.b64decode(key)
    actual = _scrypt(pin, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    import hmac

    return hmac.compare_digest(actual, expected)


def hash_problem(stored: str) -> str:
    """Why ``stored`` is not a usable hash line, as a plain sentence for IT; "" when it is.

    The sentence never quotes the line.
    """
    redo = "make a new one with `kiosk staff pin`"
    if len(stored) > MAX_HASH_CHARS or not _HASH.fullmatch(stored):
        return f'The PIN hash is not a line made by `kiosk staff pin` ("scrypt$..."); {redo}.'
    _, n_text, r_text, p_text, salt_text, key_text = stored.split("$")
    n, r, p = int(n_text), int(r_text), int(p_text)
    if n < 2 or n & (n - 1) or n > MAX_N:
        return f"The PIN hash's cost n must be a power of two up to {MAX_N}; {redo}."
    if not 1 <= r <= MAX_R or not 1 <= p <= MAX_P:
        return f"The PIN hash's r must be 1 to {MAX_R} and its p 1 to {MAX_P}; {redo}."
    if 128 * n * r > MAX_MEMORY_BYTES or n * r * p > MAX_WORK:
        return f"The PIN hash would take too much memory or time to check; {redo}."
    try:
        salt = base64.b64decode(salt_text, validate=True)
        key = base64.b64decode(key_text, validate=True)
    except binascii.Error:
        return f"The PIN hash's salt or key is not valid base64; {redo}."
    if not MIN_SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
        return f"The PIN hash's salt must be {MIN_SALT_BYTES} to {MAX_SALT_BYTES} bytes; {redo}."
    if not MIN_KEY_BYTES <= len(key) <= MAX_KEY_BYTES:
        return f"The PIN hash's key must be {MIN_KEY_BYTES} to {MAX_KEY_BYTES} bytes; {redo}."
    return ""


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # Imported here: the settings check this module's line format at every start, and hashlib
    # maps OpenSSL's libcrypto (about 2 MiB) that a kiosk without the visit form never needs
    # until someone types a PIN.
    import hashlib

    maxmem = 128 * n * r + _SCRYPT_SLACK_BYTES
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=length)


def _encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
