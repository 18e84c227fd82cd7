"""What the form may tell the patient about their data, derived from the delivery settings.

The form builds its privacy note from these clauses only (the interface words each one in the
patient's language), so the note is true in every configuration: a clause is listed only when
the configured channels make it so.
"""

from __future__ import annotations

import enum

from kiosk.config import DeliveryConfig


class Clause(enum.Enum):
    STORED_ENCRYPTED = "stored-encrypted"
    """The outbox seals every request on this kiosk until it is sent (always true)."""
    SEALED_FILE = "sealed-file"
    """The folder channel seals the file to the clinic's key: only the clinic can open it."""
    READABLE_FILE = "readable-file"
    """The folder channel writes a file that anyone who can open the clinic's folder can read."""
    SECURE_CONNECTION = "secure-connection"
    """The webhook sends it over HTTPS."""
    EMAIL = "email"
    """The email channel sends it as an email (readable by whoever reads the clinic's mailbox)."""
    DELETED_AFTER = "deleted-after"
    """Once every channel has it, this kiosk keeps no copy it can read."""


def privacy_clauses(delivery: DeliveryConfig) -> tuple[Clause, ...]:
    """The clauses that are true for ``delivery`` (channels already checked by the config)."""
    clauses = [Clause.STORED_ENCRYPTED]
    channels = delivery.channels or ("folder",)
    plain_folder = "folder" in channels and delivery.folder_plain
    if "folder" in channels:
        clauses.append(Clause.READABLE_FILE if plain_folder else Clause.SEALED_FILE)
    if "webhook" in channels:
        clauses.append(Clause.SECURE_CONNECTION)
    if "email" in channels:
        clauses.append(Clause.EMAIL)
    if not plain_folder:
        clauses.append(Clause.DELETED_AFTER)
    return tuple(clauses)
