#!/usr/bin/env python3
"""bordermap reading events from PostGIS (--events PG:...) against a throwaway server that tests/pg/with_cluster.sh
started for this test alone:
    with_cluster.sh read_test.py CASE BORDERMAP SOURCE_DIR
Cases:
  same_as_file  the embedded catalogue imported, then on several dates `events --date D --window 1 -o` lists the same
                events from the database as from the file, and a row changed in the database (an analyst's
                correction) takes the embedded event's place
  watch         a running `events --watch` lists again, with the new event, a few seconds after another client
                inserts a row (and not before)
  pushdown      the server's statement log shows the date window and the filter in the WHERE of the query bordermap
                ran, and a date window fetches fewer rows than the whole table
Exits 1 with the failed check's line."""

import csv
import os
import subprocess
import sys
import tempfile
import time

from pg_check import check, fail, psql, run_bordermap, scalar

CASE, BORDERMAP, SOURCE_DIR = sys.argv[1], sys.argv[2], sys.argv[3]
CONN = "PG:dbname=" + os.environ["PGDATABASE"]
WORK = tempfile.mkdtemp(prefix="read_test.", dir=os.environ["BM_PG_DIR"])  # removed with the cluster
SERVER_LOG = os.path.join(os.environ["BM_PG_DIR"], "server.log")
# Inside closures and at their edges, month- and year-precise events, talks over days, a busy day, and before
# every closure: the dates the QGIS check uses too.
DATES = ["2022-06-15", "2022-11-13", "2022-11-21", "2022-11-22", "2023-02-25", "2025-02-21", "2025-03-19",
         "2025-10-12", "2025-10-15", "2025-10-27", "2025-12-10", "2026-03-17"]


def bordermap(*args, expect=0):
    return run_bordermap(BORDERMAP, *args, expect=expect)


