"""Tests for kiosk.config: defaults, valid files, every kind of bad input, generated text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import tempfile
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import (
    EMERGENCY_NUMBER_MAX_CHARS,
    ENV_VAR,
    LOOKUP_ORDER,
    OPTIONS,
    SCHEMA,
    Config,
    ConfigProblem,
    ConfigResult,
    DisplayConfig,
    IdleConfig,
    KioskConfig,
    Option,
    StaffConfig,
    between,
    config_from_mapping,
    config_from_text,
    default_config,
    defaults_toml,
    load_config,
    lookup_order_text,
    machine_config_path,
    one_of,
    platform_data_dir,
    reference_markdown,
    resolve_config_path,
)
from kiosk.config_schema import TYPE_TEXT, toml_value
from kiosk.content.render import DEFAULT_EMERGENCY_NUMBER
from kiosk.staff.pin import hash_pin, verify_pin


def value_of(config: Config, name: str) -> object:
    return functools.reduce(getattr, name.split("."), config)


def assert_complete_and_valid(result: ConfigResult) -> None:
    """Every setting is present, of its declared type, and obeys its rule."""
    assert isinstance(result.config, Config)
    for option in OPTIONS:
        value = value_of(result.config, option.name)
        if option.type is Path:
            assert value is None or isinstance(value, Path)
        else:
            assert type(value) is option.type, option.name
        if option.rule is not None and value is not None:
            assert option.rule.test(value), option.name
    for problem in result.problems:
        assert isinstance(problem, ConfigProblem)
        assert len(problem.value_repr) <= 60
        assert len(problem.key) <= 60
        assert "\n" not in str(problem)


def write(tmp_path: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(result: ConfigResult) -> ConfigProblem:
    assert len(result.problems) == 1, [str(problem) for problem in result.problems]
    return result.problems[0]


# --- Defaults and declarations ----------------------------------------------------------------


def test_defaults() -> None:
    config = Config()
    assert config == Config.defaults() == default_config()
    assert config.content_dir is None
    assert config.data_dir is None
    assert config.default_language == "en"
    assert config.idle == IdleConfig(timeout_seconds=90, warning_seconds=20)
    assert config.kiosk == KioskConfig(fullscreen=True, hide_cursor=True, daily_restart="")
    assert config.display == DisplayConfig(text_step=1, high_contrast=False, animations=True)


def test_config_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().idle.timeout_seconds = 5  # type: ignore[misc]


def test_no_path_means_defaults_without_problems() -> None:
    assert load_config(None) == ConfigResult(Config(), (), None)


def declared_settings(cls: type, prefix: str = "") -> list[str]:
    """Dotted names of every dataclass field that is not itself a table, found independently."""
    names: list[str] = []
    for spec in dataclasses.fields(cls):
        if isinstance(spec.default_factory, type) and dataclasses.is_dataclass(
            spec.default_factory
        ):
            names += declared_settings(spec.default_factory, f"{prefix}{spec.name}.")
        else:
            names.append(prefix + spec.name)
    return names


def test_every_dataclass_field_is_an_option_declared_once() -> None:
    names = [option.name for option in OPTIONS]
    assert names == declared_settings(Config)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("option", OPTIONS, ids=lambda option: option.name)
def test_every_option_is_well_declared(option: Option) -> None:
    assert re.fullmatch(r"[a-z_]+(\.[a-z_]+)*", option.name)
    assert option.name == (f"{option.table}.{option.key}" if option.table else option.key)
    assert option.table in SCHEMA.tables
    assert option.description.strip() and option.description.endswith(".")
    assert option.rule_text.startswith(TYPE_TEXT[option.type])
    assert value_of(Config(), option.name) == option.default
    if option.rule is not None and option.default is not None:
        assert option.rule.test(option.default), option.rule.text


@pytest.mark.parametrize("option", OPTIONS, ids=lambda option: option.name)
def test_every_default_written_alone_reads_back_without_problems(option: Option) -> None:
    result = config_from_text(f"{option.name} = {toml_value(option.default)}\n")
    assert result.problems == ()
    assert value_of(result.config, option.name) == option.default


def test_option_parts_and_rule_text() -> None:
    timeout = next(option for option in OPTIONS if option.name == "idle.timeout_seconds")
    assert timeout == Option("idle.timeout_seconds", int, 90, timeout.description, timeout.rule)
    assert (timeout.table, timeout.key) == ("idle", "timeout_seconds")
    assert timeout.rule_text == "a whole number, between 10 and 3600"


def test_rules() -> None:
    assert between(1, 3).test(3) and not between(1, 3).test(4)
    channels = one_of("email", "printer")
    assert channels.text == 'one of "email", "printer"'
    assert channels.test("email") and not channels.test("fax")


# --- Valid files ------------------------------------------------------------------------------

FULL = """\
content_dir = "pages"
data_dir = "~/kiosk-data"
default_language = "pt-BR"

