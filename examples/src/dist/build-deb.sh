#!/bin/sh
# Builds target/drbd4j_VERSION_all.deb from the distribution's tar.gz, with dpkg-deb (run by the examples pom
# in the package phase). Without dpkg-deb it prints why it skips, and fails under CI=true, where a skip would hide
# a .deb that was never built.
# Layout: /usr/share/drbd4j/{bin,lib}, /usr/bin/drbd4j -> ../share/drbd4j/bin/drbd4j, the man page gzipped under
# /usr/share/man/man1, bash completion under /usr/share/bash-completion/completions.
set -eu

target=$1
version=$2
tarball=$target/drbd4j-$version.tar.gz

if ! command -v dpkg-deb >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    echo "build-deb: dpkg-deb not found, and CI=true: the .deb must be built (install dpkg)" >&2
    exit 1
  fi
  echo "build-deb: skipping the .deb: dpkg-deb not found (it comes with dpkg, on Debian and Ubuntu)"
  exit 0
fi

# Debian orders 0.1.0~SNAPSHOT before 0.1.0; a '-' would start a Debian revision.
deb_version=$(echo "$version" | sed 's/-/~/g')
work=$target/deb-work
root=$work/root
rm -rf "$work"
mkdir -p "$work"
tar -xzf "$tarball" -C "$work"
dist=$work/drbd4j-$version
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/drbd4j/bin" "$root/usr/share/drbd4j/lib" \
  "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" "$root/usr/share/doc/drbd4j"
cp "$dist/bin/drbd4j" "$root/usr/share/drbd4j/bin/drbd4j"
cp "$dist/lib/drbd4j.jar" "$root/usr/share/drbd4j/lib/drbd4j.jar"
ln -s ../share/drbd4j/bin/drbd4j "$root/usr/bin/drbd4j"
gzip -9n <"$dist/man/man1/drbd4j.1" >"$root/usr/share/man/man1/drbd4j.1.gz"
cp "$dist/completion/drbd4j.bash" "$root/usr/share/bash-completion/completions/drbd4j"
cp "$dist/LICENSE" "$root/usr/share/doc/drbd4j/copyright"
chmod 0755 "$root/usr/share/drbd4j/bin/drbd4j"
chmod -R go-w "$root"

size=$(du -sk "$root/usr" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: drbd4j
Version: $deb_version
Architecture: all
Maintainer: drbd4j developers <drbd4j@localhost>
Installed-Size: $size
Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless
Section: admin
Priority: optional
Description: reads and drives DRBD 8.4 replication, and the Chef HA procedures on it
 drbd4j status shows /proc/drbd with a data-safety verdict per device, here or over ssh;
 check is a Nagios plugin; plan, demo, run and resume drive the Chef Server HA workflows
 with a guard before every step that could destroy data.
CONTROL

dpkg-deb --root-owner-group --build "$root" "$target/drbd4j_${deb_version}_all.deb"
