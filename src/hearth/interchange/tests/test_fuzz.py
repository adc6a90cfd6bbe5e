"""Mangled bundles: every outcome is a clean load or located errors with nothing saved, never a crash."""

import copy
import datetime
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.audit.models import AuditEvent
from hearth.children.models import Child, Placement
from hearth.homes.models import Home
from hearth.incidents.models import Incident
from hearth.interchange.demo import demo_bundle_paths
from hearth.interchange.errors import BundleInvalid
from hearth.interchange.parsing import bundle_parse
from hearth.interchange.services import bundle_load
from hearth.records.models import LogEntry
from hearth.staff.models import StaffMember

BASE = json.loads(demo_bundle_paths()[0].read_text())
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=30),
    st.just("2026-02-30"),
    st.just({"days_before_load": 5, "time": "99:99"}),
    st.just([]),
    st.just({}),
    st.just("SC1"),
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, (*prefix, i))
    return out


ALL_PATHS = paths(BASE)
SAVED = [Home, StaffMember, Child, Placement, LogEntry, Incident, AuditEvent]


def mangle(doc: Any, path: tuple[Any, ...], junk: Any, delete: bool) -> Any:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = junk
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.tuples(st.sampled_from(ALL_PATHS), JUNK, st.booleans()), min_size=1, max_size=3))
def test_mangled_bundles_never_crash(db: Any, picks: list[tuple[Any, Any, bool]]) -> None:
    doc = BASE
    for path, junk, delete in picks:
        try:
            doc = mangle(doc, path, junk, delete)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    # Examples share one database, so compare what is stored before and after a refused load.
    before = [(m.__name__, m.objects.count()) for m in SAVED]
    try:
        bundle_load(actor=None, document=doc, load_day=datetime.date(2026, 11, 22))
    except BundleInvalid as exc:
        assert exc.errors and all(e.path.startswith("$") and e.reason for e in exc.errors)
        assert [(m.__name__, m.objects.count()) for m in SAVED] == before


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_is_parsed_or_refused_with_a_location(text: str) -> None:
    try:
        bundle_parse(text)
    except BundleInvalid as exc:
        assert exc.errors[0].path == "$" and "not valid JSON" in exc.errors[0].reason
