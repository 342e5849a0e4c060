#!/usr/bin/env bash
# Runs one command as root in a throw-away QEMU guest with the unified cgroup v2 hierarchy, and
# brings back its output (streamed) and its exit code. The guest sees the host's whole file
# system read-only (9p) under a tmpfs overlay, so it has the host's toolchains, node_modules and
# build, and every write it makes vanishes with it. See docs/deployment.md ("cgroup v2 in a VM").
#
#   scripts/vm/run.sh [options] [--] COMMAND [ARGS…]
#     --kvm             -accel kvm (a host with real KVM); default -accel tcg (emulation, ~15× slower)
#     --timeout S       QEMU is killed after S seconds (default 1800); exit code 124 then
#     --memory MIB      guest memory (default 4096)     --cpus N   guest CPUs (default 2)
#     --cwd DIR         working folder in the guest (default: the current one)
#     --env NAME=VALUE  set in the guest (repeatable); PATH, HOME, LANG, TERM, CI and
#                       E2E_* are passed through from the caller
#     --copy DIR        serve DIR to the guest from a copy on a virtio disk (ext4), writable
#                       there and thrown away after: many small files (node_modules) read
#                       ~10× faster than over 9p under emulation (repeatable)
#     --check           only tell whether a guest can be booted here (exit 0) or not (exit 3)
#
# Exit code: the command's; 124 on timeout; 125 when the guest could not be set up or did not
# report (the reason is printed). Environment: OJ_VM_CACHE (kernel and initramfs cache, default
# /var/cache/oj-vm, reused across runs), OJ_VM_ACCEL, OJ_VM_TIMEOUT, OJ_VM_MEMORY, OJ_VM_CPUS.
#
# In the guest: Debian's stock kernel (linux-image-amd64, fetched with apt-get download and
# unpacked, never installed) booted uncompressed through its PVH entry; cgroup v1 disabled
# (cgroup_no_v1=all); cgroup2 at /sys/fs/cgroup with +cpu +memory +pids enabled for children;
# fresh tmpfs at /tmp, /run, /dev/shm; no network but loopback. Needs root (9p passthrough),
# qemu-system-x86 and busybox-static (installed with apt when missing).
set -euo pipefail

say() { printf '\033[1m[vm]\033[0m %s\n' "$*" >&2; }
die() { say "$*"; exit 125; }

cache="${OJ_VM_CACHE:-/var/cache/oj-vm}"
accel="${OJ_VM_ACCEL:-tcg}"
timeout_s="${OJ_VM_TIMEOUT:-1800}"
memory="${OJ_VM_MEMORY:-4096}"
cpus="${OJ_VM_CPUS:-2}"
cwd="$PWD"
check=0
envs=()
copies=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kvm) accel=kvm ;;
    --tcg) accel=tcg ;;
    --timeout) timeout_s="$2"; shift ;;
    --memory) memory="$2"; shift ;;
    --cpus) cpus="$2"; shift ;;
    --cwd) cwd="$2"; shift ;;
    --env) envs+=("$2"); shift ;;
    --copy) copies+=("$(cd "$2" && pwd)"); shift ;;
    --check) check=1 ;;
    --) shift; break ;;
    -*) die "unknown option $1 (see the head of $0)" ;;
    *) break ;;
  esac
  shift
