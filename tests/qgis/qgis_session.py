"""What the QGIS checks share: a headless QGIS that never touches the user's home, bordermap run as a user runs it,
and the temporal settings the README documents.

Run with Debian's /usr/bin/python3 (python3-qgis); a pyenv python3 on PATH has no qgis module.
"""
import csv
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

# Before qgis is imported: no display, and every place QGIS or Qt writes (profile, settings, caches, the runtime
# dir) inside one temporary folder instead of ~.
_ROOT = tempfile.mkdtemp(prefix="bordermap-qgis-")
atexit.register(shutil.rmtree, _ROOT, ignore_errors=True)
for _name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
    os.environ[_name] = os.path.join(_ROOT, _name.lower())
    os.makedirs(os.environ[_name], mode=0o700, exist_ok=True)
os.environ["QT_QPA_PLATFORM"] = "offscreen"

try:
    import qgis.core  # noqa: F401
except ImportError:
    sys.exit(f"{sys.executable} has no qgis module: install Debian's python3-qgis (scripts/test does) and run this "
             "with /usr/bin/python3")
from qgis.core import (Qgis, QgsApplication, QgsDateTimeRange, QgsFeatureRequest, QgsInterval,  # noqa: E402
                       QgsTemporalNavigationObject, QgsUnitTypes, QgsVectorLayer, QgsVectorLayerTemporalContext,
                       QgsVectorLayerTemporalProperties)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime  # noqa: E402

# The temporal settings the README gives (Layer Properties > Temporal > "Start and End Date/Time from Expressions").
# Not "Separate Fields for Start and End Date/Time" with start_date / end_date, although QGIS 3.22 guesses that mode
# from the field names: that mode compares a DATE field with the frame's date-time, and QGIS 3.22's expression engine
# (and SQLite, where the GeoPackage provider hands it the filter) compares a date with a date-time as text:
# '2025-10-25' < '2025-10-25T00:00:00', so each event shows from the day before its start_date to the day before its
# end_date. In a GeoJSON layer the same filter goes to OGR's SQL, which fails on a null date ("Failed to parse date
# ''") and drops every open-ended event. to_datetime() turns the date into midnight of that day, end_date + 1 day
# makes the end exclusive as the frame's is, and coalesce() stands in for QGIS's "IS NULL" clause, which the
# expression mode does not add: a null start is "since before the data", a null end "still in force".
START_EXPRESSION = 'coalesce(to_datetime("start_date"), make_datetime(1,1,1,0,0,0))'
END_EXPRESSION = 'coalesce(to_datetime("end_date") + make_interval(days:=1), make_datetime(9999,1,1,0,0,0))'

_app = None


def start_qgis():
    """Starts the headless QGIS once (profile in the temporary folder); returns the folder for scratch files."""
    global _app
    if _app is None:
        _app = QgsApplication([], False, os.path.join(_ROOT, "profile"))
        _app.initQgis()
    return _ROOT


def load_layer(path, name="events"):
    """The layer as QGIS's Add Vector Layer opens it (default style loaded); exits 1 naming the file if invalid."""
    layer = QgsVectorLayer(path, name, "ogr")
    if not layer.isValid():
        sys.exit(f"{path}: QGIS cannot open it as a vector layer")
    return layer


def configure_documented(layer):
    """Sets the layer's temporal properties as the README tells a user to."""
    props = layer.temporalProperties()
    props.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions)
    props.setStartExpression(START_EXPRESSION)
    props.setEndExpression(END_EXPRESSION)
    props.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd)
    props.setIsActive(True)


def configure_separate_fields(layer):
    """The mode QGIS 3.22 guesses from the field names: start_date / end_date, limits including both ends."""
    props = layer.temporalProperties()
    props.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
    props.setStartField("start_date")
    props.setEndField("end_date")
    props.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginIncludeEnd)
    props.setIsActive(True)


def qdate(day):
    return QDate(day.year, day.month, day.day)


class DayFrames:
    """QGIS's Temporal Controller stepping one day at a time over [first, last]: the frame for a day is the range the
    controller hands the layers, so the check uses the controller's own ranges, not ones made up here."""

    def __init__(self, first, last):
        self.navigation = QgsTemporalNavigationObject()
        # The extent's end is exclusive for the last frame: end it the day after `last` so `last` has a frame.
        self.navigation.setTemporalExtents(QgsDateTimeRange(QDateTime(qdate(first), QTime(0, 0)),
                                                            QDateTime(qdate(last).addDays(1), QTime(0, 0))))
        self.navigation.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalDays))

    def range_on(self, day):
        start = QDateTime(qdate(day), QTime(0, 0))
        frame = self.navigation.findBestFrameNumberForFrameStart(start)
        span = self.navigation.dateTimeRangeForFrameNumber(frame)
        if span.begin() != start or span.end() != start.addDays(1):
            sys.exit(f"QGIS's day frame for {day} is {span.begin().toString()} to {span.end().toString()}, not that day")
        return span


def selected_ids(layer, span):
    """The ids of the features the layer's temporal filter keeps for `span`: the filter string QGIS's renderer adds to
    its feature request when the Temporal Controller is on (QgsVectorLayerRenderer; the canvas's identify and
    select tools first ask isVisibleInTemporalRange, as here)."""
    if not layer.temporalProperties().isVisibleInTemporalRange(span):
        return set()
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    condition = layer.temporalProperties().createFilterString(context, span)
    request = QgsFeatureRequest()
    if condition:
        request.setFilterExpression(condition)
    return {feature["id"] for feature in layer.getFeatures(request)}


def run_bordermap(binary, *args):
    """Runs bordermap; exits 1 with its stderr when it fails."""
    result = subprocess.run([binary, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bordermap {' '.join(args)} exited {result.returncode}:\n{result.stdout.strip()}\n{result.stderr.strip()}")
    return result.stdout


def csv_ids(path):
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    if rows and "id" not in rows[0]:
        sys.exit(f"{path}: no 'id' column")
    return [row["id"] for row in rows]
