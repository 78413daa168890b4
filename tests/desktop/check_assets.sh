#!/bin/bash
# Checks the files a desktop reads (assets/): each with its own validator, and each validator shown a broken copy
# that it must refuse, so that a check that cannot fail (a validator that accepts anything, a missing tool) fails.
#   check_assets.sh entry    ASSETS_DIR WORK_DIR   desktop-file-validate on the .desktop file
#   check_assets.sh metainfo ASSETS_DIR WORK_DIR   appstreamcli validate --no-net on the AppStream metadata
#   check_assets.sh mime     ASSETS_DIR WORK_DIR   xmllint, then the types a file manager (GIO) gives sample files
#   check_assets.sh icons    ICONS_DIR  WORK_DIR   each PNG drawn at its size (build/assets/icons/NxN/apps)
set -u
mode=$1 dir=$2 work=$3
id=org.bordermap.Bordermap
rm -rf "$work" && mkdir -p "$work" || exit 1
status=0
fail() { echo "FAIL: $*" >&2; status=1; }

case $mode in
entry)
    file=$dir/$id.desktop
    # Hints too: an entry in two menus ("more than one main category") is a fault a user sees.
    out=$(desktop-file-validate "$file" 2>&1) || fail "desktop-file-validate exits $?"
    [[ -z $out ]] || fail "desktop-file-validate says: $out"
    for type in application/geo+json application/geopackage+sqlite3 application/vnd.google-earth.kml+xml \
                application/vnd.bordermap.briefing+json; do
        grep -q "^MimeType=.*$type;" "$file" || fail "$file: MimeType lacks $type"
    done
    grep -q '^Exec=bordermap %F$' "$file" || fail "$file: Exec is not 'bordermap %F'"
    grep -v '^Type=' "$file" > "$work/no_type.desktop"
    desktop-file-validate "$work/no_type.desktop" > /dev/null 2>&1 && fail "desktop-file-validate accepts an entry without Type"
    ;;
metainfo)
    file=$dir/$id.metainfo.xml
    out=$(appstreamcli validate --no-net --no-color "$file" 2>&1) || fail "appstreamcli validate exits $?: $out"
    # Errors fail the exit status; warnings do not, but they are faults too.
    grep -E '^(E|W):' <<< "$out" && fail "appstreamcli validate reports the above"
    grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$file" || fail "$file: no launchable $id.desktop"
    grep -q '<release version="0.1.0"' "$file" || fail "$file: no release 0.1.0"
    grep -v '<id>' "$file" > "$work/no_id.metainfo.xml"
    appstreamcli validate --no-net "$work/no_id.metainfo.xml" > /dev/null 2>&1 &&
        fail "appstreamcli validate accepts metadata without an id"
    ;;
mime)
    file=$dir/$id.xml
    xmllint --noout "$file" || fail "xmllint refuses $file"
    head -c -40 "$file" > "$work/cut.xml"
    xmllint --noout "$work/cut.xml" 2> /dev/null && fail "xmllint accepts a cut file"
    # The types GIO (as Nautilus, Thunar and Dolphin's KIO do, from the same shared-mime-info database) gives: a
    # database of ours on top of the system's, as installing the package makes it.
    mkdir -p "$work/mime/packages" && cp "$file" "$work/mime/packages/" || exit 1
    out=$(update-mime-database "$work/mime" 2>&1) || fail "update-mime-database refuses $file: $out"
    briefing=$dir/briefings/october-2025-closures.briefing.json
    # Without the .briefing.json name, by its first member (the magic). A name the system knows wins over the magic
    # (GIO takes a sole glob match as it is): a briefing named x.json is JSON to a file manager, hence the name.
    cp "$briefing" "$work/renamed"
    printf '{"type": "FeatureCollection", "features": []}\n' > "$work/plain.json"
    expect() {  # FILE TYPE
        local got
        got=$(XDG_DATA_HOME=$work XDG_DATA_DIRS=/usr/share gio info -a standard::content-type "$1" 2>&1 |
              sed -n 's/^ *standard::content-type: //p')
        [[ $got == "$2" ]] || fail "$1 is '$got' to a file manager, not $2"
    }
    expect "$briefing" application/vnd.bordermap.briefing+json
    expect "$work/renamed" application/vnd.bordermap.briefing+json
    expect "$work/plain.json" application/json
    expect "$dir/../geodata/bordermap.gpkg" application/geopackage+sqlite3
    ;;
icons)
    for size in 16 24 32 48 64 128 256 512; do
        png=$dir/${size}x${size}/apps/$id.png
        [[ -f $png ]] || { fail "$png is missing"; continue; }
        # The PNG signature, then IHDR's width and height (big-endian, bytes 16 to 23).
        [[ $(od -An -tx1 -N8 "$png" | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "$png is not a PNG"
        read -r w h < <(od -An -tu1 -j16 -N8 "$png" |
                        awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
        [[ $w == "$size" && $h == "$size" ]] || fail "$png is ${w}x$h, not ${size}x$size"
    done
    ;;
*)
    echo "usage: check_assets.sh entry|metainfo|mime|icons DIR WORK_DIR" >&2
    exit 2
    ;;
esac
exit $status