done
[ $# -gt 0 ] || [ "$check" = 1 ] || die "usage: $0 [options] [--] COMMAND [ARGS…]"

[ "$(uname -m)" = x86_64 ] || die "the guest is x86_64 only (this host: $(uname -m))"
[ "$(id -u)" = 0 ] || die "needs root: the host's root is shared with 9p passthrough, which keeps owners and modes"
if ! command -v qemu-system-x86_64 >/dev/null || ! [ -x /bin/busybox ] || ! busybox --list 2>/dev/null | grep -x cpio >/dev/null; then
  command -v apt-get >/dev/null || die "qemu-system-x86_64 or a static busybox is missing and there is no apt-get"
  say "installing qemu-system-x86 and busybox-static"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1200 install -y -qq qemu-system-x86 busybox-static >/dev/null \
    || die "cannot install qemu-system-x86 busybox-static"
fi
file /bin/busybox 2>/dev/null | grep -q 'statically linked' || ldd /bin/busybox 2>&1 | grep -q 'not a dynamic' \
  || die "/bin/busybox is not static: apt-get install busybox-static"
if [ "$accel" = kvm ] && ! [ -w /dev/kvm ]; then die "--kvm: /dev/kvm is not usable here"; fi

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9   # one run at a time prepares the cache; the guests themselves run in parallel

# --- the kernel: Debian's linux-image-amd64, unpacked into the cache -------------------------
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
if [ -z "$pkg" ]; then
  # No package lists (or no network): use what the cache has.
  pkg=$(ls "$cache" 2>/dev/null | grep -E '^linux-image-[0-9].*-amd64$' | sort -V | tail -1 || true)
  [ -n "$pkg" ] || die "cannot tell which linux-image to fetch (apt-get update?) and none is cached in $cache"
fi
kdir="$cache/$pkg"
kver="${pkg#linux-image-}"
modules="lib/crc16.ko crypto/crc32c_generic.ko fs/mbcache.ko fs/jbd2/jbd2.ko fs/ext4/ext4.ko drivers/block/virtio_blk.ko
  drivers/virtio/virtio.ko drivers/virtio/virtio_ring.ko drivers/virtio/virtio_pci_legacy_dev.ko
  drivers/virtio/virtio_pci_modern_dev.ko drivers/virtio/virtio_pci.ko fs/netfs/netfs.ko fs/fscache/fscache.ko
  net/9p/9pnet.ko net/9p/9pnet_virtio.ko fs/9p/9p.ko fs/overlayfs/overlay.ko"
if ! [ -s "$kdir/vmlinux" ] || [ "$(cat "$kdir/modules.list" 2>/dev/null)" != "$modules" ]; then
  say "fetching $pkg (apt-get download; unpacked in $kdir, not installed)"
  rm -rf "$kdir" "$kdir.tmp" && mkdir -p "$kdir.tmp/deb"
  chmod 777 "$kdir.tmp/deb"   # apt drops to _apt to write the file
  (cd "$kdir.tmp/deb" && apt-get download -qq "$pkg" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true)
  deb=$(ls "$kdir.tmp/deb"/*.deb 2>/dev/null | head -1)
  [ -n "$deb" ] || die "apt-get download $pkg failed"
  dpkg-deb -x "$deb" "$kdir.tmp/x"
  vmlinuz="$kdir.tmp/x/boot/vmlinuz-$kver"
  # The bzImage's payload is xz: the uncompressed ELF boots through its PVH entry note, and
  # under emulation that saves the ~12 s the decompressor would spend.
  off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$vmlinuz" | head -1 | cut -d: -f1)
  [ -n "$off" ] || die "no xz payload in $vmlinuz"
  tail -c +$((off + 1)) "$vmlinuz" | xz -dc 2>/dev/null > "$kdir.tmp/vmlinux" || true
  head -c 4 "$kdir.tmp/vmlinux" | grep -q ELF || die "could not extract vmlinux from $vmlinuz"
  mkdir -p "$kdir.tmp/modules"
  for m in $modules; do
    src="$kdir.tmp/x/lib/modules/$kver/kernel/$m"
    if [ -f "$src" ]; then cp "$src" "$kdir.tmp/modules/"
    elif [ -f "$src.xz" ]; then xz -dc "$src.xz" > "$kdir.tmp/modules/$(basename "$m")"
    elif [ -f "$src.zst" ]; then zstd -qdc "$src.zst" > "$kdir.tmp/modules/$(basename "$m")"
    fi
  done
  mv "$kdir.tmp/x/boot/config-$kver" "$kdir.tmp/"
  echo "$modules" > "$kdir.tmp/modules.list"
  rm -rf "$kdir.tmp/x" "$kdir.tmp/deb"
  mv "$kdir.tmp" "$kdir"
fi

# --- the initramfs: static busybox, the modules, and /init (vm-init.sh) ----------------------
here="$(cd "$(dirname "$0")" && pwd)"
ihash=$(cat "$here/vm-init.sh" /bin/busybox "$kdir"/modules/*.ko | sha256sum | cut -c1-16)
initrd="$kdir/initramfs-$ihash.cpio.gz"
if ! [ -s "$initrd" ]; then
  say "building the initramfs"
  t=$(mktemp -d)
  mkdir -p "$t"/{bin,dev,proc,sys,lower,upper,newroot,modules}
  cp /bin/busybox "$t/bin/busybox"
  cp "$kdir"/modules/*.ko "$t/modules/"
  cp "$here/vm-init.sh" "$t/init" && chmod 755 "$t/init"
  (cd "$t" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1 > "$initrd.tmp")
  mv "$initrd.tmp" "$initrd"
  rm -rf "$t"
fi
flock -u 9

# --- one run ---------------------------------------------------------------------------------
share=$(mktemp -d /tmp/oj-vm-run.XXXXXX)
cleanup() {
  # Whatever ends this script ends QEMU too.
  [ -f "$share/.qemu.pid" ] && kill -9 "$(cat "$share/.qemu.pid")" 2>/dev/null || true
  rm -rf "$share" /dev/shm/"$(basename "$share")"-disk*.img
}
trap cleanup EXIT
trap 'exit 130' INT TERM

{
  echo "cd $(printf %q "$cwd") || exit 125"
  for v in PATH HOME LANG TERM CI $(compgen -e | grep -E '^E2E_' || true); do
    [ -n "${!v:-}" ] && echo "export $v=$(printf %q "${!v}")"
  done
  for e in "${envs[@]+"${envs[@]}"}"; do echo "export ${e%%=*}=$(printf %q "${e#*=}")"; done
  if [ "$check" = 1 ]; then
    echo 'grep -q memory /sys/fs/cgroup/cgroup.subtree_control && echo "[vm] guest up: $(uname -r), cgroup2 with $(cat /sys/fs/cgroup/cgroup.subtree_control)"'
  else
    printf 'exec'; printf ' %q' "$@"; echo
  fi
} > "$share/command.sh"

disks=()
i=0
for dir in "${copies[@]+"${copies[@]}"}"; do
  img="$share/disk$i.img"
  [ -d /dev/shm ] && [ -w /dev/shm ] && img="/dev/shm/$(basename "$share")-disk$i.img"
  mb=$(( $(du -sm "$dir" | cut -f1) * 3 / 2 + 64 ))
  mke2fs -q -t ext4 -O ^has_journal -i 8192 -d "$dir" "$img" "${mb}M" || die "cannot copy $dir to a disk image"
  disks+=(-drive "file=$img,format=raw,if=virtio,cache=unsafe")
  echo "$dir" >> "$share/disks"
  i=$((i + 1))
done

case "$accel" in
  kvm) accel_args=(-accel kvm -cpu host) ;;
  *) accel_args=(-accel tcg,thread=multi -cpu max) ;;
esac
console="quiet loglevel=1"
[ -n "${OJ_VM_DEBUG:-}" ] && console="loglevel=7"

started=$(date +%s.%N)
(
  qemu-system-x86_64 \
    "${accel_args[@]}" -machine q35 -m "$memory" -smp "$cpus" \
    -nodefaults -no-user-config -nographic -no-reboot -pidfile "$share/.qemu.pid" \
    -chardev stdio,id=con,signal=off -serial chardev:con \
    -kernel "$kdir/vmlinux" -initrd "$initrd" "${disks[@]+"${disks[@]}"}" \
    -append "console=ttyS0 $console panic=-1 cgroup_no_v1=all systemd.unified_cgroup_hierarchy=1 rdinit=/init tsc=reliable no_timer_check" \
    -virtfs local,path=/,mount_tag=root,security_model=passthrough,readonly=on,multidevs=remap \
    -virtfs local,path="$share",mount_tag=results,security_model=passthrough,multidevs=remap \
    < /dev/null |
    # Only the command's output: not the firmware's screen codes, nor the kernel's farewell.
    sed -u -n -e 's/\r$//' -e '/@@oj-vm-command@@$/,$ { /@@oj-vm-command@@$/d; /^\[ *[0-9.]*\] reboot: /d; p; }'
) &
runner=$!
(
  # Its own sleep ends with it, and holds none of the caller's pipes open.
  exec >/dev/null 2>&1
  sleep "$timeout_s" & nap=$!
  trap 'kill $nap; exit 0' TERM
  wait $nap
  touch "$share/.timed-out"
  kill -9 "$(cat "$share/.qemu.pid" 2>/dev/null)" 2>/dev/null
) &
watchdog=$!
wait "$runner" || true
kill "$watchdog" 2>/dev/null || true
wait "$watchdog" 2>/dev/null || true
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

if [ -f "$share/.timed-out" ]; then say "timed out after ${timeout_s} s: QEMU killed"; exit 124; fi
if ! [ -f "$share/rc" ]; then
  say "the guest ended without reporting an exit code (after ${elapsed} s)"
  [ -s "$share/init.log" ] && sed 's/^/[vm init] /' "$share/init.log" >&2
  [ "$check" = 1 ] && exit 3
  exit 125
fi
rc=$(cat "$share/rc")
[ "$check" = 1 ] && { [ "$rc" = 0 ] && exit 0; exit 3; }
say "guest command exited $rc after ${elapsed} s (boot included, -accel $accel)"
exit "$rc"
