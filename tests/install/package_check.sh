#!/usr/bin/env bash
# Builds the Debian package from the test's build tree with cpack and checks it:
#   tests/install/package_check.sh BUILD_DIR SOURCE_DIR OUTPUT_DIR
# its name (Debian's form), that its files are exactly what `cmake --install` makes, all under /usr, owned by root
# with the usual modes and the binary stripped; that its Depends are what dpkg-shlibdeps finds for the libraries
# the binary links (each one's package, no -dev package); that lintian reports no error; and that apt would install
# it here (apt-get install --simulate: nothing is installed). The package and lintian's report stay in OUTPUT_DIR.
set -euo pipefail
build_dir=$(cd "$1" && pwd) source_dir=$(cd "$2" && pwd)
mkdir -p "$3"
out_dir=$(cd "$3" && pwd)
source "$source_dir/tests/install/expected_files.sh"
fail() { echo "package_check: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:[A-Z]*=//p' "$build_dir/CMakeCache.txt")
[[ -n $version ]] || fail "no CMAKE_PROJECT_VERSION in $build_dir/CMakeCache.txt"

rm -f "$out_dir"/bordermap_*.deb
(cd "$build_dir" && cpack -G DEB -B "$out_dir" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$out_dir/bordermap_${version}_$(dpkg --print-architecture).deb
[[ -f $deb ]] || fail "cpack made no $(basename "$deb"): $(ls "$out_dir")"

# Contents: every entry under ./usr/, root-owned, folders 0755, files 0644, the binary 0755; the regular files
# exactly those of the DESTDIR install.
listing=$(dpkg-deb -c "$deb")
bad=$(awk '$6 !~ /^\.\/usr(\/|$)/ && $6 != "./" { print $6 }' <<<"$listing")
[[ -z $bad ]] || fail "files outside /usr: $bad"
bad=$(awk '$2 != "root/root" { print $2, $6 }' <<<"$listing")
[[ -z $bad ]] || fail "not owned by root: $bad"
bad=$(awk '($1 ~ /^d/ && $1 != "drwxr-xr-x") || ($1 ~ /^-/ && $6 != "./usr/bin/bordermap" && $1 != "-rw-r--r--") ||
           ($6 == "./usr/bin/bordermap" && $1 != "-rwxr-xr-x") { print $1, $6 }' <<<"$listing")
[[ -z $bad ]] || fail "unusual permissions: $bad"
packaged=$(awk '$1 ~ /^-/ { sub(/^\.\/usr\//, "", $6); print $6 }' <<<"$listing" | LC_ALL=C sort)
DESTDIR=$work/destdir cmake --install "$build_dir" --prefix /usr >/dev/null
installed=$(cd "$work/destdir/usr" && find . -type f -o -type l | sed 's|^\./||' | LC_ALL=C sort)
if [[ $packaged != "$installed" ]]; then
    diff <(echo "$installed") <(echo "$packaged") | grep -E '^[<>]' | sed 's/^</missing:/; s/^>/unexpected:/' >&2 || true
    fail "the package's files are not what cmake --install makes (above)"
fi
expected=$(bm_expected_files "$source_dir")
[[ $packaged == "$expected" ]] || fail "the package's files are not the expected ones: $(echo $packaged)"
dpkg-deb -x "$deb" "$work/root"
file "$work/root/usr/bin/bordermap" | grep -q ', stripped' || fail "usr/bin/bordermap is not stripped"

# Depends: the packages holding the libraries the binary names (its NEEDED entries, found as the loader finds
# them), each one there, and nothing else but what CMake names outright (CPACK_DEBIAN_PACKAGE_DEPENDS: fonts).
depends=$(dpkg-deb -f "$deb" Depends)
[[ -n $depends ]] || fail "the package has no Depends"
names() { tr ',' '\n' | sed -E 's/^ *//; s/[ (|].*//' | grep -v '^$' | LC_ALL=C sort -u; }
depends_names=$(names <<<"$depends")
grep -- '-dev$' <<<"$depends_names" && fail "a -dev package in Depends: $depends"
declared=$(sed -n 's/^set(CPACK_DEBIAN_PACKAGE_DEPENDS "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake" | names)
needed_packages=$(objdump -p "$work/root/usr/bin/bordermap" | awk '$1 == "NEEDED" { print $2 }' | while read -r lib; do
        path=$(ldconfig -p | awk -v lib="$lib" '$1 == lib && /x86-64/ { print $NF; exit }')
        [[ -n $path ]] || fail "the binary needs $lib, which the loader does not find"
        dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1 ||
            dpkg -S "$path" | head -n 1 | cut -d: -f1
    done | LC_ALL=C sort -u)
[[ -n $needed_packages ]] || fail "found no packages for the binary's libraries"
missing=$(LC_ALL=C comm -23 <(echo "$needed_packages") <(echo "$depends_names"))
extra=$(LC_ALL=C comm -13 <(printf '%s\n' "$needed_packages" "$declared" | LC_ALL=C sort -u) <(echo "$depends_names"))
[[ -z $missing ]] || fail "Depends lacks the packages of libraries the binary needs: $missing (Depends: $depends)"
[[ -z $extra ]] || fail "Depends names packages the binary needs no library of: $extra (Depends: $depends)"
for expected_dep in libgdal32 libsfml-graphics2.5 fonts-dejavu-core; do
    grep -qx "$expected_dep" <<<"$depends_names" || fail "Depends lacks $expected_dep: $depends"
done

# lintian: no errors (the warnings are explained in README.md's "Building the package").
lintian --tag-display-limit 0 "$deb" >"$out_dir/lintian.txt" 2>&1 || true
if grep -q '^E: ' "$out_dir/lintian.txt"; then
    grep '^E: ' "$out_dir/lintian.txt" >&2
    fail "lintian reports errors (all of its report: $out_dir/lintian.txt)"
fi

# apt would install it on this system (simulated: nothing changes).
apt-get install --simulate --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get install --simulate refused the package"; }
grep -q "^Inst bordermap " "$work/apt.log" || grep -q "bordermap is already the newest" "$work/apt.log" ||
    { cat "$work/apt.log" >&2; fail "apt-get install --simulate would not install bordermap"; }

echo "package_check: $(basename "$deb"): $(wc -l <<<"$packaged") files, Depends: $depends"
warnings=$(grep -c '^W: ' "$out_dir/lintian.txt" || true)
echo "package_check: lintian: no errors, $warnings warnings ($out_dir/lintian.txt)"
