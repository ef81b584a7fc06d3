#!/usr/bin/env bash
# Builds the test bed's VM image from this machine's Debian packages: a kernel whose in-tree drbd.ko is DRBD 8.4
# (the one linux-image-amd64 depends on, fetched with apt-get download), and an initramfs holding busybox as init
# plus the real drbd-utils, openssh-server, e2fsprogs, util-linux, coreutils, iproute2, psmisc, bash and lvm2 (with
# the device-mapper module: the storage Chef's guide puts under DRBD) with their ldd closure. The image is cached under CACHE_ROOT/KEY, KEY being a hash of every package version and of the files
# beside this script, so a new package version or a changed script builds a new image.
#
# usage: build-image.sh CACHE_ROOT SOURCE_DIR   (prints the image directory on its last line)
# The image directory holds vmlinuz, initrd.gz, id_ed25519 (the key root logs in with), known_hosts entries'
# host key (ssh_host_ed25519_key.pub), versions.txt and a file 'complete' written last.
set -euo pipefail
cache_root=$1
src=$(cd "$2" && pwd)
host_packages="drbd-utils openssh-server openssh-client e2fsprogs util-linux mount coreutils iproute2 psmisc bash dash busybox-static kmod lvm2"

kernel_pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
if [ -z "$kernel_pkg" ]; then
  echo "cannot tell which kernel linux-image-amd64 depends on (run apt-get update first)" >&2
  exit 3
