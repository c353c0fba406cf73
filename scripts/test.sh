#!/usr/bin/env bash
# Sets up the machine, builds HuisClos and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
