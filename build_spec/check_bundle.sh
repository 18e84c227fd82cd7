#!/usr/bin/env bash
# Smoke-test the frozen Linux bundle built by build_spec/build.sh. One line per check; exit 1
# if any check fails.
#
#   bash build_spec/check_bundle.sh [BUNDLE_DIR]       (default: dist/hip-kiosk)
#
# Needs Xvfb and the libraries Qt's xcb platform loads from the system:
#   apt-get install -y xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
# For the read-aloud check (SKIP without them): speech-dispatcher speech-dispatcher-espeak-ng
# espeak-ng pulseaudio pulseaudio-utils xdotool, and python3.
# (this script does not install anything). Runs from the repository or anywhere else.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="$(cd "${1:-$REPO/dist/hip-kiosk}" 2>/dev/null && pwd)" || {
    echo "FAIL bundle: ${1:-$REPO/dist/hip-kiosk} not found: run bash build_spec/build.sh"
    exit 1
}
KIOSK="$BUNDLE/kiosk"
DISPLAY_NUMBER=97
TIMEOUT=180

WORK="$(mktemp -d -t kiosk-check-XXXXXX)"
XVFB_PID=""
cleanup() {
    if [[ -n "$XVFB_PID" ]]; then
        kill "$XVFB_PID" 2>/dev/null
        wait "$XVFB_PID" 2>/dev/null
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

failures=0
# check NAME EXPECTED_EXIT COMMAND...: run with a timeout, print PASS/FAIL with the last line
# of output and the time taken; full output in $WORK/NAME.log (shown on failure).
check() {
    local name="$1" expected="$2"
    shift 2
    local log="$WORK/${name// /_}.log" started ended code
    started=$(date +%s.%N)
    timeout "$TIMEOUT" "$@" >"$log" 2>&1
    code=$?
    ended=$(date +%s.%N)
    local took
    took=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.2f", b - a }')
    local last
    last="$(grep -v '^\s*$' "$log" | tail -n 1)"
    if [[ "$code" == "$expected" ]]; then
        echo "PASS $name (exit $code, ${took} s): $last"
    else
        echo "FAIL $name (exit $code, expected $expected, ${took} s): $last"
        sed 's/^/    | /' "$log" | tail -n 25
        failures=$((failures + 1))
    fi
}

if [[ ! -x "$KIOSK" ]]; then
    echo "FAIL bundle: $KIOSK missing or not executable: run bash build_spec/build.sh"
    exit 1
fi
echo "bundle: $BUNDLE ($(du -sm "$BUNDLE" | cut -f1) MB)"

# A clean environment: no site config, a throw-away HOME so nothing touches the real data dir.
export HOME="$WORK/home"
mkdir -p "$HOME"
unset KIOSK_CONFIG

check "version" 0 "$KIOSK" --version
QT_QPA_PLATFORM=offscreen check "self-test offscreen" 0 "$KIOSK" self-test

if ! command -v Xvfb >/dev/null; then
    echo "FAIL self-test xcb: Xvfb not installed (apt-get install -y xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1)"
    failures=$((failures + 1))
else
    Xvfb ":$DISPLAY_NUMBER" -screen 0 1920x1080x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do
        [[ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ]] && break
        sleep 0.1
    done
    if ! kill -0 "$XVFB_PID" 2>/dev/null; then
        echo "FAIL self-test xcb: Xvfb :$DISPLAY_NUMBER did not start: $(tail -n 1 "$WORK/xvfb.log")"
        XVFB_PID=""
        failures=$((failures + 1))
    else
        # QT_DEBUG_PLUGINS off; a missing xcb library makes Qt abort with exit code 134.
        DISPLAY=":$DISPLAY_NUMBER" QT_QPA_PLATFORM=xcb check "self-test xcb (Xvfb :$DISPLAY_NUMBER)" 0 \
            "$KIOSK" self-test
        kill "$XVFB_PID" 2>/dev/null
        wait "$XVFB_PID" 2>/dev/null
        XVFB_PID=""
    fi
fi

# The bundled content must validate: pyphen/textstat dictionaries are found (reading levels),
# icon charmaps are found (see the next check).
check "validate bundled content" 0 "$KIOSK" validate
# Icons: a misspelt icon name must get a suggestion, which needs the charmaps in the bundle.
CONTENT_COPY="$WORK/content"
cp -r "$BUNDLE/_internal/content" "$CONTENT_COPY"
page="$(grep -rl '^icon: mdi6\.' "$CONTENT_COPY" | head -n 1)"
if [[ -z "$page" ]]; then
    echo "FAIL icon charmaps: no page with an mdi6 icon in the bundled content to test with"
    failures=$((failures + 1))
else
    sed -i -E '0,/^icon: mdi6\.([a-z0-9-]+)/s//icon: mdi6.\1zz/' "$page"
    "$KIOSK" validate "$CONTENT_COPY" >"$WORK/icons.log" 2>&1
    if grep -q 'did you mean "mdi6\.' "$WORK/icons.log"; then
        echo "PASS icon charmaps: $(grep 'did you mean' "$WORK/icons.log" | head -n 1)"
    else
        echo "FAIL icon charmaps: no suggestion for a misspelt icon (qtawesome/fonts not found?)"
        sed 's/^/    | /' "$WORK/icons.log" | tail -n 10
        failures=$((failures + 1))
    fi
fi
mkdir -p "$WORK/data"
check "outbox status" 0 "$KIOSK" outbox status --data-dir "$WORK/data"

# Sealed drop files: pyrage is a compiled module; the inbox must make a key and read a folder.
check "inbox new-key" 0 "$KIOSK" inbox new-key --out "$WORK/clinic.key"
mkdir -p "$WORK/drop"
check "inbox list (empty folder)" 0 "$KIOSK" inbox list --key "$WORK/clinic.key" --folder "$WORK/drop"
public="$(grep -o 'age1[0-9a-z]*' "$WORK/inbox_new-key.log" | head -n 1)"
if [[ -z "$public" ]]; then
    echo "FAIL inbox seal: no public key line in the new-key output"
    failures=$((failures + 1))
else
    # Seal a request as the kiosk does (the bundle's own pyrage), then read it with the inbox.
    "$BUNDLE/kiosk" inbox public-key --key "$WORK/clinic.key" >"$WORK/public.log" 2>&1
    if ! grep -q "$public" "$WORK/public.log"; then
        echo "FAIL inbox public-key: the public line differs from new-key's"
        failures=$((failures + 1))
    fi
    if command -v age >/dev/null; then
        printf '%s' '{"schema": "hip-kiosk/visit-request/1", "id": "0f1e2d3c-4b5a-4968-8776-655443322110", "created_at": "2027-01-02T03:04:05+00:00", "name": "Bundle Check", "phone": "+13125550100", "email": "", "best_time": "morning", "location": "Main clinic", "pain_areas": ["groin-left"], "duration": "over-3-months", "language": "en", "consent": true}' |
            age -r "$public" -o "$WORK/drop/0f1e2d3c-4b5a-4968-8776-655443322110.age"
        check "inbox list (a sealed request)" 0 "$KIOSK" inbox list --key "$WORK/clinic.key" --folder "$WORK/drop"
        if ! grep -q "0F1-E2D" "$WORK/inbox_list_(a_sealed_request).log"; then
            echo "FAIL inbox unseal: the request sealed with age is not in the list"
            failures=$((failures + 1))
        fi
    else
        echo "SKIP inbox unseal: the age tool is not installed (apt-get install -y age)"
    fi
fi

# No library the spec drops may have come back (Qml/Quick pull in the virtual keyboard...).
# libQt6Network stays: libQt6TextToSpeech links libQt6Multimedia, which links it. The FFmpeg
# media backend and libpulse's codecs (libsndfile, FLAC, vorbis...) must not ride along.
unwanted="$(find "$BUNDLE" \( -name 'libQt6Qml*' -o -name 'libQt6Quick*' -o -name 'libQt6NetworkAuth*' \
    -o -name 'libQt6OpenGL*' -o -name 'libQt6Pdf*' -o -name 'libQt6Wayland*' -o -name 'libgtk-3*' \
    -o -name 'libqtvirtualkeyboard*' -o -name 'libqgtk3*' -o -name 'libQt6MultimediaWidgets*' \
    -o -name 'libffmpegmediaplugin*' -o -name 'libav*' -o -name 'libsw*' -o -name 'libQt6FFmpegStub*' \
    -o -name 'libpulse*' -o -name 'libsndfile*' -o -name 'libFLAC*' -o -name 'libvorbis*' \) -printf '%f ')"
if [[ -z "$unwanted" ]]; then
    echo "PASS slim: no Qml/Quick/OpenGL/Pdf/Wayland/GTK/FFmpeg/libpulse libraries in the bundle"
else
    echo "FAIL slim: unwanted libraries in the bundle: $unwanted"
    failures=$((failures + 1))
fi

# Pictures: staff may use SVG, PNG or JPEG; SVG and JPEG need their image-format plugins.
FORMATS="$BUNDLE/_internal/PySide6/Qt/plugins/imageformats"
if [[ -f "$FORMATS/libqsvg.so" && -f "$FORMATS/libqjpeg.so" ]]; then
    echo "PASS picture formats: imageformats/libqsvg.so and libqjpeg.so are in the bundle"
else
    echo "FAIL picture formats: imageformats/libqsvg.so or libqjpeg.so missing (kiosk.spec _KEEP_PLUGINS)"
    failures=$((failures + 1))
fi

# Read-aloud: QtTextToSpeech and the speech-dispatcher engine are inside, the tests' mock
# engine is not (a kiosk must never fall back to a voice nobody hears).
TTS="$BUNDLE/_internal/PySide6/Qt/plugins/texttospeech"
if [[ -f "$TTS/libqtexttospeech_speechd.so" && -f "$BUNDLE/_internal/PySide6/QtTextToSpeech.abi3.so" ]]; then
    echo "PASS speech plugin: QtTextToSpeech and texttospeech/libqtexttospeech_speechd.so are in the bundle"
else
    echo "FAIL speech plugin: QtTextToSpeech or texttospeech/libqtexttospeech_speechd.so missing (kiosk.spec _KEEP_PLUGINS, hiddenimports)"
    failures=$((failures + 1))
fi
mock="$(find "$BUNDLE" -iname '*texttospeech_mock*' -printf '%P ')"
if [[ -z "$mock" ]]; then
    echo "PASS no mock speech: the tests' mock engine is not in the bundle"
else
    echo "FAIL no mock speech: $mock"
    failures=$((failures + 1))
fi
# Every library the speech engine links must resolve, from the bundle or the system (libpulse0,
# which Debian's speech-dispatcher packages bring; without it the kiosk runs silent).
if command -v ldd >/dev/null && [[ -f "$TTS/libqtexttospeech_speechd.so" ]]; then
    missing="$(LD_LIBRARY_PATH="$BUNDLE/_internal" ldd "$TTS/libqtexttospeech_speechd.so" \
        "$BUNDLE/_internal/PySide6/QtTextToSpeech.abi3.so" 2>&1 | awk '/not found/ { print $1 }' | sort -u | tr '\n' ' ')"
    if [[ -z "$missing" ]]; then
        echo "PASS speech libraries: every library the speechd engine links is found"
    else
        echo "FAIL speech libraries: not found: $missing(apt-get install -y libpulse0 speech-dispatcher espeak-ng)"
        failures=$((failures + 1))
    fi
fi

# Read-aloud heard: the bundle's kiosk under Xvfb speaks a page (Enter x3, then F1) through a
# private speech-dispatcher (espeak-ng) into a private PulseAudio null sink, recorded with
# parec; F1 again must stop it (tests/audio_sink.py, standard library only).
if [[ -f "$REPO/tests/audio_sink.py" ]] && command -v python3 >/dev/null; then
    started=$(date +%s)
    timeout "$TIMEOUT" python3 "$REPO/tests/audio_sink.py" "$KIOSK" >"$WORK/speech.log" 2>&1
    code=$?
    last="$(grep -v '^\s*$' "$WORK/speech.log" | tail -n 1)"
    took=$(($(date +%s) - started))
    if [[ "$code" == 0 ]]; then
        echo "PASS speech heard (${took} s): $last"
    elif [[ "$code" == 2 ]]; then
        echo "SKIP speech heard: $last (apt-get install -y speech-dispatcher speech-dispatcher-espeak-ng espeak-ng pulseaudio pulseaudio-utils xdotool)"
    else
        echo "FAIL speech heard (exit $code, ${took} s): $last"
        sed 's/^/    | /' "$WORK/speech.log" | tail -n 25
        failures=$((failures + 1))
    fi
else
    echo "SKIP speech heard: needs python3 and the repository's tests/audio_sink.py"
fi

# Size: bytes of every regular file once, symlinks not followed, in MB of 10^6 bytes (the same
# measure as the bundle benchmark, python -m tests.benchmarks --only bundle).
LIMIT_MB=150
bytes="$(find "$BUNDLE" -type f -printf '%s\n' | awk '{ total += $1 } END { printf "%d", total }')"
size_mb="$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1000000 }')"
if awk -v b="$bytes" -v limit="$LIMIT_MB" 'BEGIN { exit !(b < limit * 1000000) }'; then
    echo "PASS size: $size_mb MB (limit $LIMIT_MB MB)"
else
    echo "FAIL size: $size_mb MB, over the $LIMIT_MB MB limit"
    failures=$((failures + 1))
fi

if ((failures)); then
    echo "check_bundle: $failures check(s) FAILED"
    exit 1
fi
echo "check_bundle: all checks passed"
