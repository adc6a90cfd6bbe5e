import gc
import threading
from collections.abc import Iterator

import pytest

from hearth.core.collection import collector_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_in_the_block_and_on_after(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_is_turned_back_on_after_an_error(collector_on: None) -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a rule failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_overlapping_blocks_in_two_threads_turn_it_back_on_only_when_both_have_ended(collector_on: None) -> None:
    """Thread A starts, thread B starts, A ends (still off: B runs), B ends (on again)."""
    a_started, b_started, a_ended, b_may_end = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def a() -> None:
        with collector_paused():
            a_started.set()
            b_started.wait(5)
        a_ended.set()

    def b() -> None:
        a_started.wait(5)
        with collector_paused():
            b_started.set()
            b_may_end.wait(5)
            seen["inside B after A ended"] = gc.isenabled()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    a_ended.wait(5)
    seen["between A's end and B's"] = gc.isenabled()
    b_may_end.set()
    for t in threads:
        t.join(5)
    assert seen == {"between A's end and B's": False, "inside B after A ended": False}
    assert gc.isenabled()
