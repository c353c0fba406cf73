#!/usr/bin/env bash
# Formats Swift files with the toolchain's swift-format and the repository's .swift-format.
#   bash scripts/format.sh            formats the folders already formatted (below)
#   bash scripts/format.sh FILE…      formats the files or folders given (bring a file in when you change it)
#   bash scripts/format.sh --check    fails, listing what differs, when a formatted folder drifted (CI)
# The tree is brought in file by file as it is touched, not reformatted at once (parallel work).
set -euo pipefail
cd "$(dirname "$0")/.."
formatted=(ClientCLI ServerApp Sources/HuisClosServer/Operator Sources/HuisClosClient/Help)
if [[ "${1:-}" == "--check" ]]; then
    shift
    swift format lint --strict --recursive --configuration .swift-format "${@:-${formatted[@]}}"
else
    swift format format --in-place --recursive --configuration .swift-format "${@:-${formatted[@]}}"
fi
