#!/bin/bash
# Each --json output as a script reads it: stdout holds one JSON document and nothing else (no warning from GDAL or
# PROJ printed there), which python3's json module parses. Usage: json_parses.sh BORDERMAP TEST_DATA_DIR
set -eu -o pipefail
bordermap=$1
data=$2
check() {
    "$bordermap" "$@" --json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
assert doc["bordermap_json"] == 1 and doc["command"] == sys.argv[1], doc
' "$1"
}
check info
check info "$data/points.geojson" --crs webmercator
check where 69.1723 34.5281
check events --date 2025-03-01 --events "$data/events_extra.geojson"
check validate "$data/events_extra.geojson"
