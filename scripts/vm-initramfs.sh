#!/bin/sh
# Build the guest's tiny busybox initramfs for kernel release $1 into $2.
# It loads just what mounting the host's root over virtio-9p needs, then
# hands over to scripts/vm-guest-init on the shared root.
set -eu
krel=$1
out=$2
moddir=/lib/modules/$krel

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/proc" "$work/sys" "$work/dev" "$work/newroot" "$work/mods"
cp /bin/busybox "$work/bin/busybox"

# Modules in dependency order; built-ins print nothing.
: > "$work/mods/order"
if [ -d "$moddir" ]; then
	for m in virtio_pci 9pnet_virtio 9p; do
		modprobe --show-depends -S "$krel" "$m" 2>/dev/null |
			awk '$1 == "insmod" { print $2 }'
	done | awk '!seen[$0]++' | while read -r ko; do
		# busybox's insmod takes plain modules; 6.12's are xz'd.
		name=$(basename "$ko" .xz)
		case $ko in
		*.xz) xz -dc "$ko" > "$work/mods/$name" ;;
		*) cp "$ko" "$work/mods/" ;;
		esac
		echo "$name" >> "$work/mods/order"
	done
fi

cat > "$work/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t devtmpfs dev /dev
for m in $(cat /mods/order); do
	insmod "/mods/$m" || echo "initramfs: insmod $m failed"
done
mkdir -p /io /keep
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 vmio /io
tree=$(cat /io/tree)
# Tells vm-run the kernel got as far as userspace.
: > /io/booted
if ! mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /newroot; then
	echo "initramfs: cannot mount the host root over 9p"
	echo o > /proc/sysrq-trigger
fi
# The tree may live under a directory the guest makes writable (/tmp in
# CI): keep the host's view of it across the tmpfs mounts.
mount --bind "/newroot$tree" /keep
for d in tmp run var; do
	mount -t tmpfs -o mode=1777 tmpfs "/newroot/$d"
done
mkdir -p "/newroot$tree" /newroot/run/vm
mount --move /keep "/newroot$tree"
mount --move /io /newroot/run/vm
mount -t devtmpfs dev /newroot/dev
umount /dev /proc
exec switch_root /newroot /bin/bash "$tree/scripts/vm-guest-init"
INIT
chmod +x "$work/init"
(cd "$work" && find . | cpio -o -H newc --quiet | gzip -1) > "$out.$$"
# Guests booting at once may each make it: the rename is atomic.
mv "$out.$$" "$out"
