#!/usr/bin/env bash
# Makes a test time-stamping authority in DIR with openssl: a root CA (ca.pem), a TSA certificate
# it signs (tsa.pem, tsa-key.pem; extendedKeyUsage=critical,timeStamping) and the `openssl ts`
# configuration (tsa.cnf) that scripts/tsa-test-server.py serves. For tests and the demo only.
#
#   bash scripts/tsa-test-ca.sh DIR [NAME]      (NAME: the CA's common name, "HuisClos test CA" by default)
set -euo pipefail
dir="$1"
name="${2:-HuisClos test CA}"
mkdir -p "$dir"
cd "$dir"
quiet() { "$@" 2>/dev/null >/dev/null || { echo "tsa-test-ca: $1 $2 failed" >&2; exit 1; }; }

quiet openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca-key.pem -out ca.pem -days 3650 \
    -subj "/CN=$name" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
quiet openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout tsa-key.pem -out tsa.csr -subj "/CN=$name TSA"
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=critical,timeStamping" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" > tsa.ext
quiet openssl x509 -req -in tsa.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out tsa.pem -days 3650 -extfile tsa.ext
echo 01 > serial
cat > tsa.cnf <<EOF
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = $PWD
serial = \$dir/serial
crypto_device = builtin
signer_cert = \$dir/tsa.pem
certs = \$dir/ca.pem
signer_key = \$dir/tsa-key.pem
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
EOF
