"""A Shapefile written by QGIS from bordermap's GeoPackage reads back as the same catalogue.

usage: /usr/bin/python3 shapefile_roundtrip.py BORDERMAP

Writes every event with `bordermap events -o events.gpkg`, has QGIS save that layer as an ESRI Shapefile with the
default options of Export > Save Features As (QgsVectorFileWriter), then checks `bordermap validate` accepts the
Shapefile and that `bordermap events --events events.shp -o back.geojson` gives the events of
`bordermap events -o original.geojson`: the same ids, kinds, dates and their precision, places (MultiPoint events
included), figures and texts, where a text longer than the DBF format's 254 bytes must come back as its prefix.
Prints the field names QGIS wrote and each difference; exits 1 on any.
"""
import json
import os
import sys

import qgis_session as qs
from qgis.core import QgsProject, QgsVectorFileWriter, QgsVectorLayer, QgsWkbTypes

# The DBF format keeps at most 254 bytes of a text field; GDAL cuts longer values (on a UTF-8 character boundary).
DBF_TEXT_BYTES = 254
# What GDAL's Shapefile driver makes of the schema's names longer than 10 characters, as QGIS 3.22 writes them:
# cut to 10, and where that clashes with a field already written (fatalities), cut to 8 and numbered.
EXPECTED_LAUNDERED = {"time_precision": "time_preci", "end_precision": "end_precis", "geo_precision": "geo_precis",
                      "fatalities_min": "fataliti_1", "injured_min": "injured_mi"}


def by_id(path):
    with open(path, "rb") as file:
        data = file.read()
    try:
        features = json.loads(data.decode("utf-8"))["features"]
    except UnicodeDecodeError as error:
        sys.exit(f"{path}: not UTF-8 at byte {error.start}: {data[max(0, error.start - 40):error.start + 4]!r} "
                 "(a text the DBF format cut in the middle of a character, kept?)")
    return {f["properties"]["id"]: f for f in features}


def points(geometry):
    if geometry is None:
        return None
    if geometry["type"] == "Point":
        return [tuple(geometry["coordinates"])]
    if geometry["type"] == "MultiPoint":
        return [tuple(c) for c in geometry["coordinates"]]
    return geometry["type"]


def same_points(a, b):
    if a is None or b is None or isinstance(a, str) or isinstance(b, str):
        return a == b
    return len(a) == len(b) and all(abs(p - q) < 1e-9 for u, v in zip(a, b) for p, q in zip(u, v))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    binary = sys.argv[1]
    scratch = qs.start_qgis()
    gpkg = os.path.join(scratch, "events.gpkg")
    original = os.path.join(scratch, "original.geojson")
    shapefile = os.path.join(scratch, "shp", "events.shp")
    back = os.path.join(scratch, "back.geojson")
    qs.run_bordermap(binary, "events", "-o", gpkg)
    qs.run_bordermap(binary, "events", "-o", original)

    source = qs.load_layer(gpkg)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    os.makedirs(os.path.dirname(shapefile))
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(source, shapefile,
                                                                    QgsProject.instance().transformContext(), options)
    if error != QgsVectorFileWriter.NoError:
        sys.exit(f"QGIS could not write {shapefile}: {message}")
    written = QgsVectorLayer(shapefile, "written", "ogr")
    names = [field.name() for field in written.fields()]
    print(f"QGIS wrote {written.featureCount()} features, {QgsWkbTypes.displayString(written.wkbType())}, "
          f"fields: {' '.join(names)}")
    failures = []
    for long_name, short_name in EXPECTED_LAUNDERED.items():
        if short_name not in names:
            failures.append(f"QGIS did not write {long_name} as {short_name}")

    qs.run_bordermap(binary, "validate", shapefile)
    qs.run_bordermap(binary, "events", "--events", shapefile, "-o", back)
    before, after = by_id(original), by_id(back)
    if set(before) != set(after):
        failures.append(f"ids only in the original: {sorted(set(before) - set(after))}; "
                        f"only read back: {sorted(set(after) - set(before))}")
    truncated = {}
    multipoints = 0
    for ident in sorted(set(before) & set(after)):
        a, b = before[ident], after[ident]
        for field, value in a["properties"].items():
            returned = b["properties"].get(field)
            if value == returned:
                continue
            cut = (isinstance(value, str) and isinstance(returned, str) and value.startswith(returned)
                   and len(returned.encode()) <= DBF_TEXT_BYTES < len(value.encode()))
            if cut:
                truncated[field] = truncated.get(field, 0) + 1
            else:
                failures.append(f"{ident}: {field}: {value!r} came back as {returned!r}")
        if not same_points(points(a["geometry"]), points(b["geometry"])):
            failures.append(f"{ident}: geometry {a['geometry']} came back as {b['geometry']}")
        if a["geometry"] is not None and len(points(a["geometry"])) > 1:
            multipoints += 1

    print(f"{len(after)} events read back, {multipoints} with several places; texts cut to {DBF_TEXT_BYTES} bytes: "
          + (", ".join(f"{field} {count}" for field, count in sorted(truncated.items())) or "none"))
    for line in failures:
        print(line)
    if failures:
        print(f"FAILED: {len(failures)} differences")
        return 1
    print("the Shapefile QGIS wrote reads back as the same catalogue (long texts cut to their first 254 bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
