#!/usr/bin/env bash
# Runs the bash completion the way bash does on Tab: sources bash-completion and assets/completion/bordermap,
# sets COMP_WORDS and COMP_CWORD, calls _bordermap, and compares COMPREPLY with what the program's help says.
#   tests/install/completion_check.sh SOURCE_DIR BORDERMAP_BINARY
set -o pipefail
source_dir=$(cd "$1" && pwd) program=$(readlink -f "$2")
source /usr/share/bash-completion/bash_completion
source "$source_dir/assets/completion/bordermap"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/files" "$work/empty"
touch "$work"/files/{a.png,b.svg,c.pdf,d.mp4,e.geojson,f.gpkg,g.csv,h.json,i.txt,j.gif}
cd "$work/files"

failures=0
# expect WORDS... -- EXPECTED...: the completions for the command line WORDS (the last one is being typed).
expect() {
    local words=() want=()
    while [[ $1 != -- ]]; do words+=("$1"); shift; done
    shift
    want=("$@")
    COMP_WORDS=("$program" "${words[@]}")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _bordermap
    local got want_sorted
    got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd ' ')
    want_sorted=$(printf '%s\n' "${want[@]}" | LC_ALL=C sort | paste -sd ' ')
    if [[ $got != "$want_sorted" ]]; then
        echo "completion_check: 'bordermap ${words[*]}<Tab>' gave [$got], expected [$want_sorted]" >&2
        failures=$((failures + 1))
    fi
}

# The commands, from bordermap --help (in an empty folder: a viewer that opens files offers them here too).
cd "$work/empty"
expect '' -- brief db events info render validate where
cd "$work/files"
if grep -q '^usage: bordermap \[FILE\]' <<<"$("$program" --viewer-help)"; then
    expect e -- events e.geojson
fi
expect v -- validate
expect db '' -- import init
# Options from each command's --help (those of render that start --la; where's that start --d).
expect render --la -- --labels --landscape --layers
expect where --d -- --data
# Closed sets, from the help text.
expect render --layers '' -- provinces neighbours graticule rivers disputed crossings events labels
expect render --layers provinces,ri -- provinces,rivers
expect render --hide '' -- title date legend scalebar north durand-note sources attribution
expect render --crs '' -- regional webmercator platecarree
expect render --labels '' -- english bilingual
expect render --inset '' -- khyber none
expect render --locator '' -- auto on off
expect render --every '' -- 1d 1w 1m
expect render --kinds d -- deportation diplomacy
expect render --paper '' -- A5 A4 A3 A2 Letter Legal Tabloid
expect render -o '' -- a.png b.svg c.pdf d.mp4 j.gif
expect info --crs w -- webmercator
expect --marker-draw '' -- instanced per-marker auto
expect --map-cache '' -- on off
expect --briefing '' -- h.json
expect events --acled-dates '' -- dmy mdy
expect events --events '' -- e.geojson f.gpkg g.csv h.json
expect events -o '' -- e.geojson f.gpkg g.csv
expect brief '' -- h.json
expect brief h.json -o '' -- c.pdf d.mp4 j.gif
# Free values: nothing offered.
expect render --date '' --
expect render --dpi '' --

if ((failures > 0)); then
    echo "completion_check: $failures completions differ from the program's help" >&2
    exit 1
fi
echo "completion_check: all completions match"
