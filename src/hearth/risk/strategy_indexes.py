"""Each provider's strategy index (``risk/checks/generic_index.py``): built by the background
worker, read by web requests (docs/live-oversight.md).

The index holds every child's newest strategies in the provider; ``risk.generic_strategy`` and
the text checks use it to find a strategy copied from another child. Building it at 300 homes
takes seconds, so a web request never builds it when a worker runs:

- The worker builds it when the provider's plans change (``audit_provider_comparisons``, the
  nightly run, and at its start) and stores it, signed, as a ``StrategyIndexSnapshot``
  (``strategy_index_publish``).
- A web request asks which generation is stored (one query). If its process holds that one, it
  is used. If its process holds an older one, that is used while a thread loads the new one, so
  the request does not wait; a process holding none loads it (a load, not a build).
- With no snapshot stored (no worker has run: a first look, the test suite) the request builds
  the index itself and keeps it while the plans are unchanged, as before.

The index may lag the plans by the seconds the worker takes to rebuild it. A child's own plans
are never compared with themselves, so only other children's newest edits can be missed.
"""

import hashlib
import hmac
import logging
import pickle
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone

from hearth.children.models import Child
from hearth.core.collection import collector_paused
from hearth.homes.models import Home
from hearth.risk.checks.generic_index import OtherStrategies, StrategyIndex
from hearth.risk.models import RiskAssessment, RiskItem, StrategyIndexSnapshot

logger = logging.getLogger(__name__)

Where = dict[str, tuple[int, str]]  # each strategy's label: (home id, the plan it is in)


def child_names(child: Child) -> tuple[str, ...]:
    return tuple(n for n in (child.first_name, child.known_as, child.last_name) if n)


@dataclass(frozen=True)
class Strategy:
    """One strategy of a child's newest assessment version, labelled without the child's words."""

    provider_id: int
    child_id: int
    label: str
    text: str
    names: tuple[str, ...]
    home_id: int = 0
    plan: str = ""  # the label without the child's initials: "self-harm plan (before)"


def provider_strategies(*, provider_ids: Iterable[int]) -> list[Strategy]:
    """Every child's strategies in the newest version (current or draft) of their assessment that
    has items, in these providers, labelled by the child's initials and the domain, so that a warning names where
    a near-copy is without showing another child's words.

    Two queries, reading only the newest version's items (older versions stay in the database:
    a large provider holds tens of thousands of them) and only the columns needed."""
    ids = list(provider_ids)
    newest = (
        RiskAssessment.objects.filter(
            child_id=OuterRef("assessment__child_id"),
            home__provider_id=OuterRef("assessment__home__provider_id"),
            items__isnull=False,  # a draft started empty does not hide the version before it
        )
        .order_by("-number")
        .values("number")[:1]
    )
    rows = list(
        RiskItem.objects.filter(assessment__home__provider_id__in=ids, assessment__number=Subquery(newest))
        .order_by("assessment__child_id", "domain")
        .values(
            "assessment__child_id",
            "assessment__home_id",
            "assessment__home__provider_id",
            "domain",
            *RiskItem.STRATEGY_FIELDS,
        )
    )
    children = {c.pk: c for c in Child.objects.filter(pk__in={r["assessment__child_id"] for r in rows})}
    domains = dict(RiskItem._meta.get_field("domain").flatchoices)
    out = []
    for row in rows:
        child = children[row["assessment__child_id"]]
        for f in RiskItem.STRATEGY_FIELDS:
            text = row[f]
            if text.strip():
                plan = f"{str(domains[row['domain']]).lower()} plan ({RiskItem.field_label(f).lower()})"
                out.append(
                    Strategy(
                        row["assessment__home__provider_id"],
                        child.pk,
                        f"{child.initials}'s {plan}",
                        text,
                        child_names(child),
                        home_id=row["assessment__home_id"],
                        plan=plan,
                    )
                )
    return out


def provider_strategy_version(*, provider_id: int) -> list[Any]:
    """What changes whenever any of the provider's plans changes: one aggregate query."""
    figures = RiskItem.objects.filter(assessment__home__provider_id=provider_id).aggregate(
        items=Count("id"), changed=Max("updated_at"), assessment_changed=Max("assessment__updated_at")
    )
    return [
        figures["items"],
        *(v.isoformat() if v else None for v in (figures["changed"], figures["assessment_changed"])),
    ]


def _build(provider_id: int) -> tuple[StrategyIndex, Where]:
    strategies = provider_strategies(provider_ids=[provider_id])
    index = StrategyIndex([(s.child_id, s.label, s.text, s.names) for s in strategies])
    return index, {s.label: (s.home_id, s.plan) for s in strategies}


@dataclass
class _Held:
    """A provider's index as this process holds it: built here for ``version``, or loaded from
    the snapshot of ``generation``."""

    index: StrategyIndex
    where: Where
    version: list[Any] | None = None
    generation: int | None = None


_HELD: dict[int, _Held] = {}
_LOADING: set[int] = set()  # providers whose newer snapshot a thread of this process is loading
_LOCK = threading.Lock()


def provider_strategy_index_built(*, provider_id: int) -> tuple[StrategyIndex, Where]:
    """The index at the provider's plans as they are now, built here if this process does not
    hold that one: what the audit (in the worker, or on the command line) compares with."""
    version = provider_strategy_version(provider_id=provider_id)
    held = _HELD.get(provider_id)
    if held is not None and held.version == version:
        return held.index, held.where
    index, where = _build(provider_id)
    _HELD[provider_id] = _Held(index, where, version=version)
    return index, where