def ids_of(path):
    with open(path, newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def listed(date, *source):
    out = os.path.join(WORK, f"{date}-{len(source)}.csv")
    bordermap("events", *source, "--date", date, "--window", "1", "-o", out, "-q")
    return ids_of(out)


def load_embedded():
    bordermap("db", "init", CONN)
    bordermap("db", "import", "--embedded", "--to", CONN)


def same_as_file():
    load_embedded()
    for date in DATES:
        from_file = listed(date)
        from_db = listed(date, "--events", CONN)
        check(from_file.keys() == from_db.keys(),
              f"{date}: file {len(from_file)}, database {len(from_db)}; only in the file: {sorted(from_file.keys() - from_db.keys())}, "
              f"only in the database: {sorted(from_db.keys() - from_file.keys())}")
        for key in from_file:
            check(from_file[key] == from_db[key], f"{date}: {key} differs: {from_file[key]} / {from_db[key]}")
        print(f"{date}: {len(from_db)} events, the same from the database as from the file")
    # Another analyst corrects an embedded event in the shared table: the database's version is shown.
    psql("UPDATE events SET name = 'Corrected name', updated_at = now() WHERE id = 'talks-2025-10-25-istanbul'")
    row = listed("2025-10-27", "--events", CONN)["talks-2025-10-25-istanbul"]
    check(row["name"] == "Corrected name", "the database's correction is shown: " + row["name"])
    # And the listing reads the table's as_of (bordermap_meta): the default date is the data's as_of.
    run = bordermap("events", "--events", CONN)
    check("as of 17 March 2026" in run.stdout, "as_of from the database: " + run.stdout.splitlines()[1])


def pushdown():
    load_embedded()
    total = int(scalar("SELECT count(*) FROM events"))
    psql("ALTER DATABASE " + os.environ["PGDATABASE"] + " SET log_statement = 'all'")
    start = os.path.getsize(SERVER_LOG)
    rows = listed("2025-10-15", "--events", CONN, "--kinds", "clash,airstrike")
    with open(SERVER_LOG, errors="replace") as f:
        f.seek(start)
        log = f.read()
    statements = [line for line in log.splitlines() if 'FROM "events" WHERE' in line]
    check(statements, "no query of the events with a WHERE in the server's log:\n" + log[-2000:])
    where = statements[0]
    for needed in ["<@ box(point(-1e7, DATE '2025-10-15' - DATE '2000-01-01'), point(DATE '2025-10-15' - DATE '2000-01-01', 1e7))",
                   "kind IN ('clash', 'airstrike')",
                   "kind IN ('crossing', 'closure', 'state_unknown')"]:
        check(needed in where, f"the WHERE lacks {needed}: {where[:1500]}")
    fetched = int(scalar("SELECT count(*) FROM events WHERE " + where_clause(where)))
    # The days term is the index's own expression: the planner answers it with that index (scans made dear, or a
    # table this small is read whole).
    plan = "\n".join(r[0] for r in psql("SET enable_seqscan = off; EXPLAIN SELECT * FROM events WHERE " + where_clause(where)))
    check("events_day_points_idx" in plan and "events_states_idx" in plan, "the window's plan uses neither the days' nor "
          "the states' index:\n" + plan)
    check(fetched < total, f"the window fetches {fetched} of {total} rows")
    check(all(r["kind"] in ("crossing", "closure", "state_unknown", "clash", "airstrike") for r in rows.values()),
          "only the kinds asked for")
    print(f"pushdown: the query's WHERE selects {fetched} of {total} rows; {len(rows)} listed")
    # A render of one date asks for its window too.
    start = os.path.getsize(SERVER_LOG)
    bordermap("render", "--events", CONN, "--date", "2025-10-20", "--window", "7", "-o", os.path.join(WORK, "map.png"))
    with open(SERVER_LOG, errors="replace") as f:
        f.seek(start)
        log = f.read()
    check("box(point(-1e7, DATE '2025-10-14' - DATE '2000-01-01'), point(DATE '2025-10-20' - DATE '2000-01-01', 1e7))" in log,
          "render's window in the WHERE")
    # A render of part of the region asks for that area (with room for the page's shape), the inset's box with it.
    start = os.path.getsize(SERVER_LOG)
    bordermap("render", "--events", CONN, "--date", "2025-10-20", "--bbox", "69.5,32.5,71.5,34.5", "--inset", "none",
              "-o", os.path.join(WORK, "part.png"))
    with open(SERVER_LOG, errors="replace") as f:
        f.seek(start)
        log = f.read()
    import re
    box = re.search(r"ST_MakeEnvelope\(([-0-9.]+), ([-0-9.]+), ([-0-9.]+), ([-0-9.]+), 4326\)", log)
    check(box is not None, "no area in the render's WHERE: " + log[-1500:])
    w, s_, e, n = (float(v) for v in box.groups())
    check(w <= 69.5 and s_ <= 32.5 and e >= 71.5 and n >= 34.5, f"the area {box.groups()} does not hold the --bbox")
    check(e - w < 10 and n - s_ < 10, f"the area {box.groups()} is far wider than the --bbox: it narrows nothing")
    area_rows = int(scalar(f"SELECT count(*) FROM events WHERE geom && ST_MakeEnvelope({w}, {s_}, {e}, {n}, 4326)"))
    check(area_rows < total, f"the area selects {area_rows} of {total} rows")


def watch():
    load_embedded()
    out_path = os.path.join(WORK, "watch.txt")
    with open(out_path, "w") as out:
        watcher = subprocess.Popen([BORDERMAP, "events", "--events", CONN, "--date", "2026-03-17", "--window", "3650",
                                    "--watch", "--interval", "1"], stdout=out, stderr=subprocess.STDOUT)
    try:
        def output():
            with open(out_path) as f:
                return f.read()

        def wait_for(text, seconds):
            deadline = time.time() + seconds
            while time.time() < deadline:
                if text in output():
                    return True
                if watcher.poll() is not None:
                    fail("the watcher ended: " + output()[-2000:])
                time.sleep(0.2)
            return False

        check(wait_for("The border on 17 March 2026", 60), "the first listing: " + output()[-2000:])
        time.sleep(2.5)
        check("the table changed" not in output(), "listed again with nothing changed")
        # Another analyst adds an event.
        psql("INSERT INTO events (id, kind, name, start, time_precision, start_date, end_date, geo_precision, sources, geom) "
             "VALUES ('watch-test-clash', 'clash', 'Watch test clash (fixture)', '2026-03-16', 'day', '2026-03-16', "
             "'2026-03-16', 'exact', 'Test fixture', ST_Multi(ST_SetSRID(ST_MakePoint(69.2, 34.5), 4326)))")
        added = time.time()
        check(wait_for("Watch test clash (fixture)", 20), "the new row listed: " + output()[-2000:])
        print(f"watch: the inserted row listed {time.time() - added:.1f} s after the insert")
        check("the table changed" in output(), "the new listing says why")
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)


def where_clause(statements):
    """The WHERE clause of the first logged query that has one, up to its end (ORDER, LIMIT or the line's end)."""
    text = statements[statements.index('FROM "events" WHERE') + len('FROM "events" WHERE'):]
    for end in [" ORDER BY", " LIMIT", " FETCH"]:
        if end in text:
            text = text[:text.index(end)]
    return text.split(" LOG: ")[0].strip().rstrip(";")


{"same_as_file": same_as_file, "pushdown": pushdown, "watch": watch}[CASE]()
print(f"read_test {CASE}: ok")
