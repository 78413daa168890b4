#!/usr/bin/env python3
"""bordermap db init / db import against a real PostgreSQL + PostGIS server that tests/pg/with_cluster.sh started
for this test alone (PGHOST, PGPORT, PGDATABASE, PGUSER and BM_PG_* are its). One case a run:
    with_cluster.sh db_test.py CASE BORDERMAP SOURCE_DIR
Cases: init, embedded, acled, concurrent, killed, bad_connections. Exits 1 with the failed check's line."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from pg_check import check, fail, psql, run_bordermap, scalar

CASE, BORDERMAP, SOURCE_DIR = sys.argv[1], sys.argv[2], sys.argv[3]
DATA = os.path.join(SOURCE_DIR, "tests", "data")
EMBEDDED = os.path.join(SOURCE_DIR, "geodata", "events.geojson")
CONN = "PG:dbname=" + os.environ["PGDATABASE"]  # the rest (socket folder, port, user) from the PG* variables
WORK = tempfile.mkdtemp(prefix="db_test.", dir=os.environ["BM_PG_DIR"])  # removed with the cluster


def bordermap(*args, env=None, expect=0):
    return run_bordermap(BORDERMAP, *args, env=env, expect=expect)


def table_digest():
    """Every row of events, as text, in id order: equal digests, equal tables (updated_at included)."""
    return scalar("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY id)), '') FROM events t")


def synthetic_events(path, count, prefix, seed_day=0):
    """A GeoJSON events file of `count` clashes at places in Afghanistan, with ids PREFIX-N."""
    features = []
    for i in range(count):
        day = 1 + (i + seed_day) % 28
        month = 1 + (i // 28) % 12
        features.append({"type": "Feature", "properties": {
            "id": f"{prefix}-{i}", "kind": "clash", "name": f"Test clash {i}", "start": f"2024-{month:02d}-{day:02d}",
            "time_precision": "day", "geo_precision": "district", "fatalities": str(i % 7), "fatalities_min": i % 7,
            "summary": f"TEST FIXTURE (not real data): clash number {i}, written by tests/pg/db_test.py.",
            "sources": "Test Outlet A | Test Outlet B", "country": "Afghanistan"},
            "geometry": {"type": "Point", "coordinates": [66.0 + (i % 400) * 0.01, 33.0 + (i % 300) * 0.01]}})
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "name": "events", "as_of": "2026-03-17", "features": features}, f)


def init():
    bordermap("db", "init", CONN)
    columns = dict((r[0], r[1]) for r in psql(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'"))
    wanted = {"id": "text", "kind": "text", "name": "text", "crossing": "text", "start": "text", "end": "text",
              "time_precision": "text", "end_precision": "text", "start_date": "date", "end_date": "date",
              "geo_precision": "text", "fatalities": "text", "injured": "text", "fatalities_min": "integer",
              "injured_min": "integer", "summary": "text", "sources": "text", "note": "text", "country": "text",
              "admin1": "text", "geom": "USER-DEFINED", "updated_at": "timestamp with time zone"}
    check(columns == wanted, f"columns of events: {columns}")
    order = [r[0] for r in psql("SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
                                "ORDER BY ordinal_position")]
    check(order == list(wanted), f"column order: {order}")
    geometry = psql("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'events'")
    check(geometry == [["MULTIPOINT", "4326"]], f"geometry column: {geometry}")
    indexes = dict((r[0], r[1]) for r in psql("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'events'"))
    check("PRIMARY KEY" in scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'events'::regclass "
                                  "AND contype = 'p'") and "(id)" in indexes.get("events_pkey", ""), f"primary key: {indexes}")
    check("USING gist (geom)" in indexes.get("events_geom_idx", ""), f"GiST index: {indexes}")
    check("btree (start_date)" in indexes.get("events_start_date_idx", ""), f"start_date index: {indexes}")
    check("btree (end_date)" in indexes.get("events_end_date_idx", ""), f"end_date index: {indexes}")
    check("btree (kind) WHERE (kind = ANY (ARRAY['crossing'::text, 'closure'::text, 'state_unknown'::text]))" in
          indexes.get("events_states_idx", ""), f"states index: {indexes}")
    check("USING gist (point(COALESCE" in indexes.get("events_day_points_idx", ""), f"days index: {indexes}")
    check(len(indexes) == 6, f"six indexes: {indexes}")
    check(scalar("SELECT count(*) FROM bordermap_meta WHERE table_name = 'events'") == "1", "bordermap_meta row")
    # Twice is harmless, and another table by name. Over a table an earlier init made, the indexes it made instead
    # (on the days as a daterange, on every kind) go.
    psql("CREATE INDEX events_days_idx ON events USING gist (daterange(start_date, end_date, '[]')); "
         "CREATE INDEX events_kind_idx ON events (kind)")
    bordermap("db", "init", CONN)
    after = sorted(r[0] for r in psql("SELECT indexname FROM pg_indexes WHERE tablename = 'events'"))
    check(after == sorted(indexes), f"indexes after init over an earlier table's: {after}")
    bordermap("db", "init", CONN, "--table", "team.events")
    check(scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'team' AND tablename = 'events'") == "6",
          "team.events has its six indexes")
    bad = bordermap("db", "init", CONN, "--table", "Robert'); DROP TABLE events;--", expect=2)
    check("is not a table name" in bad.stderr, "a bad table name is refused: " + bad.stderr)


def expected_embedded():
    with open(EMBEDDED) as f:
        collection = json.load(f)
    out = {}
    for feature in collection["features"]:
        p = feature["properties"]
        geometry = feature["geometry"]
        points = []
        if geometry:
            coords = geometry["coordinates"]
            points = [coords] if geometry["type"] == "Point" else coords
        out[p["id"]] = (p["kind"], p.get("start") or "", p.get("end") or "", sorted((round(x, 6), round(y, 6)) for x, y in points))
    return collection["as_of"], out


def embedded():
    bordermap("db", "init", CONN)
    run = bordermap("db", "import", "--embedded", "--to", CONN)
    as_of, wanted = expected_embedded()
    check(len(wanted) == 72, f"the embedded file has {len(wanted)} events, the test expects 72")
    check(": 72 events to " in run.stdout and "72 new, 0 changed, 0 unchanged" in run.stdout, "summary: " + run.stdout)
    rows = psql("SELECT id, kind, coalesce(start, ''), coalesce(\"end\", ''), "
                "coalesce((SELECT string_agg(ST_X(g.geom)::numeric(12,6) || ' ' || ST_Y(g.geom)::numeric(12,6), ',') "
                "FROM ST_Dump(geom) g), '') FROM events")
    got = {}
    for r in rows:
        points = sorted(tuple(float(v) for v in p.split(" ")) for p in r[4].split(",")) if r[4] else []
        got[r[0]] = (r[1], r[2], r[3], [(round(x, 6), round(y, 6)) for x, y in points])
    check(set(got) == set(wanted), f"ids differ: {sorted(set(got) ^ set(wanted))}")
    # Into the empty table the GiST and date indexes were dropped and built again after the rows: all there.
    indexes = sorted(r[0] for r in psql("SELECT indexdef FROM pg_indexes WHERE tablename = 'events'"))
    check(len(indexes) == 6 and any("gist (geom)" in i for i in indexes) and any("(end_date)" in i for i in indexes) and
          any("gist (point(" in i for i in indexes) and any("WHERE (kind = ANY" in i for i in indexes),
          f"indexes after the first import: {indexes}")
    # ...with the rows in start_date order (a run of 50,000 holds them all), so that a day's rows share pages. The
    # server puts a short row on an earlier page where it still fits, so the order of the rows on disk is measured
    # against their days' order by rank correlation: 0.98 when sent in order, 0.67 in the file's order.
    correlation = float(scalar("SELECT corr(n, d) FROM (SELECT row_number() OVER (ORDER BY ctid) AS n, rank() OVER "
                               "(ORDER BY start_date) AS d FROM events WHERE start_date IS NOT NULL) r"))
    check(correlation > 0.95, f"the rows on disk are not in start_date order (rank correlation {correlation:.2f})")
    # ...and updated_at the transaction's time, as the column's default would have made it.
    check(scalar("SELECT count(DISTINCT updated_at) FROM events") == "1", "one updated_at for the rows of one import")
    for id_, value in wanted.items():
        check(got[id_] == value, f"{id_}: {got[id_]} in the table, {value} in the file")
    # The planner has the table's statistics (ANALYZE before the commit).
    check(int(scalar("SELECT count(*) FROM pg_stats WHERE tablename = 'events'")) > 0, "no statistics: the import ran no ANALYZE")
    # The version the viewer and --watch poll: counted up by any write, another client's too.
    before = int(scalar("SELECT version FROM bordermap_meta WHERE table_name = 'events'"))
    psql("UPDATE events SET note = note WHERE id = 'torkham'")  # a statement that writes, even one changing nothing
    check(int(scalar("SELECT version FROM bordermap_meta WHERE table_name = 'events'")) == before + 1, "an UPDATE did not count the version up")
    check(scalar("SELECT to_char(as_of, 'YYYY-MM-DD') FROM bordermap_meta WHERE table_name = 'events'") == as_of, "as_of")
    # The dates the schema derives: a month's start_date is its first day; an event with no end ends on its start's
    # last day; a crossing has no end_date.
    check(scalar("SELECT count(*) FROM events WHERE start IS NOT NULL AND start_date <> to_date(start || "
                 "CASE time_precision WHEN 'day' THEN '' WHEN 'month' THEN '-01' ELSE '-01-01' END, 'YYYY-MM-DD')") == "0",
          "start_date is start's first day")
    check(scalar("SELECT count(*) FROM events WHERE kind = 'crossing' AND end_date IS NOT NULL") == "0", "crossings: no end_date")
    check(scalar("SELECT count(*) FROM events WHERE kind NOT IN ('crossing', 'closure', 'state_unknown') AND start IS NOT NULL "
                 "AND end_date IS NULL") == "0", "events: end_date set")
    check(scalar("SELECT count(*) FROM events WHERE \"end\" = '' OR name = '' OR crossing = '' OR note = ''") == "0",
          "empty text is NULL")
    # A query by place and date uses the table as QGIS or the viewer would.
    check(int(scalar("SELECT count(*) FROM events WHERE ST_Intersects(geom, ST_MakeEnvelope(60, 29, 75, 38, 4326)) "
                     "AND start_date <= DATE '2025-12-31'")) > 0, "a bbox and date query finds events")
    # Again: nothing changes, updated_at included.
    before = table_digest()
    run = bordermap("db", "import", "--embedded", "--to", CONN)
    check("0 new, 0 changed, 72 unchanged" in run.stdout, "re-import summary: " + run.stdout)
    check(table_digest() == before, "a second import of the same file changed rows")
    # An edited copy updates that row alone, and its updated_at.
    with open(EMBEDDED) as f:
        collection = json.load(f)
    edited_id = collection["features"][-1]["properties"]["id"]
    collection["features"][-1]["properties"]["name"] = "Edited by the test"
    edited = os.path.join(WORK, "edited.geojson")
    with open(edited, "w") as f:
        json.dump(collection, f)
    stamp = scalar(f"SELECT updated_at FROM events WHERE id = '{edited_id}'")
    run = bordermap("db", "import", edited, "--to", CONN)
    check("0 new, 1 changed, 71 unchanged" in run.stdout, "edited import summary: " + run.stdout)
    check(scalar(f"SELECT name FROM events WHERE id = '{edited_id}'") == "Edited by the test", "the edit landed")
    check(scalar(f"SELECT updated_at FROM events WHERE id = '{edited_id}'") != stamp, "updated_at moved")


def acled():
    bordermap("db", "init", CONN)
    csv = os.path.join(DATA, "acled_export.csv")
    run = bordermap("db", "import", "--acled", csv, "--to", CONN)
    imported = int(run.stdout.split(": ")[1].split(" ")[0])
    check(imported > 0, "ACLED rows imported: " + run.stdout)
    check(scalar("SELECT count(*) FROM events") == str(imported), "rows in the table")
    check(scalar("SELECT count(*) FROM events WHERE summary LIKE 'TEST FIXTURE%'") == str(imported), "summaries")
    row = psql("SELECT kind, start, time_precision, start_date, end_date, country, admin1, ST_AsText(geom) FROM events "
               "WHERE summary LIKE '%On 15 March 2025, a drone%'")
    check(row == [["airstrike", "2025-03-15", "day", "2025-03-15", "2025-03-15", "Afghanistan", "Paktika",
                   "MULTIPOINT((69.2139 32.7201))"]], f"the Barmal drone strike: {row}")
    check(scalar("SELECT as_of FROM bordermap_meta WHERE table_name = 'events'") == "", "an ACLED file brings no as_of")
    # ACLED's events beside the embedded ones: both in one table.
    bordermap("db", "import", "--embedded", "--to", CONN)
    check(scalar("SELECT count(*) FROM events") == str(imported + 72), "ACLED and embedded together")


def concurrent():
    bordermap("db", "init", CONN)
    a, b = os.path.join(WORK, "a.geojson"), os.path.join(WORK, "b.geojson")
    synthetic_events(a, 20000, "a")
    synthetic_events(b, 20000, "b", seed_day=5)

    def together(*files):
        runs = [subprocess.Popen([BORDERMAP, "db", "import", f, "--to", CONN], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for f in files]
        for run, f in zip(runs, files):
            out, err = run.communicate(timeout=600)
            check(run.returncode == 0, f"import of {f} at the same time: exit {run.returncode}: {err.strip()}")

    together(a, b)
    check(scalar("SELECT count(*) FROM events") == "40000", "two files at once: both land")
    check(scalar("SELECT count(*) FROM events WHERE id LIKE 'a-%'") == "20000", "every a- id")
    # The same file twice at once, over rows that are there, and once more into an empty table.
    together(a, a)
    check(scalar("SELECT count(*) FROM events") == "40000", "the same file twice at once: no duplicates")
    # Over rows that are there, two files that change the same ids in opposite orders: upserts that each lock rows
    # the other wants next would deadlock (PostgreSQL then fails one) unless imports take turns.
    with open(a) as f:
        collection = json.load(f)
    for name, features in (("forward", collection["features"]), ("backward", collection["features"][::-1])):
        for feature in features:
            feature["properties"]["name"] = "Changed " + name
        with open(os.path.join(WORK, name + ".geojson"), "w") as f:
            json.dump(dict(collection, features=features), f)
    for _ in range(2):
        together(os.path.join(WORK, "forward.geojson"), os.path.join(WORK, "backward.geojson"))
    check(scalar("SELECT count(*) FROM events WHERE name LIKE 'Changed %'") == "20000", "both changed every a- row")
    psql("TRUNCATE events")
    together(b, b)
    check(scalar("SELECT count(*) FROM events") == "20000", "the same file twice at once into an empty table")
    check(scalar("SELECT count(DISTINCT id) FROM events") == "20000", "distinct ids")


def killed():
    bordermap("db", "init", CONN)
    bordermap("db", "import", "--embedded", "--to", CONN)
    big = os.path.join(WORK, "big.geojson")
    synthetic_events(big, 100000, "big")
    before = table_digest()
    # Killed while it copies rows to the server: as soon as the server shows its COPY running.
    run = subprocess.Popen([BORDERMAP, "db", "import", big, "--to", CONN], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while scalar("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY %bordermap_staging%'") == "0":
        check(run.poll() is None, "the import ended before it was killed")
        check(time.time() < deadline, "the import never started its COPY")
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    check(table_digest() == before, "a killed import (while copying) changed the table")
    # Killed with every row written into the table, uncommitted: the test hook holds the import before its commit.
    marker = os.path.join(WORK, "holding")
    env = dict(os.environ, BORDERMAP_TEST_PG_HOLD_BEFORE_COMMIT=marker)
    errors = open(os.path.join(WORK, "held.err"), "w+")
    run = subprocess.Popen([BORDERMAP, "db", "import", big, "--to", CONN], env=env, stdout=subprocess.DEVNULL, stderr=errors)
    deadline = time.time() + 300
    while not os.path.exists(marker):
        if run.poll() is not None:
            errors.seek(0)
            fail("the held import ended: " + errors.read())
        check(time.time() < deadline, "the held import never reached its commit")
        time.sleep(0.05)
    check(table_digest() == before, "uncommitted rows are visible to others")
    run.send_signal(signal.SIGKILL)
    run.wait()
    check(table_digest() == before, "a killed import (before its commit) changed the table")
    # The server let go of the dead imports' lock: the next import goes through.
    small = os.path.join(WORK, "small.geojson")
    synthetic_events(small, 10, "small")
    bordermap("db", "import", small, "--to", CONN)
    check(scalar("SELECT count(*) FROM events") == "82", "an import after the killed ones")


def bad_connections():
    port = os.environ["BM_PG_TCP_PORT"]
    user, password = os.environ["BM_PG_PASSWORD_USER"], os.environ["BM_PG_PASSWORD"]
    tcp = f"PG:host=127.0.0.1 port={port} dbname=bordermap user={user}"

    def one_line_exit_1(args, reason, secret=None, env=None):
        run = bordermap(*args, env=env, expect=1)
        lines = run.stderr.splitlines()
        check(len(lines) == 1 and lines[0].startswith("bordermap: PG:") and "could not connect: " in lines[0],
              f"{args}: not one 'could not connect' line: {run.stderr!r}")
        check(reason in lines[0], f"{args}: '{reason}' not in {lines[0]!r}")
        if secret:
            check(secret not in run.stderr + run.stdout, f"{args}: the password is printed: {run.stderr!r}")
        return lines[0]

    # A port nobody listens on: a fresh socket's port, closed again.
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    closed = s.getsockname()[1]
    s.close()
    one_line_exit_1(["db", "init", f"PG:host=127.0.0.1 port={closed} dbname=bordermap"], "Connection refused")
    wrong = "Wr0ng-Secret-xyz"
    line = one_line_exit_1(["db", "init", tcp + f" password={wrong}"], "password authentication failed", wrong)
    check("password=***" in line, "the password is shown as ***: " + line)
    one_line_exit_1(["db", "import", "--embedded", "--to", tcp + f" password='{wrong} x'"], "password authentication failed", wrong)
    one_line_exit_1(["db", "init", f"PG:postgresql://{user}:{wrong}@127.0.0.1:{port}/bordermap"],
                    "password authentication failed", wrong)
    one_line_exit_1(["db", "init", "PG:dbname=no_such_database"], "no_such_database")
    # Reading (events, render and the viewer read through the same event source): the same one line, exit 1.
    one_line_exit_1(["events", "--events", f"PG:host=127.0.0.1 port={closed} dbname=bordermap", "--date", "2025-10-15"],
                    "Connection refused")
    one_line_exit_1(["events", "--events", tcp + f" password={wrong}", "--date", "2025-10-15"], "password authentication failed", wrong)
    one_line_exit_1(["render", "--events", tcp + f" password={wrong}", "-o", os.path.join(WORK, "never.png")],
                    "password authentication failed", wrong)
    check(not os.path.exists(os.path.join(WORK, "never.png")), "render wrote a file although it could not read its events")
    # From PGPASSWORD, wrong: still one line, no password.
    env = dict(os.environ, PGPASSWORD=wrong)
    one_line_exit_1(["db", "init", tcp], "password authentication failed", wrong, env=env)
    # The right password from a password file (PGPASSFILE), never on the command line.
    passfile = os.path.join(WORK, "pgpass")
    with open(passfile, "w") as f:
        f.write(f"127.0.0.1:{port}:bordermap:{user}:{password}\n")
    os.chmod(passfile, 0o600)
    env = dict(os.environ, PGPASSFILE=passfile)
    bordermap("db", "init", tcp, env=env)
    run = bordermap("db", "import", "--embedded", "--to", tcp, env=env)
    check("72 new" in run.stdout and password not in run.stdout, "import through PGPASSFILE: " + run.stdout)
    # No table yet under another name: one line, exit 1, naming init.
    run = bordermap("db", "import", "--embedded", "--to", CONN, "--table", "nothing_here", expect=1)
    check(len(run.stderr.splitlines()) == 1 and "does not exist, or this user may not see it (bordermap db init" in run.stderr, run.stderr)
    # Not a PG: name: bad usage.
    bordermap("db", "import", "--embedded", "--to", "dbname=bordermap", expect=2)


{"init": init, "embedded": embedded, "acled": acled, "concurrent": concurrent, "killed": killed,
 "bad_connections": bad_connections}[CASE]()
print(f"db_test {CASE}: ok")
