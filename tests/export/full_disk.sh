#!/usr/bin/env bash
# A full disk: every format's export, the videos' and a briefing's handout too, fails with the system's reason ("No space left on device"), exit 1, leaves
# the previous file as it was and no temporary behind. Runs in a private mount namespace on a 64 KiB tmpfs, so it
# needs root (CI and the developers' machines are); it is skipped (77) where mounting is not allowed.
# usage: full_disk.sh BORDERMAP [BRIEFING]   (the handout is checked where a briefing is named)
set -uo pipefail
bordermap=$1
briefing=${2:-}
unshare --mount true 2>/dev/null || { echo "skipped: no mount namespace here"; exit 77; }
exec unshare --mount bash -s "$bordermap" "$briefing" <<'INNER'
set -uo pipefail
bordermap=$1
briefing=$2
disk=$(mktemp -d)
trap 'umount "$disk" 2>/dev/null; rmdir "$disk"' EXIT
mount -t tmpfs -o size=64k tmpfs "$disk" || { echo "skipped: cannot mount a tmpfs"; exit 77; }
failed=0
# One export to the full disk (`render ARGS`, or `brief ARGS` for a handout): exit 1, the system's reason on one
# line, the previous file as it was.
full() {
    local format=$1 command=$2 err code
    shift 2
    printf 'the previous map\n' >"$disk/map.$format"
    err=$(DISPLAY= "$bordermap" "$command" "$@" -o "$disk/map.$format" 2>&1 >/dev/null)
    code=$?
    echo "$format: exit $code: $err"
    [[ $code -eq 1 ]] || { echo "FAIL: $format: expected exit 1"; failed=1; }
    [[ $err == "bordermap: $disk/map.$format: cannot write: No space left on device" ]] ||
        { echo "FAIL: $format: expected the system's reason on one line"; failed=1; }
    [[ $(cat "$disk/map.$format") == "the previous map" ]] || { echo "FAIL: $format: the previous file changed"; failed=1; }
}
for format in png svg pdf; do full "$format" render --size 1600x1000; done
for format in mp4 webm gif; do  # a video: the muxer's writes and its index at the end
    full "$format" render --dates 2025-10-01..2025-10-06 --size 800x500
done
[[ -z $briefing ]] || full pdf brief "$briefing"
leftovers=$(ls -A "$disk" | grep -v '^map\.' || true)
[[ -z $leftovers ]] || { echo "FAIL: left behind: $leftovers"; failed=1; }
exit $failed
INNER
