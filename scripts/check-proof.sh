#!/usr/bin/env bash
# Checks a HuisClos proof of convocation (`huisclos seances preuve ID --sortie F`) with OpenSSL
# alone: each statement against its RFC 3161 token, the token against the root certificate(s) at
# the end of the file; then the exporting device's verdict on each statement (the `verdict:` line,
# format 2), which OpenSSL cannot check (it does not read the records; see the file's README).
# Prints per pair OK (token holds and the device verified the statement), EARLIER (token holds; an
# earlier version of the convocation, not comparable with the records), TOKEN (token holds; a
# format 1 file carries no verdict) or REFUSED; exits 1 if any pair is REFUSED.
#
#   bash scripts/check-proof.sh proof.txt
set -euo pipefail
proof="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Split the blocks: statement-N.txt, token-N.der and verdict-N (status, subject), in file order.
awk -v dir="$work" '
    /^verdict: /                            { verdict = substr($0, 10); next }
    /^-----BEGIN HUISCLOS STATEMENT-----$/ { n++; out = dir "/statement-" n ".b64"
                                             if (verdict != "") print verdict > (dir "/verdict-" n); verdict = ""; next }
    /^-----BEGIN TIMESTAMP TOKEN-----$/    { out = dir "/token-" n ".b64"; next }
    /^-----END /                            { out = ""; next }
    out != ""                               { print > out }
' "$proof"
failed=0
for b64 in "$work"/statement-*.b64; do
    n="${b64##*statement-}"; n="${n%.b64}"
    base64 -d "$b64" > "$work/statement-$n.txt"
    base64 -d "$work/token-$n.b64" > "$work/token-$n.der"
    status=""; subject="$(sed -n 's/^subject: //p' "$work/statement-$n.txt")"
    if [[ -f "$work/verdict-$n" ]]; then read -r status subject < "$work/verdict-$n"; fi
    time="$(openssl ts -reply -token_in -in "$work/token-$n.der" -text 2>/dev/null | sed -n 's/^Time stamp: //p')"
    if ! openssl ts -verify -data "$work/statement-$n.txt" -in "$work/token-$n.der" -token_in -CAfile "$proof" >/dev/null 2>&1; then
        echo "REFUSED $subject (OpenSSL: the token does not verify)"
        failed=1
    elif [[ "$status" == "verified" ]]; then
        echo "OK      $subject ($time)"
    elif [[ "$status" == "timestamp.earlierRevision" ]]; then
        echo "EARLIER $subject ($time): token holds; an earlier version of the convocation, not compared with the records"
    elif [[ -z "$status" ]]; then
        echo "TOKEN   $subject ($time): token holds; no device verdict in this file (format 1)"
    else
        echo "REFUSED $subject ($status, by the exporting device's records)"
        failed=1
    fi
done
exit "$failed"
