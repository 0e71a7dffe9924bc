#!/usr/bin/env bash
# Outputs survive hostile targets: a full disk keeps the previous file and says "disk full"
# (a real tmpfs of a few KiB, mounted when the test runs as root), a FIFO and a character device
# are written through, a symlink stays a link, stdout on a full device is an error, and no
# temporary file is ever left behind.
# Usage: outputs.sh <borehole-cli> <source-dir>
set -uo pipefail
cli=$1
src=$2
. "$src/tests/cli/check.sh"
data="$src/tests/data"
lin=(--model "$data/linear.pt" --data "$data/four_features.csv" --quiet)
quick=(--no-power --no-lanczos --no-trace --no-sharpness --directions random --k 2)

# --- a full disk -------------------------------------------------------------------------
disk="$work/disk"
mkdir -p "$disk"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$disk" 2>/dev/null; then
  trap 'umount "$disk" 2>/dev/null; rm -rf "$work"' EXIT
  # A good model in place, then fill the disk to the brim.
  "$cli" train "${lin[@]}" --steps 3 --model-out "$disk/model.pt" >/dev/null 2>&1
  cp "$disk/model.pt" "$work/good.pt"
  check "full disk: the first model was written" test -s "$disk/model.pt"
  head -c 1M /dev/zero >"$disk/filler" 2>/dev/null
  "$cli" train "${lin[@]}" --steps 3 --model-out "$disk/model.pt" >"$work/o" 2>"$work/e"
  code=$?
  check "full disk: train --model-out exits 1" test "$code" = 1
  check "full disk: the message says disk full and names the file" \
    grep -qF "$disk/model.pt: writing failed: disk full (No space left on device); the previous file is kept" "$work/e"
  check "full disk: the previous model is unchanged" cmp -s "$disk/model.pt" "$work/good.pt"
  check "full disk: no temporary file is left" test -z "$(ls -A "$disk" | grep -v '^filler$\|^model.pt$')"
  check "full disk: no crash" bash -c "! grep -qE 'terminate called|Aborted' '$work/e'"
  "$cli" probe "${lin[@]}" "${quick[@]}" --out "$disk/new.json" >"$work/o" 2>"$work/e"
  check "full disk: a new report fails with exit 1" test $? = 1
  check "full disk: the new report's message says nothing was written" \
    grep -qF "$disk/new.json: writing failed: disk full (No space left on device); nothing was written" "$work/e"
  check "full disk: the new report is not there" test ! -e "$disk/new.json"
  umount "$disk"
else
  echo "SKIP   : full disk (needs root and tmpfs mounts)"
fi

# --- FIFO, character device, symlink, stdout -----------------------------------------------
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/from_fifo" &
reader=$!
"$cli" probe "${lin[@]}" "${quick[@]}" --out "$work/fifo" >/dev/null 2>"$work/e"
code=$?
wait "$reader"
check "fifo: written through, exit 0" test "$code" = 0
check "fifo: it is still a FIFO" test -p "$work/fifo"
check "fifo: the reader got the report" grep -q '"borehole.probe-report' "$work/from_fifo"

if [ -c /dev/full ]; then
  "$cli" probe "${lin[@]}" "${quick[@]}" --out - >/dev/full 2>"$work/e"
  check "stdout on a full device: exit 1" test $? = 1
  check "stdout on a full device: says so" \
    grep -qF "standard output: writing failed: disk full (No space left on device)" "$work/e"
  "$cli" info "${lin[@]}" >/dev/full 2>"$work/e"
  check "a summary on a full stdout is an error too" test $? = 1
  check "/dev/full is still a character device" test -c /dev/full
fi

"$cli" probe "${lin[@]}" "${quick[@]}" --out "$work/real.json" >/dev/null 2>&1
ln -s real.json "$work/link.json"
"$cli" probe "${lin[@]}" "${quick[@]}" --k 3 --out "$work/link.json" >/dev/null 2>"$work/e"
check "symlink: exit 0" test $? = 0
check "symlink: the link stays a link" test -L "$work/link.json"
check "symlink: the file it points to was replaced" grep -q '"count": 3' "$work/real.json"

chmod 640 "$work/real.json"
"$cli" probe "${lin[@]}" "${quick[@]}" --out "$work/real.json" >/dev/null 2>&1
check "a replaced file keeps its permissions" test "$(stat -c %a "$work/real.json")" = 640
"$cli" probe "${lin[@]}" "${quick[@]}" --out "$work/fresh.json" >/dev/null 2>&1
umask_now=$(umask)
check "a new file gets the umask's permissions" \
  test "$(stat -c %a "$work/fresh.json")" = "$(printf '%o' $((0666 & ~umask_now)))"
check "no temporary files anywhere" test -z "$(find "$work" -name '*.part')"

# A closed pipe is a write error, not a silent death by SIGPIPE.
"$cli" probe "${lin[@]}" "${quick[@]}" --out - 2>"$work/e" | true
check "closed stdout pipe: reported" grep -qF "standard output: writing failed" "$work/e"
finish
