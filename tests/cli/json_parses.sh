#!/bin/bash
# Each --json output as a script reads it: stdout holds one JSON document and nothing else (no warning from GDAL or
# PROJ printed there), which python3's json module parses. One python3 for them all: its start is most of the time.
# Usage: json_parses.sh BORDERMAP TEST_DATA_DIR
set -eu
bordermap=$1
data=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bordermap" info --json >"$out/info"
"$bordermap" info "$data/points.geojson" --crs webmercator --json >"$out/info_files"
"$bordermap" where 69.1723 34.5281 --json >"$out/where"
"$bordermap" events --date 2025-03-01 --events "$data/events_extra.geojson" --json >"$out/events"
"$bordermap" validate "$data/events_extra.geojson" --json >"$out/validate"
python3 - "$out" <<'PY'
import json, os, sys
for command in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], command)) as f:
        doc = json.load(f)
    assert doc["bordermap_json"] == 1 and doc["command"] == command.split("_")[0], doc
PY
