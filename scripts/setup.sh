#!/usr/bin/env bash
# Installs what HuisClos needs to build and run on Debian 12 (run as root, or with sudo available).
# Safe to run again: it installs only what is missing.
set -euo pipefail
# postgresql: the tests of the PostgreSQL backend start a throw-away cluster from its binaries
# (as the `postgres` user the package creates: PostgreSQL refuses to run as root).
packages=(libsqlite3-dev libsodium-dev pkg-config sqlite3 python3-venv openssl postgresql)
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