fi
kernel_version=$(apt-cache policy "$kernel_pkg" | awk '/Candidate:/{print $2}')
versions=$( { echo "$kernel_pkg $kernel_version"
  for p in $host_packages; do
    v=$(dpkg-query -W -f '${Version}' "$p" 2>/dev/null) || { echo "package $p is not installed" >&2; exit 3; }
    echo "$p $v"
  done
  cat "$src"/* | sha256sum | cut -c1-16 | sed 's/^/scripts /'
} )
key=$(echo "$versions" | sha256sum | cut -c1-16)
out=$cache_root/$key
if [ -f "$out/complete" ]; then
  echo "$out"
  exit 0
fi

mkdir -p "$cache_root"
work=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "building the test bed image $key in $work" >&2
apt-get download "$kernel_pkg" >&2
dpkg-deb -x ./"$kernel_pkg"_*.deb kernel
kver=${kernel_pkg#linux-image-}
depmod -b kernel "$kver"

root=$work/root
mkdir -p "$root"/usr/{bin,sbin,lib,lib64} "$root"/{etc,proc,sys,dev,run,tmp,root,persist,var} "$root"/var/{empty,lock,log,tmp}
# The usrmerge layout: drbdadm finds drbdadm-84 in its built-in /lib/drbd.
ln -s usr/bin "$root/bin"; ln -s usr/sbin "$root/sbin"; ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"
chmod 1777 "$root/tmp" "$root/var/tmp"
ln -s /run "$root/var/run"
mkdir -p "$root/var/lib/drbd"

norm() { echo "$1" | sed 's|^/lib/|/usr/lib/|; s|^/lib64/|/usr/lib64/|; s|^/bin/|/usr/bin/|; s|^/sbin/|/usr/sbin/|'; }
copy() { # copy a file and its ldd closure into the root (paths through the usrmerge links); a link's name too
  local f=$1 real dest target
  real=$(norm "$(readlink -f "$f")")
  dest=$root$real
  target=$root$(norm "$f")
  if [ ! -e "$dest" ]; then
    mkdir -p "$(dirname "$dest")"
    cp -L "$f" "$dest"
    { ldd "$f" 2>/dev/null || true; } | { grep -o '/[^ ]*' || true; } | while read -r lib; do copy "$lib"; done
  fi
  # mkfs.ext4 is a link to mke2fs, which reads its name: keep the name as a link
  if [ "$target" != "$dest" ] && [ ! -e "$target" ] && [ ! -L "$target" ]; then
    mkdir -p "$(dirname "$target")"
    ln -s "$real" "$target"
  fi
}

for b in drbdadm drbdsetup drbdmeta sshd ssh-keygen mke2fs mkfs.ext4 e2fsck tune2fs dumpe2fs blkid wipefs mount umount \
    mountpoint setsid flock losetup timeout tee cat cp mv rm mkdir rmdir ls ln chmod chown touch test stat sync sleep killall \
    date head tail wc sort uniq cut tr dd sha256sum md5sum stdbuf seq env id uname hostname kill ps ip ss tc fuser readlink \
    bash dash sed grep awk gawk findmnt lsblk resize2fs df dmsetup lvm pvcreate pvremove pvs pvscan pvdisplay vgcreate \
    vgextend vgchange vgremove vgs vgscan vgdisplay vgmknodes lvcreate lvextend lvresize lvremove lvchange lvs lvscan \
    lvdisplay; do
  p=$(type -P "$b") || continue
  copy "$p"
done
for f in /usr/lib/drbd/drbdadm-84 /usr/lib/drbd/drbdsetup-84 /usr/lib/drbd/drbdadm-83 /usr/lib/drbd/drbdsetup-83; do
  [ -e "$f" ] && copy "$f"
done
# coreutils' stdbuf preloads this library by path.
[ -e /usr/libexec/coreutils/libstdbuf.so ] && copy /usr/libexec/coreutils/libstdbuf.so
cp /usr/bin/busybox "$root/usr/bin/busybox"
# busybox for anything the packages above do not give (init, ping, sh applets, ...), never over a real tool
for applet in $("$root/usr/bin/busybox" --list-full); do
  case "$applet" in
    bin/*|sbin/*) applet=usr/$applet ;;
  esac
  [ -e "$root/$applet" ] || [ -L "$root/$applet" ] || { mkdir -p "$root/$(dirname "$applet")"; ln -s /usr/bin/busybox "$root/$applet"; }
done
ln -sf bash "$root/usr/bin/sh"

# kernel modules, in load order (modprobe --show-depends lists dependencies first)
moddir=lib/modules/$kver
mkdir -p "$root/usr/$moddir"
: > "$root/etc/modules.order"
for m in virtio_pci virtio_blk virtio_net virtio_rng crc32c_generic drbd ext4 loop tcp_diag sch_tbf dm_mod; do
  modprobe -d kernel -S "$kver" --show-depends "$m" | awk '$1=="insmod"{print $2}' | while read -r ko; do
    rel=lib/modules/${ko#*/lib/modules/}
    mkdir -p "$root/usr/$(dirname "$rel")"
    if [ ! -e "$root/usr/$rel" ]; then
      cp "kernel/$rel" "$root/usr/$rel"
      echo "/$rel" >> "$root/etc/modules.order"
    fi
  done
done
cp "kernel/boot/vmlinuz-$kver" "$work/vmlinuz"

# accounts, ssh, DRBD and Chef's stand-in
cat > "$root/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/bash
sshd:x:100:65534:sshd:/run/sshd:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
P
cat > "$root/etc/group" <<'G'
root:x:0:
nogroup:x:65534:
G
echo 'root:*:19000:0:99999:7:::' > "$root/etc/shadow"; chmod 600 "$root/etc/shadow"
echo 'hosts: files' > "$root/etc/nsswitch.conf"
echo '127.0.0.1 localhost' > "$root/etc/hosts"
mkdir -p "$root/etc/ssh" "$root/root/.ssh" "$root/usr/share/empty.sshd"
ssh-keygen -q -t ed25519 -N '' -C drbd4j-testbed-host -f "$root/etc/ssh/ssh_host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C drbd4j-testbed -f "$work/id_ed25519"
cp "$work/id_ed25519.pub" "$root/root/.ssh/authorized_keys"
chmod 700 "$root/root/.ssh"; chmod 600 "$root/root/.ssh/authorized_keys"
cp "$root/etc/ssh/ssh_host_ed25519_key.pub" "$work/ssh_host_ed25519_key.pub"
cat > "$root/etc/ssh/sshd_config" <<'S'
Port 22
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
PrintMotd no
MaxStartups 50:30:100
MaxSessions 50
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
S
mkdir -p "$root/etc/drbd.d"
install -m 0755 "$src/rcS" "$root/etc/rcS"
install -m 0755 "$src/chef-server-ctl" "$root/usr/bin/chef-server-ctl"
install -m 0755 "$src/drbd4j-writer" "$root/usr/bin/drbd4j-writer"
cat > "$root/etc/inittab" <<'I'
::sysinit:/etc/rcS
::respawn:/usr/sbin/sshd -D -e
ttyS0::respawn:/sbin/getty -n -l /bin/sh 115200 ttyS0
::shutdown:/bin/sync
I
ln -s /usr/bin/busybox "$root/init" 2>/dev/null || true
# e2fsprogs: no discard by default, so that mkfs on a fresh pair leaves the initial full sync running
printf '[defaults]\n\tbase_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr\n\tdefault_mntopts = acl,user_xattr\n\tenable_periodic_fsck = 0\n\tblocksize = 4096\n\tinode_size = 256\n\tinode_ratio = 16384\n\tdiscard = false\n\n[fs_types]\n\text4 = {\n\t\tfeatures = has_journal,extent,huge_file,flex_bg,metadata_csum,64bit,dir_nlink,extra_isize\n\t}\n' > "$root/etc/mke2fs.conf"
# lvm2 without udev (the VM has none): libdevmapper makes the /dev/mapper nodes and lvm the /dev/VG/LV links
# itself, nothing waits for udev, devices are found by scanning /dev; no devices file, no hints, no lvmetad-style
# event activation (rcS runs vgchange -ay at boot). DRBD's own devices are never scanned: a Secondary's refuses to
# be opened, and the Primary's holds Chef's filesystem, not a physical volume.
mkdir -p "$root/etc/lvm/backup" "$root/etc/lvm/archive"
cat > "$root/etc/lvm/lvm.conf" <<'L'
devices {
	dir = "/dev"
	scan = [ "/dev" ]
	obtain_device_list_from_udev = 0
	external_device_info_source = "none"
	use_devicesfile = 0
	hints = "none"
	global_filter = [ "r|^/dev/drbd|", "a|.*|" ]
}
activation {
	udev_sync = 0
	udev_rules = 0
	verify_udev_operations = 0
	monitoring = 0
}
global {
	use_lvmlockd = 0
	event_activation = 0
}
backup {
	backup = 1
	backup_dir = "/etc/lvm/backup"
	archive = 0
}
log {
	syslog = 0
}
L
echo "$versions" > "$root/etc/drbd4j-testbed-versions"

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 > "$work/initrd.gz"
echo "$versions" > "$work/versions.txt"
mkdir -p "$out"
cp "$work/vmlinuz" "$work/initrd.gz" "$work/id_ed25519" "$work/ssh_host_ed25519_key.pub" "$work/versions.txt" "$out/"
chmod 600 "$out/id_ed25519"
touch "$out/complete"
echo "$out"
