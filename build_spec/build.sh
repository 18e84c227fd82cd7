#!/usr/bin/env bash
# Build the one-folder kiosk bundle: dist/hip-kiosk/ (see build_spec/kiosk.spec).
#
#   bash build_spec/build.sh
#
# Uses the project venv (.venv, with the project installed: pip install -e .). Installs the
# pinned PyInstaller into it if missing, builds, copies the licence texts into
# dist/hip-kiosk/licenses/, prints the build time and the bundle size.
# Linux: run on the oldest distribution you deploy to (glibc is not bundled).
# Windows: run from Git Bash in a Windows venv (.venv\Scripts\python.exe).
set -euo pipefail

PYINSTALLER_VERSION=6.22.3
HOOKS_CONTRIB_VERSION=2026.9

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
if [[ -x .venv/bin/python ]]; then
    PY=.venv/bin/python
elif [[ -x .venv/Scripts/python.exe ]]; then
    PY=.venv/Scripts/python.exe
else
    echo "build.sh: no venv at $REPO/.venv; create it: python3 -m venv .venv && .venv/bin/pip install -e ." >&2
    exit 2
fi

installed="$("$PY" -c 'import importlib.metadata as m
try:
    print(m.version("pyinstaller"), m.version("pyinstaller-hooks-contrib"))
except m.PackageNotFoundError:
    print("none")')"
if [[ "$installed" != "$PYINSTALLER_VERSION $HOOKS_CONTRIB_VERSION" ]]; then
    echo "build.sh: installing pyinstaller==$PYINSTALLER_VERSION (found: $installed)"
    "$PY" -m pip install --quiet "pyinstaller==$PYINSTALLER_VERSION" \
        "pyinstaller-hooks-contrib==$HOOKS_CONTRIB_VERSION"
fi
"$PY" -c 'import kiosk' || {
    echo "build.sh: the kiosk is not installed in the venv: $PY -m pip install -e ." >&2
    exit 2
}

started=$(date +%s)
# The contrib phonenumbers hook names the geocoder/carrier/timezone databases, which the spec
# excludes on purpose (43 MB, unused): their "Hidden import ... not found" warnings are dropped.
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller build_spec/kiosk.spec 2>&1 |
    { grep -Ev 'Hidden import "phonenumbers\.(geodata|carrierdata|tzdata)[."]' || true; }
built=$(date +%s)

BUNDLE=dist/hip-kiosk
"$PY" - "$BUNDLE/licenses" <<'PYEOF'
"""Copy the licence texts of everything the bundle ships into <bundle>/licenses/."""
import importlib.metadata as md
import re
import shutil
import sys
import sysconfig
from pathlib import Path

out = Path(sys.argv[1])
repo = Path.cwd()
ours = repo / "build_spec" / "LICENSES"
if out.exists():
    shutil.rmtree(out)
out.mkdir(parents=True)
missing = []

# Our notice (what is where, LGPL replaceability) and the standard texts we keep in the repo.
for name in ("README.md", "LGPL-3.0.txt", "GPL-3.0.txt", "Apache-2.0.txt"):
    shutil.copyfile(ours / name, out / name)

# Python packages in the bundle: every licence file their wheel ships + the metadata licence.
DISTS = [
    "PySide6-Essentials", "PySide6-Addons", "shiboken6", "qtawesome", "Markdown", "PyYAML", "textstat",
    "pyphen", "cryptography", "cffi", "pycparser", "phonenumbers", "email-validator",
    "dnspython", "idna", "setuptools", "pyrage",
]
# Distributions whose metadata declares no licence (no License field, no classifier).
DECLARED = {
    # pyrage (sealed drop files) is MIT; its compiled module links the Rust crates listed,
    # each with its licence, in the CycloneDX SBOM its wheel ships (sboms/, copied below).
    "pyrage": "MIT (compiled-in Rust crates: permissive licences, each named in sboms/)",
}
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
summary = ["distribution\tversion\tlicence (package metadata)"]
for name in DISTS:
    try:
        dist = md.distribution(name)
    except md.PackageNotFoundError:
        missing.append(f"{name}: not installed")
        continue
    meta = dist.metadata
    licence = meta.get("License-Expression") or meta.get("License") or ""
    if not licence or len(licence) > 80:
        classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                       if c.startswith("License ::")]
        licence = "; ".join(classifiers) or (licence.splitlines()[0] if licence else "")
        licence = licence or DECLARED.get(dist.metadata["Name"], "?")
    summary.append(f"{dist.metadata['Name']}\t{dist.version}\t{licence}")
    target = out / f"{dist.metadata['Name']}-{dist.version}"
    copied = 0
    for file in dist.files or []:
        # Licence files, and SBOMs (PEP 770: the licences of what a compiled wheel links in).
        sbom = file.parent.name == "sboms"
        if ".dist-info" in str(file) and (LICENCE_FILE.search(file.name) or sbom):
            source = Path(dist.locate_file(file))
            if source.is_file():
                relative = Path(*[p for p in file.parts if not p.endswith(".dist-info")])
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / relative)
                copied += 1
    if copied == 0:
        # PySide6-Essentials / -Addons / shiboken6 wheels ship no licence file: LGPL-3.0 (GPL-3.0 for the
        # terms it adds to), kept as LGPL-3.0.txt / GPL-3.0.txt at the top of this folder.
        target.mkdir(parents=True, exist_ok=True)
        (target / "LICENSE-NOTE.txt").write_text(
            f"{dist.metadata['Name']} {dist.version} declares: {licence}\n"
            "Its wheel ships no licence file. The full texts are ../LGPL-3.0.txt and "
            "../GPL-3.0.txt.\n", encoding="utf-8")
