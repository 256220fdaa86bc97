"""Items kept per item (core/cache.py `kept_items`) that this worker holds in its own memory:
with `held`, given as a `Held` and unpickled only when read; read from the shared cache, or
made again, when the worker's copy is gone by then."""

import pytest
from django.core.cache import caches

from core.cache import Held, invalidate_tags, kept_items

pytestmark = pytest.mark.django_db


class Builder:
    """`build` for kept_items: {pk: value} for the pks it knows; records what it was asked."""

    def __init__(self, known):
        self.known = known
        self.asked = []

    def __call__(self, missing):
        self.asked.append(list(missing))
        return {pk: self.known[pk] for pk in missing if pk in self.known}


def keep(build, held=True, pks=(1, 2, 3)):
    found, _tokens = kept_items("test:held", list(pks), "thing:{}", build, 60, held=held)
    return found


def test_items_held_by_the_worker_are_read_only_when_asked_for():
    build = Builder({1: "one", 2: "two"})
    first = keep(build)
    # Nothing kept yet: both made in one call, the unknown one left out.
    assert first == {1: "one", 2: "two"}
    assert build.asked == [[1, 2, 3]]

    second = keep(build)
    assert set(second) == {1, 2}
    assert all(isinstance(value, Held) for value in second.values())
    assert [second[pk].read() for pk in (1, 2)] == ["one", "two"]
    assert build.asked == [[1, 2, 3], [3]]

    # Without `held`, the values themselves, as before.
    assert keep(build, held=False) == {1: "one", 2: "two"}


def test_a_held_item_gone_from_the_worker_is_read_from_the_shared_cache_or_made_again():
    build = Builder({1: "one", 2: "two"})
    keep(build, pks=(1, 2))
    held = keep(build, pks=(1, 2))

    caches["local"].clear()
    assert held[1].read() == "one"
    assert build.asked == [[1, 2]]

    caches["local"].clear()
    caches["default"].clear()
    build.known[2] = "two, rebuilt"
    assert held[2].read() == "two, rebuilt"
    assert build.asked == [[1, 2], [2]]

    # Gone from both and no longer made (an unpublished card): None.
    caches["local"].clear()
    caches["default"].clear()
    del build.known[1]
    assert held[1].read() is None


def test_a_renewed_tag_makes_its_item_again_instead_of_giving_the_held_one():
    build = Builder({1: "one", 2: "two"})
    keep(build, pks=(1, 2))
    build.known[1] = "one, published again"
    invalidate_tags("thing:1")

    found = keep(build, pks=(1, 2))
    assert found[1] == "one, published again"
    assert isinstance(found[2], Held)