def provider_strategy_index(*, provider_id: int) -> StrategyIndex:
    """``provider_strategy_index_built``'s index: the audit's."""
    return provider_strategy_index_built(provider_id=provider_id)[0]


def _signature(data: bytes) -> bytes:
    return hmac.new(
        hashlib.sha256(f"hearth.strategy-index:{settings.SECRET_KEY}".encode()).digest(), data, "sha256"
    ).digest()


def strategy_index_publish(*, provider_id: int) -> bool:
    """Store the provider's index as it is now for web requests to load (the worker's part). Does
    nothing if the stored one is of the same plans. True if it stored one.

    Not an audited write: the snapshot is a cache any worker rebuilds (an audit event here would
    ask for the re-audit that led to it)."""
    index, where = provider_strategy_index_built(provider_id=provider_id)
    version = _HELD[provider_id].version
    stored = StrategyIndexSnapshot.objects.filter(provider_id=provider_id).values_list("plans_version", "generation")
    current = stored.first()
    if current is not None and current[0] == version:
        return False
    data = pickle.dumps((index, where), protocol=pickle.HIGHEST_PROTOCOL)
    fields = {"plans_version": version, "built_at": timezone.now(), "data": data, "signature": _signature(data)}
    if current is None:
        StrategyIndexSnapshot.objects.create(provider_id=provider_id, **fields)
    else:
        StrategyIndexSnapshot.objects.filter(provider_id=provider_id).update(generation=current[1] + 1, **fields)
    return True


def strategy_indexes_out_of_date() -> list[int]:
    """The providers whose stored index is missing or not of their plans as they are now."""
    from hearth.homes.models import Provider

    stored = dict(StrategyIndexSnapshot.objects.values_list("provider_id", "plans_version"))
    return [
        p
        for p in Provider.objects.values_list("pk", flat=True)
        if stored.get(p) != provider_strategy_version(provider_id=p)
    ]


def _load(provider_id: int) -> _Held | None:
    row = (
        StrategyIndexSnapshot.objects.filter(provider_id=provider_id)
        .values_list("generation", "data", "signature")
        .first()
    )
    if row is None:
        return None
    generation, data, signature = row[0], bytes(row[1]), bytes(row[2])
    if not hmac.compare_digest(signature, _signature(data)):
        logger.error("The stored strategy index of provider %s is not signed by this site; ignored", provider_id)
        return None
    with collector_paused():  # millions of small objects: the cyclic collector would double the time
        index, where = pickle.loads(data)  # noqa: S301  (signature checked above)
    return _Held(index, where, generation=generation)


def _load_in_background(provider_id: int) -> None:
    with _LOCK:
        if provider_id in _LOADING:
            return
        _LOADING.add(provider_id)

    def run() -> None:
        try:
            held = _load(provider_id)
            if held is not None:
                _HELD[provider_id] = held
        except Exception:
            logger.exception("Could not load the stored strategy index of provider %s", provider_id)
        finally:
            _LOADING.discard(provider_id)
            connection.close()

    threading.Thread(target=run, name=f"strategy-index-{provider_id}", daemon=True).start()


def provider_strategy_index_for_request(*, provider_id: int) -> tuple[StrategyIndex, Where]:
    """The index a web request compares a plan with: the worker's, never built in the request
    while there is one (see the module's description)."""
    stored = StrategyIndexSnapshot.objects.filter(provider_id=provider_id).values_list("generation", flat=True).first()
    held = _HELD.get(provider_id)
    if stored is None:
        return provider_strategy_index_built(provider_id=provider_id)
    if held is not None and held.generation == stored:
        return held.index, held.where
    if held is not None and held.generation is not None:
        _load_in_background(provider_id)  # use this process's older one meanwhile
        return held.index, held.where
    loaded = _load(provider_id)
    if loaded is None:
        return provider_strategy_index_built(provider_id=provider_id)
    _HELD[provider_id] = loaded
    return loaded.index, loaded.where


def forget_strategy_indexes() -> None:
    """Drop the indexes this process holds (the benchmark times building and loading them afresh)."""
    _HELD.clear()


class OtherStrategiesNamedFromHome(OtherStrategies):
    """``OtherStrategies`` as a worker at ``home`` may see them: a plan at another of the
    provider's homes is not named, not even by the child's initials."""

    def __init__(self, index: StrategyIndex, owner: object, *, home_id: int, where: Where) -> None:
        super().__init__(index, owner)
        self.home_id, self.where = home_id, where

    def near(self, mine: tuple[str, ...]) -> Iterator[tuple[str, tuple[str, ...]]]:
        for label, words in super().near(mine):
            home_id, plan = self.where.get(label, (self.home_id, ""))
            yield (label if home_id == self.home_id else f"a {plan} at another of the provider's homes"), words


def other_strategies_indexed(*, home: Home, child: Child) -> OtherStrategiesNamedFromHome:
    """Every other child's strategies in the provider, through the provider's index: what the live
    check and a version's page compare a plan with."""
    index, where = provider_strategy_index_for_request(provider_id=home.provider_id)
    return OtherStrategiesNamedFromHome(index, child.pk, home_id=home.pk, where=where)
