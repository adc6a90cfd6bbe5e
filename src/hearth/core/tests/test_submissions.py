"""core.submissions: a key or the same fields sent again return the first record; nothing else does."""

import datetime
import threading
import time
from typing import Any

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory

from hearth.access.tests.factories import UserFactory
from hearth.core.models import Submission
from hearth.core.submissions import SUBMISSION_FIELD, submit_once

KEY = "5b0c8a9e-2f1d-4a51-8d0e-3c7b1f5e9a10"


def press(user: Any, data: dict[str, str], path: str = "/homes/x/log/new/") -> Any:
    request = RequestFactory().post(path, data)
    SessionMiddleware(lambda r: None).process_request(request)  # type: ignore[arg-type, return-value]
    request.user = user
    return request


def test_the_same_key_returns_the_first_result(db: Any) -> None:
    user, made = UserFactory(), []
    first = submit_once(
        press(user, {SUBMISSION_FIELD: KEY, "text": "a"}),
        save=lambda: made.append(1),
        then=lambda _: "/one/",
        creates=False,
    )
    again = submit_once(
        press(user, {SUBMISSION_FIELD: KEY, "text": "b"}),
        save=lambda: made.append(2),
        then=lambda _: "/two/",
        creates=False,
    )
    assert (
        made == [1]
        and (first.url, first.repeated) == ("/one/", False)
        and (again.url, again.repeated) == ("/one/", True)
    )


def test_a_create_sent_again_with_a_new_key_is_the_same_record(db: Any) -> None:
    user, made = UserFactory(), []
    submit_once(
        press(user, {SUBMISSION_FIELD: KEY, "text": "a"}),
        save=lambda: made.append(1),
        then=lambda _: "/one/",
        creates=True,
    )
    reloaded = press(user, {SUBMISSION_FIELD: "0f1e2d3c-4b5a-4968-8776-655443322110", "text": "a"})
    assert submit_once(reloaded, save=lambda: made.append(2), then=lambda _: "/two/", creates=True).repeated
    changed = press(user, {SUBMISSION_FIELD: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "text": "b"})
    assert not submit_once(changed, save=lambda: made.append(3), then=lambda _: "/three/", creates=True).repeated
    assert made == [1, 3]


def test_an_edit_sent_back_to_an_earlier_value_is_a_real_change(db: Any) -> None:
    user, made = UserFactory(), []
    for n, key in enumerate(["1a2b3c4d-0000-4000-8000-000000000001", "1a2b3c4d-0000-4000-8000-000000000002"]):
        submit_once(
            press(user, {SUBMISSION_FIELD: key, "status": "open"}),
            save=lambda n=n: made.append(n),
            then=lambda _: "/x/",
            creates=False,
        )
    assert made == [0, 1]


def test_a_refused_save_does_not_spend_the_key(db: Any) -> None:
    user = UserFactory()

    def refuse() -> None:
        raise ValidationError({"text": "Write what happened."})

    with pytest.raises(ValidationError):
        submit_once(press(user, {SUBMISSION_FIELD: KEY}), save=refuse, then=lambda _: "/x/", creates=True)
    assert not Submission.objects.exists()
    assert not submit_once(
        press(user, {SUBMISSION_FIELD: KEY}), save=lambda: None, then=lambda _: "/x/", creates=True
    ).repeated


def test_another_persons_key_neither_shows_their_record_nor_blocks_this_one(db: Any) -> None:
    owner, other = UserFactory(), UserFactory()
    submit_once(
        press(owner, {SUBMISSION_FIELD: KEY, "text": "a"}), save=lambda: None, then=lambda _: "/theirs/", creates=False
    )
    mine = submit_once(
        press(other, {SUBMISSION_FIELD: KEY, "text": "b"}), save=lambda: None, then=lambda _: "/mine/", creates=False
    )
    assert (mine.url, mine.repeated) == ("/mine/", False)


def press_together(user: Any, key: str) -> tuple[list[int], list[Any]]:
    """Two presses of one form, started at once; the first to save holds its transaction 0.3 s."""
    start, made, outcomes = threading.Barrier(2), [], []

    def save(n: int) -> int:
        made.append(n)
        time.sleep(0.3)
        return n

    def run(n: int) -> None:
        try:
            start.wait(timeout=10)
            outcomes.append(
                submit_once(press(user, {SUBMISSION_FIELD: key}), save=lambda: save(n), then=str, creates=False)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return made, outcomes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="simultaneous requests need PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_presses_save_once() -> None:
    """The second press finds no earlier one (the first has not committed), so the key's unique
    index must stop it: it waits for the first to commit, then goes where it went. Ten times."""
    user = UserFactory()
    for attempt in range(10):
        made, outcomes = press_together(user, f"00000000-0000-4000-8000-{attempt:012d}")
        assert len(made) == 1 and len(outcomes) == 2, (made, outcomes)
        assert sorted(o.repeated for o in outcomes) == [False, True]
        assert {o.url for o in outcomes} == {str(made[0])}


def test_keys_older_than_a_week_are_let_go(db: Any, clock: Any) -> None:
    user = UserFactory()
    submit_once(press(user, {SUBMISSION_FIELD: KEY}), save=lambda: None, then=lambda _: "/x/", creates=False)
    clock.shift(datetime.timedelta(days=8))
    later = "6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908"
    submit_once(press(user, {SUBMISSION_FIELD: later}), save=lambda: None, then=lambda _: "/y/", creates=False)
    assert [str(k) for k in Submission.objects.values_list("key", flat=True)] == [later]
