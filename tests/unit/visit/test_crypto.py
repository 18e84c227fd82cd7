"""Tests for kiosk.visit.crypto: sealing, the key file, and a lost or damaged key."""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path

import pytest

from kiosk.visit.crypto import (
    KEY_FILE,
    SealError,
    create_key_file,
    keep_key_file,
    key_id,
    load_keyring,
    write_key_file,
)


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    ring = load_keyring(tmp_path)
    path = tmp_path / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_bytes()) == 32
    assert load_keyring(tmp_path).current == ring.current
    assert ring.problem == ""
    assert not list(tmp_path.glob(".*tmp"))


def test_create_never_overwrites(tmp_path: Path) -> None:
    create_key_file(tmp_path / KEY_FILE)
    with pytest.raises(FileExistsError):
        create_key_file(tmp_path / KEY_FILE)


def test_seal_uses_a_fresh_nonce_and_binds_the_id(tmp_path: Path) -> None:
    ring = load_keyring(tmp_path)
    rid = uuid.uuid4()
    kid, one = ring.seal(rid, b"secret")
    _, two = ring.seal(rid, b"secret")
    assert one[:12] != two[:12] and one != two
    assert ring.open(rid, kid, one) == b"secret"
    with pytest.raises(SealError):
        ring.open(uuid.uuid4(), kid, one)  # moved onto another row
    with pytest.raises(SealError):
        ring.open(rid, kid, one[:-1] + bytes([one[-1] ^ 1]))
    with pytest.raises(SealError):
        ring.open(rid, "0" * 16, one)


def test_damaged_key_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_bytes(b"short")
    ring = load_keyring(tmp_path)
    aside = list(tmp_path.glob("outbox.key.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"short"
    assert "unreadable" in ring.problem
    assert len((tmp_path / KEY_FILE).read_bytes()) == 32


def test_restored_key_is_used_for_opening(tmp_path: Path) -> None:
    old = load_keyring(tmp_path)
    rid = uuid.uuid4()
    kid, blob = old.seal(rid, b"x")
    os.replace(tmp_path / KEY_FILE, tmp_path / "backup.bin")
    new = load_keyring(tmp_path)
    assert new.current != old.current
    with pytest.raises(SealError):
        new.open(rid, kid, blob)
    (tmp_path / "outbox-restored.key").write_bytes((tmp_path / "backup.bin").read_bytes())
    again = load_keyring(tmp_path)
    assert again.current == new.current and again.open(rid, kid, blob) == b"x"
    assert key_id(old.current) in again.known_ids()


def test_read_only_never_creates(tmp_path: Path) -> None:
    with pytest.raises(SealError):
        load_keyring(tmp_path, create=False)
    assert not (tmp_path / KEY_FILE).exists()


def test_keep_key_file(tmp_path: Path) -> None:
    ring = load_keyring(tmp_path)
    path = tmp_path / KEY_FILE
    assert keep_key_file(tmp_path, ring) == ""
    path.unlink()
    assert "written back" in keep_key_file(tmp_path, ring)
    assert path.read_bytes() == ring.current and stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_bytes(b"short")  # damaged under the running kiosk: left alone, ours saved
    problem = keep_key_file(tmp_path, ring)
    assert problem.startswith("the outbox key file became unreadable")
    assert path.read_bytes() == b"short"
    kept = tmp_path / f"outbox-kept-{ring.current_id}.key"
    assert kept.read_bytes() == ring.current and kept.name in problem
    assert ring.current.hex() not in problem
    assert keep_key_file(tmp_path, ring) == problem, "saved once, said the same way"
    with pytest.raises(ValueError):
        write_key_file(tmp_path / "x.key", b"too short")
    assert load_keyring(tmp_path).others[ring.current_id] == ring.current
