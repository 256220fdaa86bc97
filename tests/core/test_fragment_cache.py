"""Fragment caching of parts of a page (core.templatetags.fragment_cache)."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template import Context, Template

FRAGMENT = Template(
    '{% load fragment_cache %}{% fragmentcache seconds "part" x %}[{{ x }}]{% endfragmentcache %}'
)


@pytest.fixture
def fragments():
    cache = caches["default"]
    cache.clear()
    return cache


def test_a_fragment_with_a_timeout_is_kept_and_served_again(rf, fragments):
    context = {"seconds": 300, "request": rf.get("/")}

    assert FRAGMENT.render(Context({**context, "x": 1})) == "[1]"
    assert fragments.get(make_template_fragment_key('"part"', [1])) == "[1]"
    fragments.set(make_template_fragment_key('"part"', [1]), "[kept]")
    assert FRAGMENT.render(Context({**context, "x": 1})) == "[kept]"


def test_a_fragment_with_no_timeout_never_touches_the_cache(rf, fragments):
    """Answers not cached (timeout 0): no read, and no write that would only delete it."""
    with (
        mock.patch.object(fragments, "get", side_effect=AssertionError("read")),
        mock.patch.object(fragments, "set", side_effect=AssertionError("written")),
    ):
        rendered = FRAGMENT.render(Context({"seconds": 0, "x": 2, "request": rf.get("/")}))

    assert rendered == "[2]"
