#!/usr/bin/env bash
# Installs the build into a DESTDIR and checks it as an installed program:
#   tests/install/install_check.sh BUILD_DIR SOURCE_DIR
# every file of the fixed list at its place and nothing else; the man page and changelog gzip'd reproducibly
# (no name or time in the header); the desktop files valid (when they are there); and the installed binary, run
# from an empty folder with a bare environment and no display, answering info, where and render.
set -euo pipefail
build_dir=$(cd "$1" && pwd) source_dir=$(cd "$2" && pwd)
source "$source_dir/tests/install/expected_files.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install_check: $*" >&2; exit 1; }

root=$work/root
DESTDIR=$root cmake --install "$build_dir" --prefix /usr >/dev/null
expected=$(bm_expected_files "$source_dir")
installed=$(cd "$root/usr" && find . -type f -o -type l | sed 's|^\./||' | LC_ALL=C sort)
outside=$(cd "$root" && find . -mindepth 1 -maxdepth 1 ! -name usr)
[[ -z $outside ]] || fail "installed outside the prefix /usr: $outside"
if [[ $installed != "$expected" ]]; then
    diff <(echo "$expected") <(echo "$installed") | sed 's/^</missing:/; s/^>/unexpected:/' | grep -E '^(missing|unexpected)' >&2 || true
    fail "the installed files are not the expected ones (above)"
fi

[[ -x $root/usr/bin/bordermap ]] || fail "usr/bin/bordermap is not executable"
for gz in share/man/man1/bordermap.1.gz share/doc/bordermap/changelog.gz; do
    gzip -t "$root/usr/$gz" || fail "$gz is not a whole gzip file"
    # Header bytes 3 (flags: 8 = a file name follows) and 4-7 (the time): both zero with gzip -n.
    header=$(od -An -tx1 -j3 -N5 "$root/usr/$gz" | tr -d ' \n')
    [[ $header == 0000000000 ]] || fail "$gz keeps a name or a time in its header ($header): gzip -9n"
done
# The page renders, and has the commands' sections from their --help.
page=$(MANWIDTH=100 man -l "$root/usr/share/man/man1/bordermap.1.gz" 2>&1 | col -b)
for heading in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" COMMANDS ENVIRONMENT FILES "SEE ALSO"; do
    grep -q "^$heading\$" <<<"$page" || fail "bordermap.1 has no $heading section"
done
grep -q "bordermap render --dates FROM..TO" <<<"$page" || fail "bordermap.1's SYNOPSIS lacks render's usage"
grep -q "^   bordermap where" <<<"$page" || fail "bordermap.1's COMMANDS lacks 'bordermap where'"
grep -q "^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" \
    "$root/usr/share/doc/bordermap/copyright" || fail "copyright is not in the machine-readable format 1.0"

# bash-completion finds the completion where it was installed, on demand, as it does on the first Tab.
loaded=$(XDG_DATA_DIRS=$root/usr/share bash -c 'source /usr/share/bash-completion/bash_completion
    __load_completion bordermap && complete -p bordermap' 2>&1) || true
[[ $loaded == "complete -F _bordermap bordermap" ]] ||
    fail "bash-completion does not load the installed completion for bordermap: $loaded"

id=org.bordermap.Bordermap
if [[ -f $root/usr/share/applications/$id.desktop ]]; then
    desktop-file-validate "$root/usr/share/applications/$id.desktop" || fail "$id.desktop does not validate"
    appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/$id.metainfo.xml" >/dev/null ||
        fail "$id.metainfo.xml does not validate (appstreamcli validate --no-net)"
fi

# The installed program on its own: an empty folder, no checkout, no build, no display.
run=$work/run
mkdir "$run"
bare=(env -i "PATH=$root/usr/bin:/usr/bin:/bin" "HOME=$run" LANG=C.UTF-8)
cd "$run"
out=$("${bare[@]}" bordermap --version) || fail "bordermap --version failed"
[[ $out =~ ^bordermap\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "bordermap --version printed '$out'"
out=$("${bare[@]}" bordermap info) || fail "bordermap info failed"
grep -q "durand_line" <<<"$out" || fail "bordermap info does not list the durand_line layer: $out"
out=$("${bare[@]}" bordermap where 69.17 34.53) || fail "bordermap where 69.17 34.53 failed"
grep -Eq "province: +Kabul" <<<"$out" || fail "bordermap where 69.17 34.53 is not in Kabul province: $out"
"${bare[@]}" bordermap render --size 320x200 -o map.png >/dev/null || fail "bordermap render -o map.png failed"
[[ $(head -c 8 map.png | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "map.png is not a PNG"
ran="info, where and render"
# The viewer, when the test is given a virtual X server (BORDERMAP_XVFB_RUN: xvfb-run's path): its window drawn
# and saved, in the same bare environment plus the server's DISPLAY and XAUTHORITY.
if [[ -n ${BORDERMAP_XVFB_RUN:-} ]]; then
    "$BORDERMAP_XVFB_RUN" -a -s "-screen 0 1024x768x24" bash -c 'exec env -i "PATH=$0" "HOME=$1" LANG=C.UTF-8 \
        "DISPLAY=$DISPLAY" "XAUTHORITY=$XAUTHORITY" bordermap --size 1024x700 --screenshot view.png --frames 3' \
        "$root/usr/bin:/usr/bin:/bin" "$run" >"$work/viewer.log" 2>&1 ||
        { cat "$work/viewer.log" >&2; fail "the installed viewer failed"; }
    # A real frame of map and panels compresses to well over 50 KB; a blank or black one to a few KB.
    [[ -f view.png && $(stat -c %s view.png) -gt 50000 ]] || fail "the installed viewer's screenshot is missing or blank"
    ran+=" and the viewer"
fi
echo "install_check: $(wc -l <<<"$expected") files in place; the installed bordermap ran $ran"
