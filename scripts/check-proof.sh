#!/usr/bin/env bash
# Checks a HuisClos proof of convocation (`huisclos seances preuve ID --sortie F`) with OpenSSL
# alone: each statement against its RFC 3161 token, the token against the root certificate(s) at
# the end of the file. Prints each statement's subject and the TSA's time; exits 1 if any fails.
#
#   bash scripts/check-proof.sh proof.txt
set -euo pipefail
proof="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Split the blocks: statement-N.txt and token-N.der, in file order.
awk -v dir="$work" '
    /^-----BEGIN HUISCLOS STATEMENT-----$/ { n++; out = dir "/statement-" n ".b64"; next }
    /^-----BEGIN TIMESTAMP TOKEN-----$/    { out = dir "/token-" n ".b64"; next }
    /^-----END /                            { out = ""; next }
    out != ""                               { print > out }
' "$proof"
failed=0
for b64 in "$work"/statement-*.b64; do
    n="${b64##*statement-}"; n="${n%.b64}"
    base64 -d "$b64" > "$work/statement-$n.txt"
    base64 -d "$work/token-$n.b64" > "$work/token-$n.der"
    subject="$(sed -n 's/^subject: //p' "$work/statement-$n.txt")"
    time="$(openssl ts -reply -token_in -in "$work/token-$n.der" -text 2>/dev/null | sed -n 's/^Time stamp: //p')"
    if openssl ts -verify -data "$work/statement-$n.txt" -in "$work/token-$n.der" -token_in -CAfile "$proof" >/dev/null 2>&1; then
        echo "OK      $subject ($time)"
    else
        echo "REFUSED $subject"
        failed=1
    fi
done
exit "$failed"
