"""``kiosk inbox``: the front desk reads what the kiosk sealed, whatever else the folder holds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import stat
import subprocess
import tempfile
import time
import tracemalloc
import uuid
from dataclasses import replace
from pathlib import Path

import pyrage  # type: ignore[import-untyped, unused-ignore]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import cli
from kiosk.exit_codes import ExitCode
from kiosk.inbox import command
from kiosk.inbox import folder as drop_folder
from kiosk.inbox.folder import READ_MAX
from kiosk.visit.drop import FolderChannel
from kiosk.visit.model import VisitRequest
from kiosk.visit.payload import to_json_bytes, to_json_dict
from tests.unit.visit.samples import make_request, new_id, utc

Captured = pytest.CaptureFixture[str]


class Desk:
    """A clinic's key made with ``kiosk inbox new-key`` and a kiosk dropping into a folder."""

    def __init__(self, root: Path) -> None:
        self.key = root / "clinic.key"
        self.folder = root / "drop"
        root.mkdir(exist_ok=True)
        out = io.StringIO()
        args = cli.parse_args(["inbox", "new-key", "--out", str(self.key)])
        assert command.run(args, out, io.StringIO()) == ExitCode.OK
        self.public = out.getvalue().splitlines()[-1].split('"')[1]
        self.kiosk = FolderChannel(self.folder, recipient=self.public)

    def args(self, *action: str) -> list[str]:
        return ["inbox", *action, "--key", str(self.key), "--folder", str(self.folder)]

    def run(self, *action: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = command.run(cli.parse_args(self.args(*action)), out, err)
        return code, out.getvalue(), err.getvalue()


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return Desk(tmp_path)


def at(hour: int) -> dt.datetime:
    return dt.datetime(2027, 3, 4, hour, 5, tzinfo=dt.UTC)


# --- the key pair ---------------------------------------------------------------------------


def test_new_key_is_private_standard_and_never_overwritten(
    tmp_path: Path, capsys: Captured
) -> None:
    key = tmp_path / "clinic.key"
    assert cli.main(["inbox", "new-key", "--out", str(key)]) == ExitCode.OK
    out = capsys.readouterr().out
    line = out.strip().splitlines()[-1]
    assert line.startswith('folder_recipient = "age1') and line.endswith('"')
    assert "backup" in out
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    lines = key.read_text(encoding="ascii").splitlines()
    assert lines[0].startswith("# created: ") and lines[1] == f"# public key: {line[20:-1]}"
    identity = pyrage.x25519.Identity.from_str(lines[2])
    assert str(identity.to_public()) == line[20:-1]
    before = key.read_bytes()
    assert cli.main(["inbox", "new-key", "--out", str(key)]) == ExitCode.FAILED
    assert "never overwritten" in capsys.readouterr().err
    assert key.read_bytes() == before
    assert cli.main(["inbox", "public-key", "--key", str(key)]) == ExitCode.OK
    assert capsys.readouterr().out.strip().splitlines()[-1] == line


def test_an_age_keygen_file_with_comments_works(tmp_path: Path) -> None:
    identity = pyrage.x25519.Identity.generate()
    public = str(identity.to_public())
    key = tmp_path / "keys.txt"
    # What age-keygen writes, saved by a Windows editor (BOM, CRLF), with a second old key.
    text = (
        f"\ufeff# created: 2026-01-01T00:00:00Z\r\n# public key: {public}\r\n{identity}\r\n\r\n"
        f"# an older key\r\n{pyrage.x25519.Identity.generate()}\r\n"
    )
    key.write_text(text, encoding="utf-8", newline="")
    key.chmod(0o600)
    request = make_request(1)
    FolderChannel(tmp_path / "drop", recipient=public).deliver(request)
    out, err = io.StringIO(), io.StringIO()
    args = cli.parse_args(["inbox", "--key", str(key), "--folder", str(tmp_path / "drop")])
    assert command.run(args, out, err) == ExitCode.OK, err.getvalue()
    assert request.reference in out.getvalue() and err.getvalue() == ""


@pytest.mark.skipif(shutil.which("age-keygen") is None, reason="the age tool is not installed")
def test_the_age_tool_and_the_inbox_understand_each_other(tmp_path: Path) -> None:
    key = tmp_path / "age-keygen.txt"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    public = subprocess.run(
        ["age-keygen", "-y", str(key)], check=True, capture_output=True, text=True
    ).stdout.strip()
    kiosk_made = make_request(1)
    FolderChannel(tmp_path / "drop", recipient=public).deliver(kiosk_made)
    # The age tool opens what the kiosk sealed ...
    opened = subprocess.run(
        ["age", "-d", "-i", str(key), str(tmp_path / "drop" / f"{kiosk_made.id}.age")],
        check=True,
        capture_output=True,
    ).stdout
    assert opened == to_json_bytes(kiosk_made)
    # ... and the inbox opens what the age tool sealed (armored too).
    by_hand = make_request(2)
    subprocess.run(
        ["age", "-a", "-r", public, "-o", str(tmp_path / "drop" / f"{by_hand.id}.age")],
        input=to_json_bytes(by_hand),
        check=True,
        capture_output=True,
    )
    out, err = io.StringIO(), io.StringIO()
    args = cli.parse_args(["inbox", "--key", str(key), "--folder", str(tmp_path / "drop")])
    assert command.run(args, out, err) == ExitCode.OK, err.getvalue()
    assert kiosk_made.reference in out.getvalue() and by_hand.reference in out.getvalue()


# --- list -----------------------------------------------------------------------------------


def test_list_shows_new_requests_oldest_first(desk: Desk) -> None:
    late, early, middle = (make_request(n, now=at(h)) for n, h in ((1, 15), (2, 9), (3, 11)))
    for request in (late, early, middle):
        desk.kiosk.deliver(request)
    code, out, err = desk.run()
    assert code == ExitCode.OK and err == ""
    assert "New visit requests" in out and ": 3," in out
    rows = [line for line in out.splitlines() if "Zebulon" in line]
    assert [row.split()[0] for row in rows] == [r.reference for r in (early, middle, late)]
    first = rows[0]
    local = at(9).astimezone().strftime("%Y-%m-%d %H:%M")
    for shown in (early.reference, local, early.name, early.phone, "Morning", "North"):
        assert shown in first
    assert early.email not in out  # the list is a summary; `show` has everything
    assert "0 requests marked handled" in out
    # `kiosk inbox` and `kiosk inbox list` are the same
    assert desk.run("list")[1] == out


def test_plain_files_are_listed_too(desk: Desk) -> None:
    plain = make_request(4)
    FolderChannel(desk.folder, plain=True).deliver(plain)
    desk.kiosk.deliver(make_request(5))
    code, out, _ = desk.run()
    assert code == ExitCode.OK and plain.reference in out and ": 2," in out


def test_an_empty_folder_says_so(desk: Desk) -> None:
    desk.folder.mkdir()
    code, out, _ = desk.run()
    assert code == ExitCode.OK and "No new visit requests" in out


def test_files_that_cannot_be_opened_are_named_and_the_rest_listed(desk: Desk) -> None:
    good = make_request(6)
    desk.kiosk.deliver(good)
    other_clinic = pyrage.x25519.Identity.generate()
    theirs = make_request(7)
    FolderChannel(desk.folder, recipient=str(other_clinic.to_public())).deliver(theirs)
    sealed = (desk.folder / f"{good.id}.age").read_bytes()
    problems = {
        "cut-short.age": sealed[: len(sealed) // 2],  # a sync that stopped half way
        "empty.age": b"",
        "garbage.age": os.urandom(300),
        "not-json.json": b"{name: nope",
        "a-list.json": b"[1, 2, 3]",
        "half-a-request.json": json.dumps({"id": str(uuid.uuid4()), "name": "x"}).encode(),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        f".{good.id}.1a2b3c4d.tmp": b"",
        "copy.json.part": b"{",
    }
    for name, data in problems.items():
        (desk.folder / name).write_bytes(data)
    os.mkfifo(desk.folder / "pipe.age")  # would block a plain open() for ever
    (desk.folder / "link.age").symlink_to("/dev/zero")
    (desk.folder / "folder.age").mkdir()  # a folder: not a file, not listed
    (desk.folder / "desktop.ini").write_text("[.ShellClassInfo]")  # Windows' own: not listed
    with open(desk.folder / "huge.age", "wb") as huge:
        huge.truncate(2 * 1024**3)  # 2 GB, sparse
    started = time.monotonic()
    code, out, err = desk.run()
    assert time.monotonic() - started < 20  # a hang guard: it takes well under a second
    assert code == ExitCode.OK, err
    assert good.reference in out and ": 1," in out
    named = [line.strip() for line in out.splitlines() if line.startswith("  ") and ": " in line]
    expected = {*problems, "pipe.age", "link.age", "huge.age", f"{theirs.id}.age"}
    assert len(named) == len(expected)  # every problem file named once, nothing else
    assert f"{len(expected)} files cannot be opened" in out
    by_name = dict(line.split(": ", 1) for line in named)
    assert by_name["huge.age"].startswith("too large")
    assert by_name["empty.age"].startswith("empty")
    assert by_name["cut-short.age"].startswith("damaged or incomplete")
    assert by_name[f".{good.id}.1a2b3c4d.tmp"].startswith("incomplete")
    assert by_name["pipe.age"].startswith("not an ordinary file")
    assert by_name["link.age"].startswith("a link")
    wrong = next(
        value for name, value in by_name.items() if name.endswith(".age") and "key" in value
    )
    assert wrong.startswith("sealed for a different key")
    assert "folder.age" not in out and "desktop.ini" not in out
    assert "Traceback" not in out + err


def test_a_wrong_key_is_a_failure_in_plain_words(desk: Desk, tmp_path: Path) -> None:
    for n in range(3):
        desk.kiosk.deliver(make_request(n))
    other = Desk(tmp_path / "other")
    other.folder = desk.folder
    code, out, err = other.run()
    assert code == ExitCode.FAILED
    assert "None of the 3 sealed requests" in err and "private key" in err
    assert "3 files cannot be opened" in out


@pytest.mark.parametrize(
    ("key_text", "words"),
    [
        (None, "cannot be found"),
        ("age1" + "q" * 58 + "\n", "holds a public key"),
        ("hello\n", "line 1 is not an age private key"),
        ("# only comments\n", "holds no private key"),
        ("AGE-SECRET-KEY-1" + "Q" * 58 + "\n", "damaged private key"),
    ],
)
def test_a_missing_or_bad_key_file_fails_in_plain_words(
    desk: Desk, key_text: str | None, words: str
) -> None:
    desk.kiosk.deliver(make_request(1))
    desk.key.unlink()
    if key_text is not None:
        desk.key.write_text(key_text, encoding="utf-8")
    code, out, err = desk.run()
    assert code == ExitCode.FAILED and words in err and out == ""
    assert "Traceback" not in err


def test_no_key_and_no_folder(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_INBOX_KEY", raising=False)
    monkeypatch.delenv("KIOSK_INBOX_FOLDER", raising=False)
    out, err = io.StringIO(), io.StringIO()
    assert command.run(cli.parse_args(["inbox"]), out, err) == ExitCode.USAGE
    assert "No folder given" in err.getvalue()
    err = io.StringIO()
    args = cli.parse_args(["inbox", "--folder", str(desk.folder)])
    assert command.run(args, out, err) == ExitCode.FAILED
    assert "No key given" in err.getvalue()
    desk.folder = desk.folder / "not-there"
    code, _, message = desk.run()
    assert code == ExitCode.FAILED and "cannot be found" in message


def test_key_and_folder_from_the_environment(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    request = make_request(1)
    desk.kiosk.deliver(request)
    monkeypatch.setenv("KIOSK_INBOX_FOLDER", str(desk.folder))
    for value in (str(desk.key), desk.key.read_text().splitlines()[-1]):  # a path, or the key
        monkeypatch.setenv("KIOSK_INBOX_KEY", value)
        out = io.StringIO()
        assert command.run(cli.parse_args(["inbox"]), out, io.StringIO()) == ExitCode.OK
        assert request.reference in out.getvalue()


def test_a_key_file_others_can_read_is_warned_about(desk: Desk) -> None:
    desk.kiosk.deliver(make_request(1))
    desk.key.chmod(0o644)
    code, _, err = desk.run()
    assert code == ExitCode.OK and "other accounts on this computer can read" in err


def test_a_hundred_thousand_files_are_read_in_bounded_time(desk: Desk) -> None:
    desk.folder.mkdir()
    old = [make_request(n) for n in range(3)]
    for request in old:
        desk.kiosk.deliver(request)
        past = time.time() - 86400
        os.utime(desk.folder / f"{request.id}.age", (past, past))  # the oldest files
    for n in range(100_000):
        os.close(os.open(desk.folder / f"{uuid.UUID(int=n)}.age", os.O_CREAT | os.O_WRONLY))
    started = time.monotonic()
    code, out, _ = desk.run()
    took = time.monotonic() - started
    assert took < 60, took  # a hang guard; about a second here
    assert code == ExitCode.OK
    assert f"Only the oldest {READ_MAX:,} of 100,003 files were read" in out
    assert all(request.reference in out for request in old)
    assert f"{READ_MAX - 3:,} files cannot be opened" in out
    assert "... and" in out and len(out.splitlines()) < 60  # problem lines are capped too


def test_memory_is_for_the_files_read_not_for_every_file(tmp_path: Path) -> None:
    def peak_for(files: int) -> int:
        for n in range(files):
            os.close(os.open(tmp_path / f"{uuid.UUID(int=n)}.age", os.O_CREAT | os.O_WRONLY))
        tracemalloc.start()
        try:
            result = drop_folder.scan(tmp_path, [], limit=50)
            peak: int = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert (result.files, result.read, len(result.problems)) == (files, 50, 50)
        return peak

    small, large = peak_for(2_000), peak_for(20_000)
    # Holding the 18,000 more names would take over 3 MB; reading the 50 oldest costs the same
    # in both folders (about 1 MiB, the read buffer of one capped file).
    assert large - small < 256 * 1024, (small, large)


# --- hostile names and contents ---------------------------------------------------------------

FILE_NAMES = st.binary(min_size=1, max_size=60).filter(
    lambda name: b"/" not in name and b"\0" not in name and name not in (b".", b"..", b"export")
)
HOSTILE_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), max_size=120
) | st.sampled_from(["\x1b[2J\x1b[31mred", "\u202eevil", "=HYPERLINK(1)", "a\r\nb", "\x00"])


@st.composite
def hostile_requests(draw: st.DrawFn) -> dict[str, object]:
    data = to_json_dict(make_request(1))
    for key in ("name", "phone", "email", "best_time", "location", "duration", "language"):
        data[key] = draw(HOSTILE_TEXT)
    data["pain_areas"] = draw(st.lists(HOSTILE_TEXT, max_size=5))
    data["id"] = str(draw(st.uuids()))
    return data


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(HOSTILE_TEXT, inner, max_size=4),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.lists(
        st.tuples(
            FILE_NAMES,
            st.sampled_from([".age", ".json", ".tmp", ""]),
            st.one_of(
                st.binary(max_size=400),
                hostile_requests().map(lambda d: json.dumps(d).encode()),
                JUNK.map(lambda d: json.dumps(d).encode()),
                hostile_requests().map(lambda d: ("sealed", json.dumps(d).encode())),
            ),
        ),
        max_size=6,
        unique_by=lambda entry: entry[0] + entry[1].encode(),
    )
)
def test_hostile_names_and_contents_never_break_the_listing(
    files: list[tuple[bytes, str, bytes | tuple[str, bytes]]], desk: Desk
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for name, suffix, content in files:
            data = content
            if isinstance(content, tuple):
                data = pyrage.encrypt(content[1], [pyrage.x25519.Recipient.from_str(desk.public)])
            assert isinstance(data, bytes)
            (folder / os.fsdecode(name + suffix.encode())).write_bytes(data)
        for action in (["list"], ["export", "--csv", str(folder / "export" / "x.csv")]):
            (folder / "export").mkdir(exist_ok=True)
            (folder / "export" / "x.csv").unlink(missing_ok=True)
            out, err = io.StringIO(), io.StringIO()
            args = cli.parse_args([*desk.args(*action)[:-1], str(folder)])
            code = command.run(args, out, err)
            assert code == ExitCode.OK, err.getvalue()
            text = out.getvalue() + err.getvalue()
            assert "Traceback" not in text
            # Nothing reaches the terminal that could move the cursor, clear it or reverse text.
            assert all(ch == "\n" or ch.isprintable() for ch in text), repr(text)
        with open(folder / "export" / "x.csv", encoding="utf-8-sig", newline="") as sheet:
            for row in list(csv.reader(sheet))[1:]:
                assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


# --- show, done, export ---------------------------------------------------------------------


def test_show_gives_every_field_in_plain_words(desk: Desk) -> None:
    request = replace(
        make_request(1, now=at(9)),
        pain_areas=("groin-left", "outer-hip-right", "low-back", "knee-left", "new-area"),
        best_time="evening",
        duration="6-weeks-to-3-months",
        language="es",
    )
    desk.kiosk.deliver(request)
    for given_as in (
        request.reference,
        request.reference.replace("-", "").lower(),
        str(request.id),
    ):
        code, out, err = desk.run("show", given_as)
        assert code == ExitCode.OK, err
        for shown in (
            request.name,
            request.phone,
            request.email,
            "Evening",
            "North",
            "groin (left side), outer hip (right side), low back, knee-left, new-area",
            "6 weeks to 3 months",
            "Spanish",
            str(request.id),
            "sealed",
            "new",
        ):
            assert shown in out, shown


def test_show_and_done_say_when_a_reference_is_not_there_or_not_one(desk: Desk) -> None:
    desk.kiosk.deliver(make_request(1))
    code, _, err = desk.run("show", "ABC-DEF")
    assert code == ExitCode.FAILED and "No request ABC-DEF" in err
    code, _, err = desk.run("done", "hello")
    assert code == ExitCode.USAGE and "not a reference" in err


def test_a_reference_two_requests_share_asks_for_the_number(desk: Desk) -> None:
    one, two = (make_request(n, new_id=new_id(n)) for n in (1, 2))
    assert one.reference == two.reference
    desk.kiosk.deliver(one)
    desk.kiosk.deliver(two)
    code, _, err = desk.run("done", one.reference)
    assert code == ExitCode.FAILED and str(one.id) in err and str(two.id) in err
    assert len(list(desk.folder.glob("*.age"))) == 2  # nothing moved
    assert desk.run("done", str(two.id))[0] == ExitCode.OK
    assert desk.run("show", one.reference)[0] == ExitCode.FAILED  # still two: one is handled


def test_done_moves_to_handled_keeps_everything_and_is_idempotent(desk: Desk) -> None:
    first, second, third = (make_request(n, now=at(9 + n)) for n in range(3))
    for request in (first, second, third):
        desk.kiosk.deliver(request)
    code, out, _ = desk.run("done", first.reference, str(second.id))
    assert code == ExitCode.OK
    assert f"{first.reference} marked handled" in out and first.name in out
    handled = desk.folder / "handled"
    assert stat.S_IMODE(handled.stat().st_mode) == 0o700
    assert sorted(p.name for p in handled.iterdir()) == sorted(
        f"{r.id}.age" for r in (first, second)
    )
    code, out, _ = desk.run()
    assert third.reference in out and first.reference not in out
    assert "2 requests marked handled" in out
    code, out, _ = desk.run("done", first.reference)
    assert code == ExitCode.OK and "already marked handled" in out
    # `show` still finds a handled request, and says so
    code, out, _ = desk.run("show", first.reference)
    assert code == ExitCode.OK and "handled" in out
    # The same request in the folder again (a restored backup): kept beside the first copy.
    shutil.copy(handled / f"{first.id}.age", desk.folder / f"{first.id}.age")
    assert desk.run("done", first.reference)[0] == ExitCode.OK
    assert (handled / f"{first.id}-2.age").exists() and (handled / f"{first.id}.age").exists()


def test_export_writes_a_private_spreadsheet_that_runs_no_formulas(desk: Desk) -> None:
    hostile = VisitRequest(
        id=uuid.uuid4(),
        created_at=utc(),
        name='=HYPERLINK("http://x","click")',
        phone="+13125550123",
        email="@SUM(1+1)",
        best_time="morning",
        location="-2+3",
        pain_areas=("groin-left",),
        duration="over-3-months",
        language="es",
    )
    plain = make_request(2, name="José Núñez")
    desk.kiosk.deliver(hostile)
    desk.kiosk.deliver(plain)
    desk.run("done", plain.reference)
    sheet = desk.folder.parent / "requests.csv"
    code, out, _ = desk.run("export", "--csv", str(sheet))
    assert code == ExitCode.OK and "Wrote 1 new request" in out
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read the accents
    with open(sheet, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    row = rows[0]
    assert row["Name"] == "'" + hostile.name
    assert row["Email"] == "'@SUM(1+1)" and row["Location"] == "'-2+3"
    assert row["Phone"] == "'+13125550123"
    assert row["Pain areas"] == "groin (left side)" and row["Status"] == "new"
    # never over an existing file; --all adds the handled ones
    assert desk.run("export", "--csv", str(sheet))[0] == ExitCode.FAILED
    sheet.unlink()
    assert desk.run("export", "--csv", str(sheet), "--all")[0] == ExitCode.OK
    with open(sheet, encoding="utf-8-sig", newline="") as handle:
        everything = {row["Name"]: row["Status"] for row in csv.DictReader(handle)}
    assert everything == {"'" + hostile.name: "new", "José Núñez": "handled"}
