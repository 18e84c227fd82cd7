"""Kiosk settings: one TOML file, each setting declared once, a bad file is never fatal.

Which file: the first match in :data:`LOOKUP_ORDER` (:func:`resolve_config_path`; in words for
``--help`` and the default file: :func:`lookup_order_text`). The first two steps name a file,
so it is used (and reported if missing); the others only when the file exists.

Each setting is one line in a frozen dataclass below, e.g. in ``IdleConfig`` (table ``[idle]``)::

    timeout_seconds: int = setting(90, "Seconds without a touch before ...", between(10, 3600))

That line gives the typed attribute ``config.idle.timeout_seconds``, the dotted name
``idle.timeout_seconds``, the type, default, description for IT and rule; :data:`OPTIONS`,
parsing, :func:`defaults_toml` (a commented starting file) and :func:`reference_markdown` (the
docs table) all derive from it through :data:`SCHEMA` (see :mod:`kiosk.config_schema`, which
also lists the allowed types). A new table is a new dataclass plus one ``field`` in its parent.
Checks that span several keys run after the table is read (:mod:`kiosk.config_delivery`): a
delivery channel named without its settings, or with a bad address, is reported by key and left
out; a staff PIN hash whose cost numbers are past their caps (:func:`kiosk.staff.pin.hash_problem`)
is reported and cleared. No problem shows the PIN hash: it would give a short PIN away.

:func:`load_config` never raises for a bad file. A missing, unreadable, non-UTF-8 or non-TOML
file gives one problem and all defaults. A bad value (wrong type -- ``true`` is not a number --,
out of range, a table where a value belongs or the reverse) gives a problem and its default; the
rest of the file still applies. Unknown keys are reported with the closest known name.

Paths: ``~`` is expanded and relative paths are relative to the config file's folder; an empty
string means the built-in default (bundled content, the platform data folder).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

# The machinery is in the schema module; declaring a setting needs only this module, which
# re-exports the names (``X as X``) that its users need.
from kiosk.config_schema import ConfigProblem as ConfigProblem
from kiosk.config_schema import Option as Option
from kiosk.config_schema import Schema, show
from kiosk.config_schema import between as between
from kiosk.config_schema import each as each
from kiosk.config_schema import matches as matches
from kiosk.config_schema import one_of as one_of
from kiosk.config_schema import setting as setting
from kiosk.content.names import LANGUAGE_PATTERN
from kiosk.staff.pin import HASH_PATTERN, hash_problem

# setting() returns a dataclasses.field(), which RUF009 cannot see for non-scalar annotations.
# ruff: noqa: RUF009

ENV_VAR = "KIOSK_CONFIG"
APP_DIR_NAME = "hip-kiosk"
CONFIG_FILE_NAME = "kiosk.toml"
MAX_FILE_BYTES = 1_000_000
"""Bigger files are refused: a settings file is a few kilobytes, anything larger is a mix-up."""


@dataclass(frozen=True, slots=True)
class IdleConfig:
    """When an unattended session is reset for the next patient."""

    timeout_seconds: int = setting(
        90,
        'Seconds without a touch before the kiosk asks "Are you still there?".',
        between(10, 3600),
    )
    warning_seconds: int = setting(
        20,
        "Seconds the countdown runs before the session is reset to the start page; at least 20, "
        "so every patient has time to answer it (WCAG 2.2.1).",
        between(20, 120),
    )


@dataclass(frozen=True, slots=True)
class KioskConfig:
    """How the kiosk window takes over the screen."""

    fullscreen: bool = setting(True, "Fill the whole screen without borders; off only for testing.")
    hide_cursor: bool = setting(True, "Hide the mouse pointer, since patients use the touchscreen.")
    daily_restart: str = setting(
        "",
        "Local time (24-hour HH:MM) of a daily restart at a quiet hour; empty means never. The "
        "kiosk waits for the attract screen (never during a visit), exits with code 75 and its "
        "supervisor starts it afresh.",
        matches(r"^(([01][0-9]|2[0-3]):[0-5][0-9])?$", 'empty or a 24-hour time such as "03:30"'),
    )


@dataclass(frozen=True, slots=True)
class DisplayConfig:
    """How pages look."""

    text_step: int = setting(
        1,
        "Text size each visit starts at: 1 normal, 2 larger, 3 largest. Patients change it with "
        '"Larger text"; it returns to this at every reset.',
        between(1, 3),
    )
    high_contrast: bool = setting(
        False,
        'Start every visit in high contrast (light text on black). Patients switch it with "High '
        'contrast"; it returns to this at every reset.',
    )
    animations: bool = setting(True, "Play the page-slide and attract-screen motion.")
    mount_height_mm: int = setting(
        750,
        "Height of the bottom edge of the screen's picture above the floor, in millimetres. With "
        "screen_height_mm it decides which part of a portrait screen a seated patient can reach "
        "(at most 1220 mm above the floor, ADA 308 / EN 301 549 8.3.2).",
        between(0, 2500),
    )
    screen_height_mm: int = setting(
        0,
        "Height of the screen's picture as mounted, in millimetres; 0 means a 27-inch screen "
        "(about 600 mm in portrait, 340 mm in landscape).",
        between(0, 3000),
    )


SPEECH_ENGINES = ("", "speechd", "sapi", "winrt", "mock")
VOLUME_STEPS = 4
"""How many loudness steps read-aloud has (``speech.volume`` and the patient's "Volume")."""


@dataclass(frozen=True, slots=True)
class SpeechConfig:
    """Read-aloud: the "Listen" button on every screen and the Help key."""

    enabled: bool = setting(
        True,
        'Offer read-aloud ("Listen" and the Help key). Without a speech engine on the machine '
        "the button is hidden anyway and the log says why once.",
    )
    engine: str = setting(
        "",
        'Qt text-to-speech engine; empty uses the platform\'s ("speechd" on Linux, which needs '
        'speech-dispatcher and espeak-ng; "sapi" or "winrt" on Windows). "mock" is silent and '
        "for tests only.",
        one_of(*SPEECH_ENGINES),
    )
    volume: int = setting(
        3,
        f"Loudness every visit starts at, 1 (soft) to {VOLUME_STEPS} (loudest). Patients change "
        'it with "Volume" or the volume keys; it returns to this at every reset.',
        between(1, VOLUME_STEPS),
    )


_TEXT = matches(r"^(?=.*\S)[^\x00-\x1f\x7f]{1,80}$", "1 to 80 characters, not all spaces")
CHANNELS = ("folder", "webhook", "email")
EMERGENCY_NUMBER_MAX_CHARS = 15
"""Longest emergency number: the longest phone number in the world's plan (E.164) is 15 digits."""


@dataclass(frozen=True, slots=True)
class ClinicConfig:
    """The clinic the kiosk stands in."""

    region: str = setting(
        "US",
        "Country whose phone numbers patients type without a + country code (ISO 3166 code).",
        matches(r"^[A-Z]{2}$", 'two capital letters such as "US" or "GB"'),
    )
    locations: tuple[str, ...] = setting(
        ("Main clinic",), "Clinic sites a patient can choose for the visit.", each(_TEXT)
    )
    emergency_number: str = setting(
        "911",
        "The number patients are told to call in an emergency (the pages write it where they "
        "say {emergency_number}): 112 in Europe, 999 in the UK, 000 in Australia.",
        matches(
            rf"^(?=.*[0-9])[0-9 +]{{1,{EMERGENCY_NUMBER_MAX_CHARS}}}$",
            f'1 to {EMERGENCY_NUMBER_MAX_CHARS} digits, spaces or + such as "112"',
        ),
    )


@dataclass(frozen=True, slots=True)
class DeliveryConfig:
    """Where visit requests are sent; each request is kept until every channel has it."""

    channels: tuple[str, ...] = setting(
        ("folder",),
        "Ways to deliver each request; a channel missing its settings is left out and folder "
        "is used so nothing is lost.",
        each(one_of(*CHANNELS)),
    )
    folder: Path | None = setting(
        None,
        "Folder receiving one file per request (a share or synced folder the front desk reads "
        "with `kiosk inbox`); empty uses <data_dir>/outgoing.",
    )
    folder_recipient: str = setting(
        "",
        "The clinic's public key (age1...; make a pair with `kiosk inbox new-key`). Each "
        "request file is sealed to it, so only the clinic's private key can open it; while it "
        "is empty the folder channel holds requests in the encrypted outbox.",
        matches(r"^(age1[02-9ac-hj-np-z]{58})?$", 'empty or an age public key "age1..."'),
    )
    folder_plain: bool = setting(
        False,
        "Write readable JSON files instead of sealed ones (only for a clinic system that cannot "
        "decrypt; anyone who can read the folder can read the requests).",
    )
    webhook_url: str = setting(
        "",
        "HTTPS address receiving each request as a POST: https://, a host name, an optional "
        ":port, then the path; one line of plain ASCII (an international host name in its xn-- "
        "form), no user name or password in it. Plain http is refused.",
    )
    webhook_fhir: bool = setting(False, "Send a FHIR R4 Appointment instead of plain JSON.")
    webhook_ca_file: Path | None = setting(
        None, "Extra certificate authority bundle for the webhook; empty uses the system's."
    )
    smtp_host: str = setting(
        "", "Mail server name (or IP address) for the email channel; the port goes in smtp_port."
    )
    smtp_port: int = setting(587, "Mail server port (STARTTLS is required).", between(1, 65535))
    smtp_user: str = setting("", "Mail account name; empty sends without logging in.")
    smtp_password_file: Path | None = setting(
        None, "File holding the mail account password (never put the password here)."
    )
    email_from: str = setting(
        "", "Sender address of request emails: a plain address such as kiosk@clinic.example."
    )
    email_to: str = setting(
        "", "Clinic address receiving request emails: a plain address such as desk@clinic.example."
    )
    smtp_ca_file: Path | None = setting(
        None, "Extra certificate authority bundle for the mail server; empty uses the system's."
    )
    retry_max_seconds: int = setting(
        900,
        "Longest wait between two delivery attempts while a channel fails, whatever the clock "
        "does and even when the receiver asks for a longer wait (HTTP Retry-After).",
        between(60, 86400),
    )
    attempt_seconds: int = setting(
        30,
        "Longest time one webhook or email delivery attempt may take in all (connecting, "
        "sending, waiting for the answer); a slower attempt is cut and retried later.",
        between(5, 300),
    )


@dataclass(frozen=True, slots=True)
class MonitoringConfig:
    """Health reporting for IT: a status file and Prometheus metrics."""

    status_interval_seconds: int = setting(
        30,
        "Seconds between two updates of <data_dir>/status.json and the Prometheus metrics file.",
        between(5, 3600),
    )
    metrics_dir: Path | None = setting(
        None,
        "Folder receiving hip_kiosk.prom for node_exporter's textfile collector (point "
        "--collector.textfile.directory there); empty uses <data_dir>/metrics.",
    )


@dataclass(frozen=True, slots=True)
class StaffConfig:
    """The staff panel, opened with a hidden gesture and the staff PIN."""

    pin_hash: str = setting(
        "",
        "The staff PIN's salted hash, made by `kiosk staff pin` (the PIN itself is never "
        "stored); empty means the staff panel cannot be opened.",
        matches(f"^({HASH_PATTERN})?$", "empty or a line made by `kiosk staff pin`"),
    )
    panel_idle_seconds: int = setting(
        60,
        "The staff panel closes itself after this many seconds without a touch.",
        between(15, 600),
    )


@dataclass(frozen=True, slots=True)
class Config:
    """All kiosk settings, typed and validated; build one with :func:`load_config`."""

    content_dir: Path | None = setting(
        None, "Folder holding the pages; empty uses the content bundled with the kiosk."
    )
    data_dir: Path | None = setting(
        None,
        "Folder for logs, the lock file and queued requests; empty uses the platform default "
        "(~/.local/share/hip-kiosk on Linux, %LOCALAPPDATA%\\hip-kiosk on Windows).",
    )
    default_language: str = setting(
        "en",
        "Language shown before a patient picks one.",
        matches(f"^{LANGUAGE_PATTERN}$", 'a language code such as "en" or "pt-BR"'),
    )
    idle: IdleConfig = field(default_factory=IdleConfig)
    kiosk: KioskConfig = field(default_factory=KioskConfig)
    display: DisplayConfig = field(default_factory=DisplayConfig)
    speech: SpeechConfig = field(default_factory=SpeechConfig)
    clinic: ClinicConfig = field(default_factory=ClinicConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    monitoring: MonitoringConfig = field(default_factory=MonitoringConfig)
    staff: StaffConfig = field(default_factory=StaffConfig)

    @classmethod
    def defaults(cls) -> Self:
        """Every setting at its default."""
        return cls()

    def effective_data_dir(self, environ: Mapping[str, str] | None = None) -> Path:
        """``data_dir``, or the platform default when it is empty."""
        if self.data_dir is not None:
            return self.data_dir
        return platform_data_dir(os.environ if environ is None else environ)

    def effective_metrics_dir(self, data_dir: Path) -> Path:
        """``monitoring.metrics_dir``, or ``<data_dir>/metrics`` when it is empty."""
        return self.monitoring.metrics_dir or data_dir / "metrics"


def default_config() -> Config:
    """Every setting at its default."""
    return Config()


def platform_data_dir(environ: Mapping[str, str], platform: str = sys.platform) -> Path:
    """Default home of logs and the outbox: ``%LOCALAPPDATA%`` on Windows, else XDG."""
    if platform == "win32":
        local = environ.get("LOCALAPPDATA", "")
        root = Path(local) if local else Path.home() / "AppData" / "Local"
    else:  # The XDG spec says to ignore a relative XDG_DATA_HOME.
        xdg = environ.get("XDG_DATA_HOME", "")
        root = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return root / APP_DIR_NAME


# --- Which file -----------------------------------------------------------------------------

LOOKUP_ORDER: tuple[str, ...] = (
    "--config FILE",
    f"${ENV_VAR}",
    f"{CONFIG_FILE_NAME} next to a packaged kiosk",
    f"/etc/{APP_DIR_NAME}/{CONFIG_FILE_NAME} or %ProgramData%\\{APP_DIR_NAME}\\{CONFIG_FILE_NAME}",
)
"""Where the settings file is looked for, first match wins; without one, the defaults apply.

The same order as :func:`resolve_config_path`: the command line, the environment variable,
next to a frozen executable (:func:`config_candidates`), the machine-wide file (Unix, Windows).
"""


def lookup_order_text(*, after_option: bool = False) -> str:
    """:data:`LOOKUP_ORDER` as one line ending "else defaults", for ``--help`` and the default file.

    ``after_option`` leaves out ``--config FILE`` (for the help of that option itself). Plain
    text: argparse help must double each ``%``.
    """
    steps = LOOKUP_ORDER[1:] if after_option else LOOKUP_ORDER
    return ", ".join(steps) + ", else defaults"


def machine_config_path(environ: Mapping[str, str], platform: str = sys.platform) -> Path | None:
    """The machine-wide config file's place; None on Windows without ``%ProgramData%``."""
    if platform == "win32":
        program_data = environ.get("ProgramData", "") or environ.get("PROGRAMDATA", "")
        return Path(program_data) / APP_DIR_NAME / CONFIG_FILE_NAME if program_data else None
    return Path("/etc") / APP_DIR_NAME / CONFIG_FILE_NAME


def config_candidates(
    environ: Mapping[str, str],
    *,
    frozen: bool | None = None,
    executable: str | None = None,
    platform: str = sys.platform,
) -> list[Path]:
    """The files looked for when none is named: next to a frozen executable, machine-wide.

    "Next to" is the folder of ``sys.executable`` when the kiosk runs as a frozen (packaged)
    program; from Python sources that would be the interpreter's folder, so it is skipped.
    """
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = sys.executable if executable is None else executable
    candidates = []
    if frozen and executable:
        candidates.append(Path(executable).absolute().parent / CONFIG_FILE_NAME)
    machine = machine_config_path(environ, platform)
    if machine is not None:
        candidates.append(machine)
    return candidates


def resolve_config_path(
    cli_path: Path | None,
    environ: Mapping[str, str],
    *,
    frozen: bool | None = None,
    executable: str | None = None,
    platform: str = sys.platform,
    is_file: Callable[[Path], bool] = Path.is_file,
) -> Path | None:
    """The config file to load, in the order of :data:`LOOKUP_ORDER`; None for the defaults.

    ``frozen`` and ``executable`` default to ``sys.frozen`` and ``sys.executable``; tests pass
    them (and ``platform``, ``is_file``) so the answer does not depend on the machine.
    """
    if cli_path is not None:
        return cli_path.expanduser()
    named = environ.get(ENV_VAR, "").strip()
    if named:
        return Path(named).expanduser()
    candidates = config_candidates(environ, frozen=frozen, executable=executable, platform=platform)
    for candidate in candidates:
        try:
            if is_file(candidate):
                return candidate
        except OSError:  # an unreadable folder on the way is the same as no file
            continue
    return None


# --- Loading --------------------------------------------------------------------------------

SCHEMA: Schema[Config] = Schema(Config)
"""Every setting, gathered from the dataclasses above."""
OPTIONS: tuple[Option, ...] = SCHEMA.options
"""Every setting, in declaration order."""


@dataclass(frozen=True, slots=True)
class ConfigResult:
    """The settings to use, what was wrong with the file, and which file it was."""

    config: Config
    problems: tuple[ConfigProblem, ...] = ()
    source: Path | None = None


def load_config(path: Path | None) -> ConfigResult:
    """Read ``path`` (``None``: no file, all defaults). Never raises for a bad file."""
    if path is None:
        return ConfigResult(Config())
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return _file_problem(path, "was not found")
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        return _file_problem(path, f"cannot be read ({getattr(error, 'strerror', '') or error})")
    if len(raw) > MAX_FILE_BYTES:
        return _file_problem(path, f"is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")  # Notepad may add a byte order mark
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return _file_problem(path, f"is not UTF-8 text (bad byte on line {line}); save as UTF-8")
    return config_from_text(text, base_dir=path.absolute().parent, source=path)


def config_from_text(
    text: str, *, base_dir: Path | None = None, source: Path | None = None
) -> ConfigResult:
    """Parse TOML ``text``; relative paths are resolved against ``base_dir`` (default: cwd)."""
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as error:  # TOMLDecodeError, huge numbers, deep nesting
        return _file_problem(source, f"is not valid TOML: {str(error)[:200]}")
    return dataclasses.replace(config_from_mapping(data, base_dir=base_dir), source=source)


def config_from_mapping(
    data: Mapping[str, object], *, base_dir: Path | None = None
) -> ConfigResult:
    """Validate parsed TOML (nested dicts); relative paths are resolved against ``base_dir``."""
    problems: list[ConfigProblem] = []
    config = SCHEMA.read(data, base_dir or Path.cwd(), problems)
    config = _check_staff(_check_delivery(config, problems), problems)
    return ConfigResult(config, tuple(problems))


def _check_delivery(config: Config, problems: list[ConfigProblem]) -> Config:
    """Bad channel settings and channels missing a setting are left out (reported by key)."""
    from kiosk.config_delivery import check_delivery  # it needs DeliveryConfig from here

    delivery = check_delivery(config.delivery, problems)
    return config if delivery is config.delivery else dataclasses.replace(config, delivery=delivery)


PIN_HASH_KEY = "staff.pin_hash"
HIDDEN_VALUE = '"(hidden)"'
"""Shown for ``staff.pin_hash`` in problems: a hash of a short PIN gives the PIN away to
anyone who tries every PIN against it, and a mistyped value may be the PIN itself."""


def _check_staff(config: Config, problems: list[ConfigProblem]) -> Config:
    """A PIN hash of the right form whose numbers are past their caps is reported and cleared;
    no problem about the hash shows its value."""
    for index, problem in enumerate(problems):
        if problem.key == PIN_HASH_KEY:
            problems[index] = dataclasses.replace(problem, value_repr=HIDDEN_VALUE)
    pin_hash = config.staff.pin_hash
    why = hash_problem(pin_hash) if pin_hash else ""
    if not why:
        return config
    message = f"{why} Until then the staff panel cannot be opened."
    problems.append(ConfigProblem(PIN_HASH_KEY, HIDDEN_VALUE, "a usable PIN hash", message))
    return dataclasses.replace(config, staff=dataclasses.replace(config.staff, pin_hash=""))


def _file_problem(path: Path | None, what: str) -> ConfigResult:
    where = "config text" if path is None else f"config file {path}"
    value = "" if path is None else show(str(path))
    message = f"{where} {what}; using the defaults for every setting"
    return ConfigResult(Config(), (ConfigProblem("", value, "a UTF-8 TOML file", message),), path)


# --- Generated text -------------------------------------------------------------------------


def defaults_toml() -> str:
    """A commented config file listing every setting at its default; it parses to the defaults."""
    return SCHEMA.defaults_toml(
        "Hip kiosk settings, each shown at its default value: change what you need and delete "
        f"the rest. The kiosk looks for this file in this order: {lookup_order_text()}. "
        "Relative paths are relative to this file's folder; "
        "~ is the home folder. A bad value is logged at start-up and its default used instead."
    )


def reference_markdown() -> str:
    """A Markdown table of every setting for the IT documentation."""
    return SCHEMA.reference_markdown()