[idle]
timeout_seconds = 120
warning_seconds = 20

[kiosk]
fullscreen = false
hide_cursor = false

[display]
text_step = 2
high_contrast = true
animations = false
mount_height_mm = 900
"""


def test_full_valid_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = write(tmp_path, FULL)
    result = load_config(path)
    assert result.problems == ()
    assert result.source == path
    assert result.config == Config(
        content_dir=tmp_path / "pages",
        data_dir=tmp_path / "home" / "kiosk-data",
        default_language="pt-BR",
        idle=IdleConfig(timeout_seconds=120, warning_seconds=20),
        kiosk=KioskConfig(fullscreen=False, hide_cursor=False),
        display=DisplayConfig(
            text_step=2, high_contrast=True, animations=False, mount_height_mm=900
        ),
    )


def test_relative_paths_follow_the_config_file_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "etc").mkdir()
    path = write(tmp_path / "etc", 'content_dir = "../content"\ndata_dir = "/var/kiosk"\n')
    monkeypatch.chdir(tmp_path / "etc")
    result = load_config(Path(path.name))
    assert result.config.content_dir == tmp_path / "etc" / ".." / "content"
    assert result.config.data_dir == Path("/var/kiosk")


def test_dotted_keys_empty_paths_and_integer_floats(tmp_path: Path) -> None:
    text = 'content_dir = ""\nidle.timeout_seconds = 30\ndisplay.text_step = 2\n'
    result = load_config(write(tmp_path, text))
    assert result.problems == ()
    assert result.config.content_dir is None
    assert result.config.idle.timeout_seconds == 30
    assert result.config.display.text_step == 2


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf[kiosk]\nfullscreen = false\n")
    result = load_config(path)
    assert result.problems == ()
    assert result.config.kiosk.fullscreen is False


# --- Bad files --------------------------------------------------------------------------------


def test_missing_file_is_a_problem_when_named(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    result = load_config(path)
    assert result.config == Config()
    problem = only_problem(result)
    assert problem.key == ""
    assert str(path) in str(problem) and "not found" in str(problem)


def test_unreadable_file(tmp_path: Path) -> None:
    result = load_config(tmp_path)  # a folder, not a file
    assert result.config == Config()
    assert "cannot be read" in str(only_problem(result))


def test_nul_in_path_is_unreadable_not_a_crash() -> None:
    result = load_config(Path("bad\0name.toml"))
    assert "cannot be read" in str(only_problem(result))


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "# padding\n" * 200_000)
    result = load_config(path)
    assert "larger than" in str(only_problem(result))
    assert result.config == Config()


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes("[idle]\ntimeout_seconds = 30\n# café\n".encode("latin-1"))
    result = load_config(path)
    assert result.config == Config()
    message = str(only_problem(result))
    assert "UTF-8" in message and "line 3" in message


def test_toml_syntax_error_reports_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[idle]\ntimeout_seconds = 30\nwarning_seconds = = 4\n")
    result = load_config(path)
    assert result.config == Config()
    problem = only_problem(result)
    assert "not valid TOML" in problem.message and "line 3" in problem.message
    assert str(path) in problem.message


@pytest.mark.parametrize(
    "text",
    ["a = " + "1" * 5000, "a = " + "[" * 100_000, "a = 1\na = 2"],
    ids=["integer-too-long", "nesting-too-deep", "duplicate-key"],
)
def test_pathological_toml_is_a_problem_not_a_crash(text: str) -> None:
    result = config_from_text(text)
    assert result.config == Config()
    assert "not valid TOML" in only_problem(result).message


# --- Bad values -------------------------------------------------------------------------------

# (file text, key, value repr, rule, default)
BAD_VALUES = [
    ("[idle]\ntimeout_seconds = true", "idle.timeout_seconds", "true", "a whole number", "90"),
    ("[idle]\ntimeout_seconds = 90.0", "idle.timeout_seconds", "90.0", "a whole number", "90"),
    ('[idle]\ntimeout_seconds = "90"', "idle.timeout_seconds", '"90"', "a whole number", "90"),
    ("[idle]\ntimeout_seconds = 5", "idle.timeout_seconds", "5", "between 10 and 3600", "90"),
    ("[idle]\ntimeout_seconds = 3601", "idle.timeout_seconds", "3601", "between 10 and 3600", "90"),
    ("[idle]\nwarning_seconds = 2", "idle.warning_seconds", "2", "between 20 and 120", "20"),
    ("[idle]\nwarning_seconds = 15", "idle.warning_seconds", "15", "between 20 and 120", "20"),
    ("[idle]\nwarning_seconds = 19", "idle.warning_seconds", "19", "between 20 and 120", "20"),
    ("[idle]\nwarning_seconds = 121", "idle.warning_seconds", "121", "between 20 and 120", "20"),
    ('[kiosk]\nfullscreen = "yes"', "kiosk.fullscreen", '"yes"', "true or false", "true"),
    ("[kiosk]\nhide_cursor = 1", "kiosk.hide_cursor", "1", "true or false", "true"),
    ("[display]\ntext_step = true", "display.text_step", "true", "a whole number", "1"),
    ("[display]\ntext_step = 1.5", "display.text_step", "1.5", "a whole number", "1"),
    ("[display]\ntext_step = 4", "display.text_step", "4", "between 1 and 3", "1"),
    ("[display]\ntext_step = 0", "display.text_step", "0", "between 1 and 3", "1"),
    ("[display]\nhigh_contrast = 1", "display.high_contrast", "1", "true or false", "false"),
    (
        "[display]\nmount_height_mm = -5",
        "display.mount_height_mm",
        "-5",
        "between 0 and 2500",
        "750",
    ),
    ("default_language = 42", "default_language", "42", "text in quotes", '"en"'),
    ('default_language = "EN"', "default_language", '"EN"', "a language code", '"en"'),
    ('default_language = "en\\n"', "default_language", '"en\\n"', "a language code", '"en"'),
    ("content_dir = 5", "content_dir", "5", "a file or folder path", "the default"),
    ('data_dir = "a\\u0000b"', "data_dir", '"a\\u0000b"', "a file or folder path", "the default"),
    ("content_dir = [1, 2]", "content_dir", "[1, 2]", "a file or folder path", "the default"),
    # A table where a value belongs.
    ("default_language = { a = 1 }", "default_language", "{ a = 1 }", "text", '"en"'),
    ("[kiosk.fullscreen]\nx = 1", "kiosk.fullscreen", "{ x = 1 }", "true or false", "true"),
]


@pytest.mark.parametrize(("text", "key", "value", "rule", "default"), BAD_VALUES)
def test_bad_value_names_key_value_rule_and_falls_back(
    tmp_path: Path, text: str, key: str, value: str, rule: str, default: str
) -> None:
    result = load_config(write(tmp_path, text + "\n"))
    problem = only_problem(result)
    assert problem.key == key
    assert problem.value_repr == value
    assert rule in problem.rule
    assert str(problem).startswith(f"{key} = {value}: must be ")
    assert str(problem).endswith(f"; using {default}")
    assert result.config == Config()


@given(st.integers(-(2**63), 19))
def test_the_idle_warning_never_runs_under_20_seconds(seconds: int) -> None:
    """WCAG 2.2.1: a patient always has at least 20 s to answer "Are you still there?"."""
    assert Config().idle.warning_seconds >= 20
    result = config_from_text(f"[idle]\nwarning_seconds = {seconds}\n")
    assert str(only_problem(result)) == (
        f"idle.warning_seconds = {seconds}: must be between 20 and 120; using 20"
    )
    assert result.config.idle.warning_seconds == 20


def test_problem_text_format() -> None:
    result = config_from_text("[idle]\ntimeout_seconds = 5\n")
    assert str(only_problem(result)) == (
        "idle.timeout_seconds = 5: must be between 10 and 3600; using 90"
    )


def test_everything_else_still_applies(tmp_path: Path) -> None:
    text = """\
