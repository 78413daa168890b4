"""What the PostGIS tests share: failing with one line, psql against the cluster tests/pg/with_cluster.sh started
(PG* variables), and running bordermap."""

import subprocess
import sys


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def psql(sql):
    """Rows of a query, each a list of text values (NULL as '')."""
    run = subprocess.run(["psql", "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         capture_output=True, text=True)
    check(run.returncode == 0, "psql failed: " + sql + ": " + run.stderr.strip())
    return [line.split("\t") for line in run.stdout.splitlines()]


def scalar(sql):
    rows = psql(sql)
    return rows[0][0] if rows else None


def run_bordermap(bordermap, *args, env=None, expect=0):
    run = subprocess.run([bordermap, *args], capture_output=True, text=True, env=env, timeout=600)
    if expect is not None:
        check(run.returncode == expect, f"bordermap {' '.join(args)}: exit {run.returncode}, not {expect}: {run.stderr.strip()}")
    return run
