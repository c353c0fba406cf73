#!/usr/bin/env bash
# Builds the Debian package of the relay, huisclos-server_<version>_<arch>.deb, with dpkg-deb:
# the binary (/usr/bin/huisclos-server), the hardened systemd unit, the configuration file
# (/etc/huisclos/server.json, a conffile), the huisclos system user and its state folder
# (postinst), the README. The unit is checked with `systemd-analyze verify` first.
#
#   bash scripts/build-deb.sh                       # release build, Swift runtime linked statically
#   bash scripts/build-deb.sh --binary PATH --output DIR --compression none
#
# --binary packages an existing build instead (the tests give the debug binary beside them: a
# package whose binary loads the Swift runtime from this machine's toolchain, for this machine
# only; the script says so). Dependencies are read off the binary's shared libraries (ldd +
# dpkg -S). Prints the package's path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="" output=".build/deb" compression="xz"
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --output) output="$2"; shift 2 ;;
        --compression) compression="$2"; shift 2 ;;
        *) echo "build-deb: unknown option $1 (see the head of scripts/build-deb.sh)" >&2; exit 64 ;;
    esac
done
if [ -z "$binary" ]; then
    swift build -c release --product huisclos-server --static-swift-stdlib >&2
    binary=".build/release/huisclos-server"
fi
[ -x "$binary" ] || { echo "build-deb: no executable at $binary" >&2; exit 66; }

if command -v systemd-analyze >/dev/null; then
    # verify checks that ExecStart= exists: point it at the binary being packaged.
    check=$(mktemp -d)
    sed "s|/usr/bin/huisclos-server|$(realpath "$binary")|" scripts/package/huisclos-server.service >"$check/huisclos-server.service"
    if ! out=$(systemd-analyze verify "$check/huisclos-server.service" 2>&1) || [ -n "$out" ]; then
        echo "build-deb: systemd-analyze verify found problems in the unit:" >&2; echo "$out" >&2; rm -rf "$check"; exit 65
    fi
    rm -rf "$check"
else
    echo "build-deb: systemd-analyze is missing (package systemd): the unit is not verified" >&2
fi

version=$("$binary" --version | head -1 | tr -d '[:space:]')
arch=$(dpkg --print-architecture)
packages=(adduser)
toolchain=""
while read -r library; do
    package=$(dpkg -S "$(realpath "$library")" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$package" ] || package=$(dpkg -S "$library" 2>/dev/null | head -1 | cut -d: -f1) || true
    if [ -z "$package" ]; then toolchain="$toolchain $library"; else packages+=("$package"); fi
done < <(ldd "$binary" | awk '/=> \// { print $3 }')
depends=$(printf '%s\n' "${packages[@]}" | sort -u | paste -sd, - | sed 's/,/, /g')
if [ -n "$toolchain" ]; then
    echo "build-deb: the binary loads libraries no Debian package provides (the Swift runtime of this machine's toolchain:$toolchain);" \
         "this package runs only where that toolchain is installed at the same path. Build without --binary for a portable one." >&2
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"
install -D -m 0755 "$binary" "$root/usr/bin/huisclos-server"
install -D -m 0644 scripts/package/huisclos-server.service "$root/lib/systemd/system/huisclos-server.service"
install -D -m 0644 scripts/package/server.json "$root/etc/huisclos/server.json"
install -D -m 0644 README.md "$root/usr/share/doc/huisclos-server/README.md"
install -D -m 0644 scripts/package/huisclos-alerts.yml "$root/usr/share/doc/huisclos-server/huisclos-alerts.yml"
install -d -m 0755 "$root/DEBIAN"
for script in postinst prerm postrm; do install -m 0755 "scripts/package/$script" "$root/DEBIAN/$script"; done
echo "/etc/huisclos/server.json" >"$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: huisclos-server
Version: $version
Architecture: $arch
Maintainer: HuisClos <secretariat@huisclos.invalid>
Installed-Size: $size
Depends: $depends
Section: net
Priority: optional
Homepage: https://huisclos.invalid/
Description: HuisClos relay: stores and relays a council's end-to-end encrypted changes
 The relay of HuisClos (huisclos-server): it orders and keeps the ciphertext
 of councils' members' devices, never reading confidential content, and serves
 each council's public site. Runs as the huisclos user under a hardened
 systemd unit; settings in /etc/huisclos/server.json.
CONTROL
mkdir -p "$output"
package="$output/huisclos-server_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"$compression" --build "$root" "$package" >&2
echo "$package"
