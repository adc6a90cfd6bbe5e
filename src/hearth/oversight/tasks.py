"""Background work for oversight, run by ``hearth worker`` (Django's Tasks framework, through the
``django-tasks`` backport and its database backend: docs/live-oversight.md).

- ``audit_home``: one home's rules, as of today, into its stored findings; new findings are
  passed to ``hearth.notifications``. Then the provider's rules that compare homes are queued.
- ``audit_provider_comparisons``: the rules that compare a home's records with other homes'
  (a strategy copied from another child), over the whole provider.
- ``audit_every_home``: the nightly run, because deadlines pass without any save. It queues the
  homes in chunks (``audit_homes``), so that a save's re-audit waits for one chunk at most, not
  for every home.
- ``escalations_send``: from six in the morning, high findings past their due date go to the
  responsible individual (the nightly run is long done by then).
- ``deadlines_sweep``: each quarter of an hour, the clocks running down at every home.
- ``strategy_indexes_publish``: a provider's strategy index stored for web requests, when a
  worker starts (``risk/strategy_indexes.py``).
- ``digests_send_task``: the daily digest (and Monday's weekly one) for those who chose digests.

A worker takes the highest priority first: a save's re-audit before the sweep, the sweep before
the comparisons, the comparisons before the nightly chunks. The work over every home of a
provider (the comparisons, the nightly chunks, storing indexes) is on its own queue,
``provider``: a worker serving only the ``default`` queue is never busy with it when a save asks
for a re-audit (``hearth worker`` runs a process for each; docs/live-oversight.md).

``timed_work_enqueue`` is called by every worker each minute; ``ScheduledRun`` makes each piece of
timed work happen once however many workers there are.
"""

import datetime

from django.utils import timezone
from django_tasks import task

from hearth.core.dates import today
from hearth.homes.models import Home, Provider
from hearth.oversight.engine import PROVIDER_COMPARISONS, home_rule_codes
from hearth.oversight.models import ScheduledRun
from hearth.oversight.scheduling import run_request, run_started
from hearth.oversight.services.stored import homes_refresh

# Priorities (django-tasks: higher first), and the queue of the work over every home of a provider.
AFTER_A_SAVE, CLOCKS, COMPARISONS, ROUTINE = 50, 20, 0, -20
PROVIDER_QUEUE = "provider"
NIGHTLY_CHUNK = 10  # homes audited by one nightly task: a few seconds' work at most


def refresh_homes(homes: list[Home], *, as_of: datetime.date | None = None, codes: list[str] | None = None) -> int:
    """``homes_refresh`` as of today (or ``as_of``); how many findings were opened."""
    return len(homes_refresh(homes, as_of=as_of or today(), now=timezone.now(), codes=codes).opened)


@task(priority=AFTER_A_SAVE)
def audit_home(home_id: int) -> int:
    run_started(f"home:{home_id}")
    home = Home.objects.filter(pk=home_id).first()
    if home is None:
        return 0
    opened = refresh_homes([home], codes=home_rule_codes())
    provider_comparisons_request(home.provider_id)
    return opened


def provider_comparisons_request(provider_id: int) -> None:
    """Queue the provider-wide comparisons once, however many of its homes ask in a burst."""
    run_request(f"comparisons:{provider_id}", lambda: audit_provider_comparisons.enqueue(provider_id))


# The provider's plans as last compared by this worker process: a home's save that changed no
# plan (most saves) leaves the comparisons as they were, and they are not run again.
_COMPARED: dict[int, list[object]] = {}


@task(priority=COMPARISONS, queue_name=PROVIDER_QUEUE)
def audit_provider_comparisons(provider_id: int) -> int:
    """The comparisons, when the provider's plans have changed; then the provider's strategy index
    they built is stored for web requests (``risk/strategy_indexes.py``)."""
    from hearth.risk.strategy_indexes import provider_strategy_version, strategy_index_publish

    run_started(f"comparisons:{provider_id}")
    homes = list(Home.objects.filter(provider_id=provider_id))
    version = provider_strategy_version(provider_id=provider_id)
    if not homes or _COMPARED.get(provider_id) == version:
        return 0
    opened = refresh_homes(homes, codes=list(PROVIDER_COMPARISONS))
    _COMPARED[provider_id] = version
    strategy_index_publish(provider_id=provider_id)
    return opened