(out / "python-packages.tsv").write_text("\n".join(summary) + "\n", encoding="utf-8")

# Python itself (PSF licence).
base = Path(sys.base_prefix)
for candidate in (Path(sysconfig.get_paths(vars={"base": str(base), "platbase": str(base)})["stdlib"]) / "LICENSE.txt",
                  base / "LICENSE.txt", base / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt",
                  Path(f"/usr/lib/python{sys.version_info[0]}.{sys.version_info[1]}/LICENSE.txt")):
    if candidate.is_file():
        shutil.copyfile(candidate, out / "Python-PSF-LICENSE.txt")
        break
else:
    missing.append("Python LICENSE.txt (PSF) not found next to the interpreter")

# Fonts: Atkinson Hyperlegible (OFL, ours) and the qtawesome icon fonts the bundle carries.
fonts = out / "fonts"
fonts.mkdir()
ofl = (repo / "assets" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
(fonts / "AtkinsonHyperlegible-OFL.txt").write_text(ofl, encoding="utf-8")
ofl_body = ofl[ofl.index("This Font Software is licensed"):]
(fonts / "FontAwesome6-Free-OFL.txt").write_text(
    "Font Awesome Free 6.7.2 fonts (fontawesome6-solid/regular/brands-webfont, shipped by\n"
    "qtawesome): Copyright (c) Fonticons, Inc. (https://fontawesome.com).\n"
    "Fonts: SIL OFL 1.1. Icons: CC BY 4.0. Code: MIT.\n"
    "See https://github.com/FortAwesome/Font-Awesome/blob/6.x/LICENSE.txt\n\n" + ofl_body,
    encoding="utf-8")
(fonts / "MaterialDesignIcons-NOTICE.txt").write_text(
    "Material Design Icons 6.9.96 (materialdesignicons6-webfont, shipped by qtawesome):\n"
    "Pictogrammers (https://pictogrammers.com), licensed under the Apache License 2.0:\n"
    "see ../Apache-2.0.txt and https://github.com/Templarian/MaterialDesign/blob/master/LICENSE\n",
    encoding="utf-8")
(fonts / "Phosphor-MIT.txt").write_text(
    "Phosphor Icons 1.3.0 (phosphor font, shipped by qtawesome)\n\n"
    "MIT License\n\nCopyright (c) 2020 Phosphor Icons\n\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
    "of this software and associated documentation files (the \"Software\"), to deal\n"
    "in the Software without restriction, including without limitation the rights\n"
    "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
    "copies of the Software, and to permit persons to whom the Software is\n"
    "furnished to do so, subject to the following conditions:\n\n"
    "The above copyright notice and this permission notice shall be included in all\n"
    "copies or substantial portions of the Software.\n\n"
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n"
    "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n"
    "FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n"
    "AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
    "LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n"
    "OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\n"
    "SOFTWARE.\n", encoding="utf-8")
qta = md.distribution("qtawesome").metadata.get_payload() or ""
if "## License" in qta:
    section = qta[qta.index("## License"):]
    section = section[: section.find("\n## ", 5)] if "\n## " in section[5:] else section
    (fonts / "qtawesome-README-license-section.md").write_text(section, encoding="utf-8")

# System libraries the Linux bundle carries (PyInstaller copies what Qt/Python link, except
# glibc): list them with the Debian package that owns them, for the copyright files.
if sys.platform.startswith("linux"):
    import subprocess
    internal = out.parent / "_internal"
    # libpython is the build interpreter's own (see Python-PSF-LICENSE.txt), not Debian's.
    libs = sorted(p.name for p in internal.glob("lib*.so*")
                  if not p.is_symlink() and not p.name.startswith("libpython"))
    rows = []
    for lib in libs:
        owner = "?"
        try:
            done = subprocess.run(["dpkg", "-S", f"*/{lib}"], capture_output=True, text=True, timeout=10)
            if done.returncode == 0:
                owner = done.stdout.split(":")[0]
        except (OSError, subprocess.TimeoutExpired):
            pass
        rows.append(f"{lib}\t{owner}")
        copyright_file = Path(f"/usr/share/doc/{owner}/copyright")
        if owner != "?" and copyright_file.is_file():
            (out / "system-libraries").mkdir(exist_ok=True)
            shutil.copyfile(copyright_file, out / "system-libraries" / f"{owner}.copyright")
    (out / "system-libraries.tsv").write_text(
        "library\tdebian package (copyright file in system-libraries/)\n" + "\n".join(rows) + "\n",
        encoding="utf-8")

for problem in missing:
    print(f"licences: MISSING {problem}", file=sys.stderr)
count = sum(1 for p in out.rglob("*") if p.is_file())
print(f"licences: {count} files in {out}")
if missing:
    sys.exit(1)
PYEOF

echo "build time: $((built - started)) s (PyInstaller)"
echo "bundle: $(du -sm "$BUNDLE" | cut -f1) MB in $BUNDLE ($(find "$BUNDLE" -type f | wc -l) files)"
