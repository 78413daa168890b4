#!/bin/bash
# Writes bordermap.1.gz from the built program's own help, so that the page cannot drift from it.
#   cmake/manpage.sh BORDERMAP_BINARY HAND_WRITTEN.h2m CHANGELOG OUTPUT_DIR
# help2man makes the page's frame (NAME, the version, the date) from `bordermap --help` and `--version`; its own
# reading of --help would turn the two-column command table into a list with broken entries, so the sections taken
# from --help are written here instead, as an include file help2man puts in place of its own:
#   SYNOPSIS     the `usage:` lines of every command's --help (and of --viewer-help), wrapped lines joined
#   DESCRIPTION  --help's paragraph, then its command table as a tagged list (a wrapped entry's lines stay lines)
#   EXIT STATUS  --help's "exit status:" line, one entry a code
#   COMMANDS     each command's --help (the commands are those --help's table lists) and --viewer-help, verbatim
# then the hand-written sections (ENVIRONMENT, FILES, SEE ALSO).
set -euo pipefail
program=$1 h2m=$2 changelog=$3 out=$4
# The page's date is the release's, the changelog's newest entry, not the day it was built: the same sources make
# the same page (help2man reads SOURCE_DATE_EPOCH).
release_date=$(sed -n 's/^ -- .*>  //p' "$changelog" | head -n 1)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date -d "$release_date" +%s)}

# Help text as roff: backslashes and minus signs escaped, a line that starts with a roff control character protected.
roff() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

usage=$("$program" --help)
# Empty in a build without the viewer (BORDERMAP_BUILD_VIEWER=OFF), whose --viewer-help is an unknown option.
viewer_help=$("$program" --viewer-help 2>/dev/null) || viewer_help=""
commands=$(awk '/^commands:/ { inside = 1; next } inside && /^$/ { exit }
                inside && match($0, /^  [a-z]+ /) { print substr($0, 3, RLENGTH - 3) }' <<<"$usage" | awk '!seen[$0]++')
[[ -n $commands ]] || { echo "manpage.sh: found no commands under 'commands:' in bordermap --help" >&2; exit 1; }

# A help text's synopsis: "usage: bordermap ..." and the "bordermap ..." lines after it, each with the more
# indented lines that continue it; one .br-separated line each.
synopsis() {
    awk '/^usage: / { sub(/^usage: /, ""); line = $0; inside = 1; next }
         inside && /^ +bordermap / { print line; sub(/^ +/, ""); line = $0; next }
         inside && /^ +[^ ]/ { sub(/^ +/, ""); line = line " " $0; next }
         inside { print line; exit }'
}
{
    echo '[SYNOPSIS]'
    # One entry a form (.SY: its wrapped lines hang under the arguments); options not hyphenated or spread apart.
    echo '.nh'; echo '.ad l'
    { synopsis <<<"$usage"; synopsis <<<"$viewer_help"
      while read -r command; do synopsis <<<"$("$program" "$command" --help)"; done <<<"$commands"; } |
        awk '!seen[$0]++' | roff | sed -E 's/^bordermap( |$)/.SY bordermap\n/' | awk '{ print } /^\.SY/ { next } { print ".YS" }'

    echo
    echo '[=DESCRIPTION]'
    echo '.hy'; echo '.ad b'
    # The paragraphs between the usage and the table, then the table: an entry starts two spaces in; a line
    # indented further continues the entry on the left (its own line) and its description on the right.
    awk 'NR == 1 { next }
         /^commands:/ { table = 1; next }
         !table { if ($0 == "") print ".PP"; else print; next }
         /^exit status:/ || /^$/ { next }
         {
             split_at = match($0, /[^ ]  +[^ ]/)
             left = split_at ? substr($0, 1, split_at) : $0
             right = split_at ? substr($0, split_at + 1) : ""
             sub(/^ +/, "", left); sub(/^ +/, "", right)
             if ($0 ~ /^  [^ ]/) { if (n) print_entry(); n = 1; tags[1] = left; text = right }
             else { tags[++n] = left; text = text " " right }
         }
         function print_entry(   i) {
             print ".TP"; print ".B " tags[1]
             for (i = 2; i <= n; i++) { print ".TQ"; print ".B " tags[i] }
             print text
         }
         END { if (n) print_entry() }' <<<"$usage" | roff | sed -E 's/^\\&\.(PP|TP|TQ|B )/.\1/'

    echo
    echo '[EXIT STATUS]'
    sed -n 's/^exit status: //p' <<<"$usage" | sed -E 's/, ([0-9]+ )/\n\1/g' |
        sed -E 's/^([0-9]+) (.*)/.TP\n.B \1\n\2/' | roff | sed -E 's/^\\&\.(TP|B )/.\1/'

    echo
    echo '[COMMANDS]'
    if [[ -n $viewer_help ]]; then
        echo '.SS "bordermap [OPTIONS]: the viewer"'
        echo '.nf'; roff <<<"$viewer_help"; echo '.fi'
    fi
    while read -r command; do
        echo ".SS \"bordermap $command\""
        echo '.nf'; roff <<<"$("$program" "$command" --help)"; echo '.fi'
    done <<<"$commands"
    echo
    cat "$h2m"
} >"$out/bordermap.h2m"

help2man --no-info --section=1 --include="$out/bordermap.h2m" \
    --name="the Afghanistan-Pakistan border, its crossings and events in time" \
    --output="$out/bordermap.1" "$program"
# -n: no name or time stamp in the gzip header, so the same page compresses to the same bytes (Debian's rule).
gzip -9n -c "$out/bordermap.1" >"$out/bordermap.1.gz"
