"""QGIS's Temporal Controller shows, day by day, exactly the events `bordermap events --date D --window 1` lists.

usage: /usr/bin/python3 temporal_check.py BORDERMAP EVENTS.geojson

Loads EVENTS.geojson (the embedded events) and a GeoPackage written by `bordermap events -o X.gpkg` in QGIS (PyQGIS,
headless), sets their temporal properties as the README documents, and on each date chosen below compares the ids
QGIS's temporal filter keeps for that day's frame with the ids `bordermap events --date D --window 1 -o list.csv`
writes. Prints each date with the counts and any id in one set and not the other; exits 1 on any difference.
The GeoPackage is checked twice: configured by hand, and with the temporal settings of its default style.
Also reports (without failing) how far the mode QGIS 3.22 guesses from the field names is off.
"""
import datetime
import json
import os
import sys

import qgis_session as qs
from qgis.PyQt.QtCore import QVariant

DAY = datetime.timedelta(days=1)


def parse_day(text):
    return datetime.date.fromisoformat(text) if text else None


def period_end(day, precision):
    """The last day of the month or year `day` opens."""
    if precision == "year":
        return datetime.date(day.year, 12, 31)
    if precision == "month":
        following = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - DAY
    return day


def chosen_dates(features, first, last):
    """The days worth checking, each with why: around every closure's and state_unknown period's start and end (the
    day before, first day, a day inside, last day, the day after), the first, a middle and the last day of every
    month- or year-precise event and the days either side, every day of an event with an end and the days either
    side (the Istanbul talks, 25-30 October 2025), and every day of October 2025 (the conflict: most events)."""
    dates = {}

    def add(day, why):
        if day is not None and first <= day <= last:
            dates.setdefault(day, why)

    for feature in features:
        p = feature["properties"]
        start, end = parse_day(p.get("start_date")), parse_day(p.get("end_date"))
        if start is None:
            continue
        ident = p["id"]
        if p["kind"] in ("closure", "state_unknown"):
            add(start, f"{ident}: first day")
            add(start - DAY, f"{ident}: the day before")
            add(start + DAY, f"{ident}: inside")
            if end is not None:
                add(end, f"{ident}: end_date")
                add(end - DAY, f"{ident}: the day before end_date")
                add(end + DAY, f"{ident}: the day after end_date")
        if p.get("time_precision") in ("month", "year"):
            last_of_period = period_end(start, p["time_precision"])
            add(start, f"{ident}: first day of its {p['time_precision']}")
            add(start + (last_of_period - start) // 2, f"{ident}: inside its {p['time_precision']}")
            add(last_of_period, f"{ident}: last day of its {p['time_precision']}")
            add(start - DAY, f"{ident}: the day before its {p['time_precision']}")
            add(last_of_period + DAY, f"{ident}: the day after its {p['time_precision']}")
        if p.get("end") and p["kind"] not in ("closure", "state_unknown"):
            day = start - DAY
            while day <= end + DAY:
                add(day, f"{ident}: {p['start']} to {p['end']}")
                day += DAY
    day = datetime.date(2025, 10, 1)
    while day.month == 10:
        add(day, "October 2025")
        day += DAY
    return sorted(dates.items())


def check_date_fields(layer, label):
    """GDAL's GeoJSON driver types a property as Date when every non-null value is YYYY-MM-DD: start_date and
    end_date are, `start` (2025, 2025-10, 2025-10-25) stays text. The expressions work on text too (to_datetime
    parses it), but a GeoPackage or Shapefile DATE column must come through as a date, so insist on it."""
    for name in ("start_date", "end_date"):
        index = layer.fields().indexFromName(name)
        if index < 0:
            sys.exit(f"{label}: no field '{name}' (the events schema, version 2, has it)")
        if layer.fields().at(index).type() != QVariant.Date:
            sys.exit(f"{label}: QGIS reads '{name}' as {layer.fields().at(index).typeName()}, not as a date")


def describe(ids, other):
    return ", ".join(sorted(ids - other)) or "-"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    binary, events_path = sys.argv[1], sys.argv[2]
    scratch = qs.start_qgis()
    with open(events_path, encoding="utf-8") as file:
        collection = json.load(file)
    features = collection["features"]
    starts = [parse_day(f["properties"].get("start_date")) for f in features]
    first = min(day for day in starts if day is not None)
    last = parse_day(collection["as_of"])

    gpkg = os.path.join(scratch, "events.gpkg")
    qs.run_bordermap(binary, "events", "-o", gpkg)

    layers = {}
    embedded = qs.load_layer(events_path)
    check_date_fields(embedded, events_path)
    qs.configure_documented(embedded)
    layers["geojson"] = embedded
    exported = qs.load_layer(gpkg)
    check_date_fields(exported, gpkg)
    # bordermap stores the temporal settings as the GeoPackage's default style (layer_styles). QGIS loads it when it
    # opens the layer, but 3.22's QgsVectorLayer then resets the temporal properties from the provider's
    # capabilities (inactive for OGR): the settings apply once the style is loaded again (Layer Properties > Style >
    # Restore Default), as here.
    exported_styled = qs.load_layer(gpkg)
    message, loaded = exported_styled.loadDefaultStyle()
    if not loaded or not exported_styled.temporalProperties().isActive():
        sys.exit(f"{gpkg}: no default style with temporal settings that QGIS applies ({message})")
    layers["gpkg default style"] = exported_styled
    qs.configure_documented(exported)
    layers["gpkg"] = exported
    guessed = qs.load_layer(gpkg)
    qs.configure_separate_fields(guessed)

    frames = qs.DayFrames(first, last)
    dates = chosen_dates(features, first, last)
    failures = 0
    guessed_wrong = []
    listing = os.path.join(scratch, "list.csv")
    print(f"{len(dates)} dates from {first} to {last}; counts: bordermap, " + ", ".join(f"QGIS {n}" for n in layers))
    for day, why in dates:
        qs.run_bordermap(binary, "events", "--date", day.isoformat(), "--window", "1", "-o", listing)
        listed_ids = qs.csv_ids(listing)
        listed = set(listed_ids)
        if len(listed) != len(listed_ids):
            failures += 1
            print(f"{day}: bordermap lists an id twice")
        span = frames.range_on(day)
        counts = [str(len(listed))]
        problems = []
        for name, layer in layers.items():
            shown = qs.selected_ids(layer, span)
            counts.append(str(len(shown)))
            if shown != listed:
                problems.append(f"    QGIS {name}: only in QGIS: {describe(shown, listed)}; "
                                f"only in bordermap: {describe(listed, shown)}")
        if qs.selected_ids(guessed, span) != listed:
            guessed_wrong.append(day)
        print(f"{day} ({why}): {' '.join(counts)}" + ("" if not problems else "  DIFFERENT"))
        for line in problems:
            print(line)
        failures += bool(problems)

    print(f"note: with the mode QGIS 3.22 guesses (separate fields start_date / end_date) the GeoPackage differs from "
          f"bordermap on {len(guessed_wrong)} of {len(dates)} dates"
          + (f", e.g. {', '.join(str(d) for d in guessed_wrong[:4])}" if guessed_wrong else ""))
    if failures:
        print(f"FAILED: QGIS and bordermap differ on {failures} of {len(dates)} dates")
        return 1
    print(f"QGIS shows exactly bordermap's events on all {len(dates)} dates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