default_language = "xx-YY-ZZ"
colour = "blue"
[idle]
timeout_seconds = true
warning_seconds = 30
[kiosk]
fullscreen = false
[display]
text_step = 9
animations = false
"""
    result = load_config(write(tmp_path, text))
    assert [problem.key for problem in result.problems] == [
        "default_language",
        "colour",
        "idle.timeout_seconds",
        "display.text_step",
    ]
    assert result.config == Config(
        idle=IdleConfig(warning_seconds=30),
        kiosk=KioskConfig(fullscreen=False),
        display=DisplayConfig(animations=False),
    )


def test_value_where_a_table_belongs(tmp_path: Path) -> None:
    result = load_config(write(tmp_path, "idle = 5\n[kiosk]\nfullscreen = false\n"))
    problem = only_problem(result)
    assert (problem.key, problem.value_repr, problem.rule) == ("idle", "5", "a table")
    assert "must be a table [idle]" in str(problem)
    assert result.config.idle == IdleConfig()
    assert result.config.kiosk.fullscreen is False


def test_long_values_are_shortened() -> None:
    text = f'default_language = "{"x" * 10_000}"\ncontent_dir = [{", ".join(["1"] * 10_000)}]\n'
    result = config_from_text(text)
    assert [problem.key for problem in result.problems] == ["default_language", "content_dir"]
    for problem in result.problems:
        assert len(problem.value_repr) <= 60
        assert "..." in problem.value_repr
        assert len(str(problem)) < 200


def test_nested_values_are_shown_briefly() -> None:
    data = {"content_dir": {"a": [1, [2, [3]]], "b c": "d", "e": 1, "f": 2, "g": 3}}
    problem = only_problem(config_from_mapping(data))
    assert problem.value_repr.startswith('{ a = [1, [...]], "b c" = "d"')
    assert len(problem.value_repr) <= 60


# --- Unknown keys -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "suggestion"),
    [
        ("[idle]\ntimout_seconds = 30", "idle.timout_seconds", "idle.timeout_seconds"),
        ("fullscreen = false", "fullscreen", "kiosk.fullscreen"),
        ("[display]\ntext_stp = 2", "display.text_stp", "display.text_step"),
        ("[idel]\ntimeout_seconds = 30", "idel", "[idle]"),
        ("default_lang = 'en'", "default_lang", "default_language"),
    ],
)
def test_unknown_key_is_ignored_with_a_suggestion(text: str, key: str, suggestion: str) -> None:
    result = config_from_text(text)
    problem = only_problem(result)
    assert problem.key == key
    assert "unknown" in problem.message and "ignored" in problem.message
    assert problem.message.endswith(f"did you mean {suggestion}?")
    assert result.config == Config()


def test_unknown_key_without_a_close_match() -> None:
    problem = only_problem(config_from_text('zzzzqqq = "x"'))
    assert str(problem) == 'zzzzqqq = "x": unknown setting, ignored'


def test_odd_keys_are_quoted_and_shortened() -> None:
    long_key = "k" * 500
    result = config_from_text(f'"idle.timeout_seconds" = 5\n"{long_key}" = 1\n"a\\nb" = 2\n')
    keys = [problem.key for problem in result.problems]
    assert keys[0] == '"idle.timeout_seconds"'  # a quoted dotted key is one key, not a path
    assert len(keys[1]) <= 60 and keys[1].endswith("...")
    assert keys[2] == '"a\\nb"'
    assert result.config == Config()


# --- Where the file comes from ----------------------------------------------------------------


def test_resolve_config_path_order(tmp_path: Path) -> None:
    cli, env = tmp_path / "cli.toml", tmp_path / "env.toml"
    assert resolve_config_path(cli, {ENV_VAR: str(env)}) == cli
    assert resolve_config_path(None, {ENV_VAR: str(env)}) == env
    assert resolve_config_path(None, {}) is None
    assert resolve_config_path(None, {ENV_VAR: "  "}) is None


def test_resolve_config_path_expands_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/clinic")
    assert resolve_config_path(None, {ENV_VAR: "~/kiosk.toml"}) == Path("/home/clinic/kiosk.toml")
    assert resolve_config_path(Path("~/a.toml"), {}) == Path("/home/clinic/a.toml")


def test_platform_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/clinic")
    linux_default = Path("/home/clinic/.local/share/hip-kiosk")
    assert platform_data_dir({}, "linux") == linux_default
    assert platform_data_dir({"XDG_DATA_HOME": "/data"}, "linux") == Path("/data/hip-kiosk")
    assert platform_data_dir({"XDG_DATA_HOME": "relative"}, "linux") == linux_default
    local = platform_data_dir({"LOCALAPPDATA": "/c/Users/clinic/AppData/Local"}, "win32")
    assert local == Path("/c/Users/clinic/AppData/Local/hip-kiosk")
    assert platform_data_dir({}, "win32") == Path("/home/clinic/AppData/Local/hip-kiosk")


def test_effective_data_dir(tmp_path: Path) -> None:
    assert Config(data_dir=tmp_path).effective_data_dir({}) == tmp_path
    xdg = {"XDG_DATA_HOME": str(tmp_path)}
    assert Config().effective_data_dir(xdg) == platform_data_dir(xdg)


# --- Generated text ---------------------------------------------------------------------------


def test_defaults_toml_round_trips_to_the_defaults(tmp_path: Path) -> None:
    text = defaults_toml()
    tomllib.loads(text)  # plain TOML
    result = load_config(write(tmp_path, text))
    assert result == ConfigResult(Config(), (), tmp_path / "kiosk.toml")


def test_defaults_toml_documents_every_setting() -> None:
    text = defaults_toml()
    flat = " ".join(line.removeprefix("# ") for line in text.splitlines())
    for option in OPTIONS:
        assert f"\n{option.key} = " in text
        assert option.description in flat
        assert option.rule_text in flat
    for table in ("idle", "kiosk", "display"):
        assert f"\n[{table}]\n" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_lookup_order_is_written_once() -> None:
    text = lookup_order_text()
    assert text == ", ".join(LOOKUP_ORDER) + ", else defaults"
    assert text.startswith(f"--config FILE, ${ENV_VAR}, kiosk.toml next to a packaged kiosk, ")
    assert lookup_order_text(after_option=True) == text.removeprefix("--config FILE, ")
    machine = machine_config_path({}, "linux")
    assert machine is not None and machine.as_posix() in LOOKUP_ORDER[-1]
    assert "%ProgramData%\\hip-kiosk\\kiosk.toml" in LOOKUP_ORDER[-1]
    flat = " ".join(line.removeprefix("# ") for line in defaults_toml().splitlines())
    assert text in flat


def test_reference_markdown_lists_every_setting() -> None:
    text = reference_markdown()
    for option in OPTIONS:
        assert f"| `{option.name}` |" in text


# --- Never raises -----------------------------------------------------------------------------

KEYS = sorted({part for option in OPTIONS for part in option.name.split(".")})
SCALARS = (
    st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=80)
    | st.sampled_from(["", "en", "~/x", "/abs", "rel/dir", "a\0b"])
    | st.datetimes()
    | st.dates()
    | st.times()
    | st.datetimes(timezones=st.just(dt.UTC))
)
KEY = st.sampled_from(KEYS) | st.text(max_size=12)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(KEY, children, max_size=5),
    max_leaves=30,
)


@given(st.dictionaries(KEY, VALUES, max_size=8))
def test_arbitrary_nested_data_never_raises(data: dict[str, object]) -> None:
    result = config_from_mapping(data, base_dir=Path("/base"))
    assert_complete_and_valid(result)
    for option in OPTIONS:
        value = value_of(result.config, option.name)
        if isinstance(value, Path):
            assert value.is_absolute()


def shaped(table: str) -> st.SearchStrategy[dict[str, object]]:
    """Dicts with the real structure of ``table``, holding arbitrary values."""
    keys = {option.key: VALUES for option in OPTIONS if option.table == table}
    tables = {option.table for option in OPTIONS if option.table.rpartition(".")[0] == table}
    subtables = {sub.rpartition(".")[2]: shaped(sub) | VALUES for sub in tables - {""}}
    return st.fixed_dictionaries({}, optional=keys | subtables)


@given(shaped(""))
def test_arbitrary_values_in_the_right_places_never_raise(data: dict[str, object]) -> None:
    assert_complete_and_valid(config_from_mapping(data))


TOML_FRAGMENTS = st.sampled_from(
    [
        "[idle]",
        "[kiosk]",
        "[display]",
        "[[idle]]",
        "[idle.timeout_seconds]",
        "timeout_seconds = 30",
        "timeout_seconds = true",
        "text_step = 2",
        "text_step = nan",
        'default_language = "de"',
        'content_dir = "~/c"',
        "idle = 3",
        "x = ",
        '"',
        "'''",
        "= 1",
        "a.b.c = [1, {x = 2}]",
        "fullscreen = 1979-05-27T07:32:00Z",
        "\ufeff",
        "\x00",
    ]
)
TOML_ISH = st.lists(TOML_FRAGMENTS | st.text(max_size=30), max_size=12).map("\n".join)


@given(TOML_ISH | st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_complete_and_valid(config_from_text(text))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=50, deadline=None)
@given(st.binary(max_size=200) | TOML_ISH.map(lambda text: text.encode("utf-8", "replace")))
def test_arbitrary_file_bytes_never_raise(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kiosk.toml"
        path.write_bytes(raw)
        result = load_config(path)
    assert_complete_and_valid(result)


@given(
    st.integers(10, 3600),
    st.integers(20, 120),
    st.integers(1, 3),
    st.booleans(),
    st.from_regex(r"[a-z]{2,3}(-[A-Za-z0-9]+)?", fullmatch=True),
)
def test_valid_values_are_kept_exactly(
    timeout: int, warning: int, step: int, flag: bool, language: str
) -> None:
    data = {
        "default_language": language,
        "idle": {"timeout_seconds": timeout, "warning_seconds": warning},
        "kiosk": {"fullscreen": flag, "hide_cursor": not flag},
        "display": {"text_step": step, "high_contrast": flag, "animations": flag},
    }
    result = config_from_mapping(data)
    assert result.problems == ()
    assert result.config.default_language == language
    assert result.config.idle == IdleConfig(timeout, warning)
    assert result.config.kiosk == KioskConfig(flag, not flag)
    assert result.config.display.text_step == step
    assert result.config.display.high_contrast is flag


# --- Clinic and delivery settings ---------------------------------------------------------------


def test_clinic_and_delivery_defaults() -> None:
    config = Config()
    assert config.clinic.region == "US"
    assert config.clinic.locations == ("Main clinic",)
    assert config.delivery.channels == ("folder",)
    assert config.delivery.folder is None and config.delivery.smtp_port == 587
    assert config.delivery.retry_max_seconds == 900 and config.delivery.webhook_fhir is False


def test_list_settings_parse_render_and_document(tmp_path: Path) -> None:
    text = (
        '[clinic]\nregion = "GB"\nlocations = ["North", "South"]\n'
        '[delivery]\nchannels = ["folder", "webhook"]\nwebhook_url = "https://h.example/in"\n'
        'smtp_password_file = "secret.txt"\n'
    )
    result = config_from_text(text, base_dir=tmp_path)
    assert result.problems == ()
    assert result.config.clinic.locations == ("North", "South")
    assert result.config.delivery.channels == ("folder", "webhook")
    assert result.config.delivery.smtp_password_file == tmp_path / "secret.txt"
    assert 'locations = ["Main clinic"]' in defaults_toml()
    assert 'channels = ["folder"]' in defaults_toml()
    option = next(o for o in OPTIONS if o.name == "clinic.locations")
    assert option.type is tuple and option.rule_text.startswith("a list of texts in quotes")
    assert '`["Main clinic"]`' in reference_markdown()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[clinic]\nlocations = "Main clinic"', "clinic.locations"),
        ("[clinic]\nlocations = []", "clinic.locations"),
        ("[clinic]\nlocations = [1, 2]", "clinic.locations"),
        ('[clinic]\nregion = "us"', "clinic.region"),
        ('[delivery]\nchannels = ["fax"]', "delivery.channels"),
        ('[delivery]\nwebhook_url = "http://plain.example/in"', "delivery.webhook_url"),
        ("[delivery]\nretry_max_seconds = 5", "delivery.retry_max_seconds"),
    ],
)
def test_bad_clinic_and_delivery_values(text: str, key: str) -> None:
    result = config_from_text(text)
    assert [problem.key for problem in result.problems] == [key]
    assert result.config == Config()


def test_channel_missing_its_settings_is_left_out_by_key() -> None:
    result = config_from_text('[delivery]\nchannels = ["webhook", "email"]\nsmtp_host = "m"\n')
    keys = {problem.key for problem in result.problems}
    assert keys == {"delivery.webhook_url", "delivery.email_from", "delivery.email_to"}
    assert result.config.delivery.channels == ("folder",)  # nothing is lost
    login = config_from_text(
        '[delivery]\nchannels = ["email"]\nsmtp_host = "m"\nemail_from = "a@b.c"\n'
        'email_to = "d@e.f"\nsmtp_user = "u"\n'
    )
    assert [p.key for p in login.problems] == ["delivery.smtp_password_file"]


_GOOD_CHANNELS = {
    "webhook_url": "https://clinic.example/in",
    "smtp_host": "mail.clinic.example",
    "email_from": "kiosk@clinic.example",
    "email_to": "desk@clinic.example",
}


def all_channels(line: str) -> str:
    """A ``[delivery]`` table using all three channels, with ``line`` replacing its key."""
    key = line.partition(" =")[0]
    lines = [f'{k} = "{v}"' for k, v in _GOOD_CHANNELS.items() if k != key]
    return '[delivery]\nchannels = ["folder", "webhook", "email"]\n' + "\n".join([*lines, line])


@pytest.mark.parametrize(
    ("line", "key", "left"),
    [
        ('webhook_url = "https://:8443/x"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://[::1/x"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://host:99999/"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://host:0/"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://host/a b"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://host/\\n"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://user:pw@host/"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://bücher.example/"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://a..b/"', "webhook_url", ("folder", "email")),
        ('webhook_url = "https://[zz::1]/"', "webhook_url", ("folder", "email")),
        ('smtp_host = "mail host"', "smtp_host", ("folder", "webhook")),
        ('smtp_host = "mail.example:587"', "smtp_host", ("folder", "webhook")),
        ('smtp_host = "mail/x"', "smtp_host", ("folder", "webhook")),
        ('email_from = "kiosk at clinic"', "email_from", ("folder", "webhook")),
        ('email_to = "Desk <desk@clinic.example>"', "email_to", ("folder", "webhook")),
        ('email_to = "desk@clinic.example, it@clinic.example"', "email_to", ("folder", "webhook")),
        ('email_to = "desk@clinic.example\\nBcc: x@y.z"', "email_to", ("folder", "webhook")),
        ('email_to = "désk@clinic.example"', "email_to", ("folder", "webhook")),
    ],
)
def test_a_bad_channel_address_drops_only_that_channel(
    line: str, key: str, left: tuple[str, ...]
) -> None:
    result = config_from_text(all_channels(line))
    (problem,) = result.problems  # named once, with its reason (not also "is needed")
    assert problem.key == f"delivery.{key}"
    channel = "webhook" if key == "webhook_url" else "email"
    assert problem.message.endswith(f"; the {channel} channel is not used")
    assert result.config.delivery.channels == left
    assert getattr(result.config.delivery, key) == ""  # nothing downstream sees the bad value


def test_a_bad_address_of_an_unused_channel_is_still_reported() -> None:
    result = config_from_text('[delivery]\nwebhook_url = "https://:1/x"\n')
    (problem,) = result.problems
    assert problem.key == "delivery.webhook_url" and "channel is not used" not in problem.message
    assert result.config == Config()


def test_credentials_in_the_webhook_url_are_never_shown() -> None:
    result = config_from_text(
        '[delivery]\nchannels = ["webhook"]\nwebhook_url = "https://alice-q:zq-77@h.example/"\n'
    )
    (problem,) = result.problems
    assert "zq-77" not in str(problem) and "alice-q" not in str(problem)
    assert problem.value_repr == '"https://***@h.example/"'
    assert "user name or password" in problem.message
    assert result.config.delivery.channels == ("folder",)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("webhook_url", "https://clinic.example"),
        ("webhook_url", "https://clinic.example:8443/in?site=north&x=%20#top"),
        ("webhook_url", "https://127.0.0.1:8443/x"),
        ("webhook_url", "https://[::1]:8443/x"),
        ("webhook_url", "https://xn--bcher-kva.example/in"),
        ("webhook_url", "https://intake_host.clinic.lan./in"),
        ("smtp_host", "mail.clinic.example"),
        ("smtp_host", "10.0.0.25"),
        ("smtp_host", "::1"),
        ("email_to", "desk@clinic.example"),
        ("email_to", "front.desk+kiosk@clinic.local"),  # a private network's own domain
        ("email_to", "desk@mail"),
        ("email_from", "kiosk@xn--bcher-kva.example"),
    ],
)
def test_good_channel_addresses_are_kept(key: str, value: str) -> None:
    result = config_from_text(all_channels(f'{key} = "{value}"'))
    assert result.problems == ()
    assert getattr(result.config.delivery, key) == value
    assert result.config.delivery.channels == ("folder", "webhook", "email")


def test_attempt_seconds() -> None:
    assert Config().delivery.attempt_seconds == 30
    assert (
        config_from_text("[delivery]\nattempt_seconds = 90\n").config.delivery.attempt_seconds == 90
    )
    for bad in ("4", "301", "true"):
        result = config_from_text(f"[delivery]\nattempt_seconds = {bad}\n")
        assert only_problem(result).key == "delivery.attempt_seconds"
        assert result.config.delivery.attempt_seconds == 30


# --- Monitoring and the daily restart ---------------------------------------------------------


def test_monitoring_and_daily_restart_settings(tmp_path: Path) -> None:
    config = Config()
    assert config.kiosk.daily_restart == ""
    assert config.monitoring.status_interval_seconds == 30
    assert config.effective_metrics_dir(tmp_path) == tmp_path / "metrics"
    text = '[kiosk]\ndaily_restart = "03:30"\n[monitoring]\nstatus_interval_seconds = 60\n'
    text += 'metrics_dir = "prom"\n'
    result = load_config(write(tmp_path, text))
    assert result.problems == ()
    assert result.config.kiosk.daily_restart == "03:30"
    assert result.config.monitoring.status_interval_seconds == 60
    assert result.config.effective_metrics_dir(tmp_path / "data") == tmp_path / "prom"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[kiosk]\ndaily_restart = "3:30"', "kiosk.daily_restart"),
        ('[kiosk]\ndaily_restart = "24:00"', "kiosk.daily_restart"),
        ('[kiosk]\ndaily_restart = "03:60"', "kiosk.daily_restart"),
        ("[kiosk]\ndaily_restart = 330", "kiosk.daily_restart"),
        ("[monitoring]\nstatus_interval_seconds = 4", "monitoring.status_interval_seconds"),
        ("[monitoring]\nstatus_interval_seconds = 3601", "monitoring.status_interval_seconds"),
        ("[monitoring]\nmetrics_dir = 1", "monitoring.metrics_dir"),
    ],
)
def test_bad_monitoring_and_restart_values(text: str, key: str) -> None:
    result = config_from_text(text)
    assert only_problem(result).key == key
    assert result.config == Config()


def test_resolve_config_path_full_order(tmp_path: Path) -> None:
    exe_dir = tmp_path / "app"
    beside = exe_dir / "kiosk.toml"
    machine = Path("/etc/hip-kiosk/kiosk.toml")
    present = {beside, machine}
    executable = str(exe_dir / "kiosk.exe")

    def resolve(cli: Path | None, environ: dict[str, str], frozen: bool = True) -> Path | None:
        return resolve_config_path(
            cli,
            environ,
            frozen=frozen,
            executable=executable,
            platform="linux",
            is_file=present.__contains__,
        )

    cli = tmp_path / "cli.toml"
    assert resolve(cli, {ENV_VAR: "/env.toml"}) == cli
    assert resolve(None, {ENV_VAR: "/env.toml"}) == Path("/env.toml")
    assert resolve(None, {}) == beside  # next to a frozen executable
    assert resolve(None, {}, frozen=False) == machine  # from sources: not next to python
    present.discard(beside)
    assert resolve(None, {}) == machine
    present.clear()
    assert resolve(None, {}) is None
    present.add(exe_dir.parent / "kiosk.toml")  # only the executable's own folder counts
    assert resolve(None, {}) is None


def test_resolve_config_path_on_windows(tmp_path: Path) -> None:
    program_data = tmp_path / "ProgramData"
    machine = program_data / "hip-kiosk" / "kiosk.toml"
    machine.parent.mkdir(parents=True)
    machine.write_text("", encoding="utf-8")
    environ = {"ProgramData": str(program_data)}
    assert resolve_config_path(None, environ, frozen=False, platform="win32") == machine
    assert resolve_config_path(None, {}, frozen=False, platform="win32") is None


def test_resolve_config_path_ignores_unreadable_candidates() -> None:
    def refuse(path: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    assert resolve_config_path(None, {}, frozen=True, executable="/x/k", is_file=refuse) is None


# --- [staff] ----------------------------------------------------------------------------------

STAFF_PIN = "4826"
STAFF_HASH = hash_pin(STAFF_PIN, salt=bytes(range(16)))


def test_staff_defaults_leave_the_panel_shut() -> None:
    assert Config().staff == StaffConfig(pin_hash="", panel_idle_seconds=60)


def test_a_pin_hash_from_kiosk_staff_pin_is_used(tmp_path: Path) -> None:
    text = f'[staff]\npin_hash = "{STAFF_HASH}"\npanel_idle_seconds = 120\n'
    result = load_config(write(tmp_path, text))
    assert result.problems == ()
    assert result.config.staff == StaffConfig(pin_hash=STAFF_HASH, panel_idle_seconds=120)
    assert verify_pin(STAFF_PIN, result.config.staff.pin_hash)
    assert STAFF_PIN not in text


@pytest.mark.parametrize("pin", ["4826", "90210", "13572468", "864209753124"])
def test_a_config_holding_a_hash_never_holds_its_pin(pin: str) -> None:
    stored = hash_pin(pin, salt=bytes(range(16)))
    text = f'[staff]\npin_hash = "{stored}"\n'
    assert config_from_text(text).config.staff.pin_hash == stored
    assert pin not in text


HOSTILE_HASHES = {
    "a PIN pasted by mistake": STAFF_PIN,
    "n of 2**30": STAFF_HASH.replace("$16384$", "$1073741824$", 1),
    "r past the cap": STAFF_HASH.replace("$8$", "$99$", 1),
    "a short key": STAFF_HASH.rpartition("$")[0] + "$AAAA",
    "huge": STAFF_HASH + "A" * 100_000,
}


@pytest.mark.parametrize("value", HOSTILE_HASHES.values(), ids=HOSTILE_HASHES.keys())
def test_an_unusable_pin_hash_is_reported_hidden_and_cleared(value: str) -> None:
    started = time.monotonic()
    result = config_from_text(f'[staff]\npin_hash = "{value}"\n')
    assert time.monotonic() - started < 5.0  # no scrypt runs for a refused line
    assert result.config.staff.pin_hash == ""
    problem = only_problem(result)
    assert problem.key == "staff.pin_hash"
    assert problem.value_repr == '"(hidden)"'
    assert value[:8] not in str(problem)
    assert "kiosk staff pin" in str(problem)
    assert_complete_and_valid(result)


@pytest.mark.parametrize("seconds", [14, 601, -1, 0, 10**30])
def test_the_panel_idle_time_is_bounded(seconds: int) -> None:
    result = config_from_text(f"[staff]\npanel_idle_seconds = {seconds}\n")
    assert result.config.staff.panel_idle_seconds == 60
    assert only_problem(result).key == "staff.panel_idle_seconds"


def test_the_staff_settings_are_documented() -> None:
    text = defaults_toml()
    assert "[staff]" in text and "kiosk staff pin" in text
    assert "`staff.panel_idle_seconds`" in reference_markdown()


# --- The emergency number -------------------------------------------------------------------------


def test_the_emergency_number_defaults_to_the_renderers_and_is_documented() -> None:
    assert Config().clinic.emergency_number == DEFAULT_EMERGENCY_NUMBER == "911"
    assert 'emergency_number = "911"' in defaults_toml()
    assert "`clinic.emergency_number`" in reference_markdown()


@pytest.mark.parametrize(
    "number", ["112", "999", "000", "+44 999", "1" * EMERGENCY_NUMBER_MAX_CHARS]
)
def test_a_regions_emergency_number_is_taken(number: str) -> None:
    result = config_from_text(f'[clinic]\nemergency_number = "{number}"\n')
    assert result.problems == ()
    assert result.config.clinic.emergency_number == number


HOSTILE_NUMBERS = {
    "empty": "",
    "spaces only": "   ",
    "a plus only": "+",
    "letters": "call 112",
    "markup": "<b>112</b>",
    "a new line": "112\\n999",
    "one digit too many": "1" * (EMERGENCY_NUMBER_MAX_CHARS + 1),
    "huge": "1" * 500_000,
}


@pytest.mark.parametrize("number", HOSTILE_NUMBERS.values(), ids=HOSTILE_NUMBERS.keys())
def test_an_unusable_emergency_number_is_reported_and_the_default_kept(number: str) -> None:
    started = time.monotonic()
    result = config_from_text(f'[clinic]\nemergency_number = "{number}"\n')
    assert time.monotonic() - started < 5.0
    assert result.config.clinic.emergency_number == "911"
    assert only_problem(result).key == "clinic.emergency_number"
    assert_complete_and_valid(result)
