"""Background work for oversight, run by ``hearth worker`` (Django's Tasks framework, through the
``django-tasks`` backport and its database backend: docs/live-oversight.md).

- ``audit_home``: one home's rules, as of today, into its stored findings; new findings are
  passed to ``hearth.notifications``. Then the provider's rules that compare homes are queued.
- ``audit_provider_comparisons``: the rules that compare a home's records with other homes'
  (a strategy copied from another child), over the whole provider.
- ``audit_every_home_and_escalate``: the nightly run, because deadlines pass without any save;
  then high findings past their due date go to the responsible individual.
- ``deadlines_sweep``: each quarter of an hour, the clocks running down at every home.
- ``strategy_indexes_publish``: a provider's strategy index stored for web requests, when a
  worker starts (``risk/strategy_indexes.py``).
- ``digests_send_task``: the daily digest (and Monday's weekly one) for those who chose digests.

``timed_work_enqueue`` is called by every worker each minute; ``ScheduledRun`` makes each piece of
timed work happen once a day however many workers there are.
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


def refresh_homes(homes: list[Home], *, as_of: datetime.date | None = None, codes: list[str] | None = None) -> int:
    """``homes_refresh`` as of today (or ``as_of``); how many findings were opened."""
    return len(homes_refresh(homes, as_of=as_of or today(), now=timezone.now(), codes=codes).opened)


@task()
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


@task()
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


@task()
def strategy_indexes_publish() -> int:
    """Store the strategy index of every provider whose stored one is missing or out of date (a
    worker starting). Returns how many were stored."""
    from hearth.risk.strategy_indexes import strategy_index_publish, strategy_indexes_out_of_date

    return sum(strategy_index_publish(provider_id=p) for p in strategy_indexes_out_of_date())


@task()
def audit_every_home(as_of: str) -> int:
    """The nightly audit of every home, as of the new day."""
    day = datetime.date.fromisoformat(as_of)
    opened = 0
    from hearth.risk.strategy_indexes import strategy_index_publish

    for provider in Provider.objects.all():
        homes = list(Home.objects.filter(provider=provider))
        if homes:
            opened += refresh_homes(homes, as_of=day)
            strategy_index_publish(provider_id=provider.pk)
    return opened


@task()
def audit_every_home_and_escalate(as_of: str) -> int:
    """The nightly run: every home audited as of the new day, then what is overdue escalated."""
    from hearth.notifications.services import escalations_notify

    opened = audit_every_home.call(as_of)
    escalations_notify(as_of=datetime.date.fromisoformat(as_of))
    return opened


@task()
def deadlines_sweep() -> int:
    """The clocks running down at every home (``notifications/deadlines.py``): a clock runs out
    whether or not anything is saved. Returns how many notifications there are for them."""
    from hearth.notifications.services import deadlines_notify_homes

    return deadlines_notify_homes(list(Home.objects.all()))


@task()
def digests_send_task(weekly: bool) -> int:
    from hearth.notifications.services import digests_send

    return digests_send(weekly=weekly)


DIGEST_HOUR = 7  # daily digests go at seven in the morning; the weekly one on Monday
SWEEP_MINUTES = 15  # the clocks running down are looked at this often


def timed_work_enqueue(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue what is due by the clock and not yet enqueued (by any worker): the nightly audit
    once the day has begun, the digests from seven, the sweep of clocks running down each quarter
    of an hour. Returns what it enqueued."""
    moment = timezone.localtime(now or timezone.now())
    day = moment.date()
    done: list[str] = []
    slot = moment.hour * 60 // SWEEP_MINUTES + moment.minute // SWEEP_MINUTES
    if _first_today(f"deadlines:{slot}", day):
        deadlines_sweep.enqueue()
        done.append("deadlines")
    if _first_today("nightly", day):
        audit_every_home_and_escalate.enqueue(day.isoformat())
        ScheduledRun.objects.filter(day__lt=day - datetime.timedelta(days=7)).delete()  # a week is kept, to look at
        done.append("nightly")
    if moment.hour >= DIGEST_HOUR and _first_today("digest", day):
        digests_send_task.enqueue(False)
        if day.weekday() == 0:
            digests_send_task.enqueue(True)
        done.append("digest")
    return done


def _first_today(name: str, day: datetime.date) -> bool:
    _, created = ScheduledRun.objects.get_or_create(name=name, day=day)
    return created
