#!/bin/busybox sh
# /init of the guest that scripts/vm/run.sh boots (static busybox, in the initramfs). It does
# every mount itself (the host's mount binary is slow under emulation), makes the host's root
# (read-only 9p + tmpfs overlay) the guest's real root with switch_root (not a chroot: the kernel
# refuses unprivileged user namespaces to a chrooted process, and rootless judges need them),
# then a second stage, PID 1 in that root, runs the command of the writable "results" share,
# writes its exit code back to the share, and powers off.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
log() { echo "$*" >> /results/init.log 2>/dev/null || echo "[vm init] $*" > /dev/console; }
fail() { log "$*"; poweroff -f; }

# Dependencies first; a module that fails for want of another is tried again on the next pass.
for pass in 1 2 3 4; do
  for m in crc16 crc32c_generic mbcache jbd2 ext4 virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk netfs fscache 9pnet 9pnet_virtio 9p overlay; do
    [ -f /modules/$m.ko ] || continue
    grep -q "^$m " /proc/modules && continue
    insmod /modules/$m.ko 2>/dev/null
  done
done

opts=trans=virtio,version=9p2000.L,msize=262144
mkdir -p /results
mount -t 9p -o $opts results /results || fail "cannot mount the results share (9p modules: $(cut -d' ' -f1 /proc/modules | tr '\n' ' '))"
# The host's root never changes under a run in ways the run depends on: cache it.
mount -t 9p -o $opts,ro,cache=loose root /lower || fail "cannot mount the host root over 9p"
mount -t tmpfs -o mode=755 upper /upper
mkdir -p /upper/data /upper/work
mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/data,workdir=/upper/work /newroot || fail "cannot mount the overlay"

r=/newroot
mount -t proc proc $r/proc
mount -t sysfs sys $r/sys
mount -t devtmpfs dev $r/dev
mkdir -p $r/dev/pts $r/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts $r/dev/pts
mount -t tmpfs -o mode=1777 shm $r/dev/shm
# /tmp stays on the overlay: the host's jest cache there saves a TypeScript compile under emulation.
mount -t tmpfs -o mode=755 run $r/run
mkdir -p $r/run/oj-vm
mount --bind /results $r/run/oj-vm
# Folders the host copied to virtio disks (run.sh --copy), in order: vda, vdb, …
n=0
for dir in $(cat /results/disks 2>/dev/null); do
  dev=/dev/vd$(echo abcdefghijklmnop | cut -c$((n + 1)))
  mount -t ext4 $dev $r$dir || log "cannot mount $dev at $dir"
  n=$((n + 1))
done
mount -t cgroup2 -o nsdelegate cgroup2 $r/sys/fs/cgroup || fail "cannot mount cgroup2"
for c in cpu memory pids; do echo "+$c" > $r/sys/fs/cgroup/cgroup.subtree_control || log "cannot enable $c"; done
# Debian's kernel keeps unprivileged user namespaces off unless told (its hosts set the sysctl):
# rootless judges need them.
[ -f /proc/sys/kernel/unprivileged_userns_clone ] && echo 1 > /proc/sys/kernel/unprivileged_userns_clone
ip link set lo up 2>/dev/null
hostname oj-vm

# Stage 2 lives on the new root's /run (tmpfs), with its own busybox: switch_root empties the
# initramfs, moves the overlay onto / and execs it as PID 1.
s=$r/run/oj-vm-init
mkdir -p $s
cp /bin/busybox $s/busybox
cat > $s/stage2 <<'STAGE2'
b=/run/oj-vm-init/busybox
printf "\n@@oj-vm-command@@\n" > /dev/console
/bin/sh /run/oj-vm/command.sh < /dev/null > /dev/console 2>&1
echo $? > /run/oj-vm/rc.tmp && $b mv /run/oj-vm/rc.tmp /run/oj-vm/rc
$b sync
$b umount /run/oj-vm 2>/dev/null
$b poweroff -f
STAGE2
umount /results 2>/dev/null   # still reachable at $r/run/oj-vm (bind mount)
exec switch_root $r /run/oj-vm-init/busybox sh /run/oj-vm-init/stage2