@task(priority=ROUTINE, queue_name=PROVIDER_QUEUE)
def strategy_indexes_publish() -> int:
    """Store the strategy index of every provider whose stored one is missing or out of date (a
    worker starting). Returns how many were stored."""
    from hearth.risk.strategy_indexes import strategy_index_publish, strategy_indexes_out_of_date

    return sum(strategy_index_publish(provider_id=p) for p in strategy_indexes_out_of_date())


def nightly_chunks() -> list[list[int]]:
    """Every home's id, in chunks of ``NIGHTLY_CHUNK`` within a provider."""
    chunks: list[list[int]] = []
    for provider_id in Provider.objects.order_by("pk").values_list("pk", flat=True):
        ids = list(Home.objects.filter(provider_id=provider_id).order_by("pk").values_list("pk", flat=True))
        chunks += [ids[i : i + NIGHTLY_CHUNK] for i in range(0, len(ids), NIGHTLY_CHUNK)]
    return chunks


@task(priority=ROUTINE, queue_name=PROVIDER_QUEUE)
def audit_homes(as_of: str, home_ids: list[int]) -> int:
    """One chunk of the nightly run: the homes' own rules as of the new day."""
    homes = list(Home.objects.filter(pk__in=home_ids))
    return refresh_homes(homes, as_of=datetime.date.fromisoformat(as_of), codes=home_rule_codes()) if homes else 0


@task(priority=ROUTINE, queue_name=PROVIDER_QUEUE)
def audit_every_home(as_of: str) -> int:
    """The nightly run: every home's own rules as of the new day, in chunks queued behind anything
    a save asks for; then each provider's comparisons. Returns how many tasks it queued."""
    chunks = nightly_chunks()
    for chunk in chunks:
        audit_homes.enqueue(as_of, chunk)
    providers = list(Provider.objects.values_list("pk", flat=True))
    for provider_id in providers:
        provider_comparisons_request(provider_id)
    return len(chunks) + len(providers)


def nightly_audit_now(as_of: datetime.date) -> int:
    """The nightly run's work in this process, chunk after chunk (the benchmark times it): how
    many findings were opened."""
    opened = sum(audit_homes.call(as_of.isoformat(), chunk) for chunk in nightly_chunks())
    for provider_id in Provider.objects.values_list("pk", flat=True):
        opened += audit_provider_comparisons.call(provider_id)
    return opened


@task(priority=CLOCKS)
def escalations_send(as_of: str) -> int:
    """High findings still open after their due date go to the responsible individuals."""
    from hearth.notifications.services import escalations_notify

    return escalations_notify(as_of=datetime.date.fromisoformat(as_of))


@task(priority=CLOCKS)
def deadlines_sweep() -> int:
    """The clocks running down at every home (``notifications/deadlines.py``): a clock runs out
    whether or not anything is saved. Returns how many notifications there are for them."""
    from hearth.notifications.services import deadlines_notify_homes

    return deadlines_notify_homes(list(Home.objects.all()))


@task(priority=ROUTINE)
def digests_send_task(weekly: bool) -> int:
    from hearth.notifications.services import digests_send

    return digests_send(weekly=weekly)


ESCALATION_HOUR = 6  # overdue findings go to the responsible individual from six in the morning
DIGEST_HOUR = 7  # daily digests go at seven in the morning; the weekly one on Monday
SWEEP_MINUTES = 15  # the clocks running down are looked at this often


def timed_work_enqueue(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue what is due by the clock and not yet enqueued (by any worker): the sweep of clocks
    running down each quarter of an hour, the nightly audit once the day has begun, escalations
    from six, the digests from seven. Returns what it enqueued."""
    moment = timezone.localtime(now or timezone.now())
    day = moment.date()
    done: list[str] = []
    slot = moment.hour * 60 // SWEEP_MINUTES + moment.minute // SWEEP_MINUTES
    if _first_today(f"deadlines:{slot}", day):
        deadlines_sweep.enqueue()
        done.append("deadlines")
    if _first_today("nightly", day):
        audit_every_home.enqueue(day.isoformat())
        ScheduledRun.objects.filter(day__lt=day - datetime.timedelta(days=7)).delete()  # a week is kept, to look at
        done.append("nightly")
    if moment.hour >= ESCALATION_HOUR and _first_today("escalation", day):
        escalations_send.enqueue(day.isoformat())
        done.append("escalation")
    if moment.hour >= DIGEST_HOUR and _first_today("digest", day):
        digests_send_task.enqueue(False)
        if day.weekday() == 0:
            digests_send_task.enqueue(True)
        done.append("digest")
    return done


def _first_today(name: str, day: datetime.date) -> bool:
    _, created = ScheduledRun.objects.get_or_create(name=name, day=day)
    return created
