"""Sealed drop files: only the clinic's private key opens what the kiosk writes."""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pyrage  # type: ignore[import-untyped, unused-ignore]
import pytest

from kiosk.visit import drop
from kiosk.visit.drop import FolderChannel
from kiosk.visit.errors import DeliveryError, Refused
from kiosk.visit.payload import from_json_dict, to_json_bytes
from tests.unit.visit.samples import make_request


@pytest.fixture
def clinic() -> pyrage.x25519.Identity:
    return pyrage.x25519.Identity.generate()


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """umask 000: the modes below must come from the code, not from the umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sealed_file_opens_only_with_the_clinic_key(
    tmp_path: Path, clinic: pyrage.x25519.Identity, permissive_umask: None
) -> None:
    folder = tmp_path / "share" / "drop"
    request = make_request(1)
    FolderChannel(folder, recipient=str(clinic.to_public())).deliver(request)
    target = folder / f"{request.id}.age"
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temp file, no plain copy
    sealed = target.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n")
    for secret in (request.name, request.phone, request.email, "groin"):
        assert secret.encode() not in sealed
    assert pyrage.decrypt(sealed, [clinic]) == to_json_bytes(request)
    assert from_json_dict(json.loads(pyrage.decrypt(sealed, [clinic]))) == request
    assert mode(target) == 0o600
    assert mode(folder) == 0o700 and mode(folder.parent) == 0o700  # made by the kiosk


def test_the_kiosk_cannot_read_what_it_wrote(
    tmp_path: Path, clinic: pyrage.x25519.Identity
) -> None:
    channel = FolderChannel(tmp_path / "out", recipient=str(clinic.to_public()))
    request = make_request(2)
    channel.deliver(request)
    sealed = (tmp_path / "out" / f"{request.id}.age").read_bytes()
    # The channel keeps only the public key; no private key exists on the kiosk side.
    assert all(not isinstance(value, pyrage.x25519.Identity) for value in vars(channel).values())
    for path in tmp_path.rglob("*"):
        assert path.is_dir() or b"AGE-SECRET-KEY" not in path.read_bytes()
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(sealed, [pyrage.x25519.Identity.generate()])


def test_an_existing_folder_keeps_its_mode(tmp_path: Path, clinic: pyrage.x25519.Identity) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    folder.chmod(0o2770)  # a group share set up by IT
    FolderChannel(folder, recipient=str(clinic.to_public())).deliver(make_request(3))
    assert mode(folder) == 0o2770


def test_sealed_delivery_is_idempotent(tmp_path: Path, clinic: pyrage.x25519.Identity) -> None:
    folder = tmp_path / "out"
    channel = FolderChannel(folder, recipient=str(clinic.to_public()))
    request = make_request(4)
    channel.deliver(request)
    target = folder / f"{request.id}.age"
    before = (target.stat().st_mtime_ns, target.read_bytes())
    channel.deliver(request)
    assert (target.stat().st_mtime_ns, target.read_bytes()) == before
    # The front desk marked it handled: a retry must not bring it back to the new ones.
    (folder / "handled").mkdir()
    target.rename(folder / "handled" / target.name)
    channel.deliver(request)
    assert not target.exists()


def test_a_request_delivered_plain_is_not_sealed_again(
    tmp_path: Path, clinic: pyrage.x25519.Identity
) -> None:
    folder = tmp_path / "out"
    request = make_request(5)
    FolderChannel(folder, plain=True).deliver(request)
    FolderChannel(folder, recipient=str(clinic.to_public())).deliver(request)
    assert [p.name for p in folder.iterdir()] == [f"{request.id}.json"]
    other = make_request(6)
    FolderChannel(folder, recipient=str(clinic.to_public())).deliver(other)
    FolderChannel(folder, plain=True).deliver(other)  # sealed first: no readable copy
    assert not (folder / f"{other.id}.json").exists()


def test_plain_files_are_private_and_warned_about_once(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    permissive_umask: None,
) -> None:
    monkeypatch.setattr(drop, "_warned_plain", False)
    caplog.set_level(logging.WARNING, logger="kiosk.visit.drop")
    request = make_request(7)
    FolderChannel(tmp_path / "out", plain=True).deliver(request)
    FolderChannel(tmp_path / "out2", plain=True).deliver(make_request(8))
    target = tmp_path / "out" / f"{request.id}.json"
    assert from_json_dict(json.loads(target.read_bytes())) == request
    assert mode(target) == 0o600
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "readable files" in warnings[0]
    assert request.name not in caplog.text


def test_plain_wins_over_a_key_as_the_privacy_note_says(
    tmp_path: Path, clinic: pyrage.x25519.Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drop, "_warned_plain", False)
    request = make_request(9)
    FolderChannel(tmp_path, recipient=str(clinic.to_public()), plain=True).deliver(request)
    assert [p.name for p in tmp_path.iterdir()] == [f"{request.id}.json"]


def test_no_key_refuses_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    with pytest.raises(Refused) as refused:
        FolderChannel(folder).deliver(make_request(10))
    assert str(refused.value) == "no clinic key set (delivery.folder_recipient)"
    assert not folder.exists()


def test_a_key_pyrage_refuses_is_refused_in_plain_words(tmp_path: Path) -> None:
    # The config's shape check passes this (age1 + 58 Bech32 characters); the checksum is wrong.
    shaped = "age1" + "q" * 58
    with pytest.raises(Refused) as refused:
        FolderChannel(tmp_path / "out", recipient=shaped).deliver(make_request(11))
    assert "not a valid age public key" in str(refused.value)
    assert not (tmp_path / "out").exists()


def test_a_folder_that_cannot_be_made_is_a_retryable_error(
    tmp_path: Path, clinic: pyrage.x25519.Identity
) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(DeliveryError) as error:
        FolderChannel(tmp_path / "file" / "sub", recipient=str(clinic.to_public())).deliver(
            make_request(12)
        )
    assert not isinstance(error.value, Refused)


def test_a_copy_half_written_before_a_kill_is_replaced(
    tmp_path: Path, clinic: pyrage.x25519.Identity
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    request = make_request(14)
    (folder / f".{request.id}.tmp").write_bytes(b'{"name": "half')  # SIGKILL mid-write
    FolderChannel(folder, recipient=str(clinic.to_public())).deliver(request)
    assert [p.name for p in folder.iterdir()] == [f"{request.id}.age"]


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, clinic: pyrage.x25519.Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(DeliveryError) as error:
        FolderChannel(folder, recipient=str(clinic.to_public())).deliver(make_request(13))
    assert "errno 28" in str(error.value)
    assert list(folder.iterdir()) == []
