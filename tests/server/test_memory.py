"""The server's collector policy: a check's objects are frozen out of the automatic
collections' way, and an idle-time collection still frees the cycles among them."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from paperlint.server import memory


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def cycle() -> weakref.ref[Node]:
    first, second = Node(), Node()
    first.other, second.other = second, first
    return weakref.ref(first)


def test_what_a_check_made_is_frozen_and_the_collector_restored() -> None:
    gc.enable()
    with memory.checking():
        assert not gc.isenabled()
        kept = [Node() for _ in range(100)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    assert gc.get_count()[0] < len(kept)  # nothing left for the next automatic collection


def test_the_collector_stays_off_if_it_was() -> None:
    gc.disable()
    with memory.checking():
        pass
    assert not gc.isenabled()


def test_a_frozen_cycle_survives_automatic_collections_but_not_collect() -> None:
    with memory.checking():
        dropped = cycle()
    gc.collect()  # what an automatic collection sees: frozen objects are not in it
    assert dropped() is not None
    assert memory.collect() >= 2
    assert dropped() is None
    assert gc.get_freeze_count() > 0  # the survivors are frozen again
