"""The one response cache of the portal: pages and API answers, one key policy, one rule.

Key policy: host, language and full path (with the query string) of the request, under the
content generation token. Pages and the API are shared with every anonymous visitor asking
for the same URL on the same host in the same language; signed-in people (the Wagtail user
bar), previews and anything but GET/HEAD are never served from or stored in it, and only a
200 is stored.

Invalidation rule: any save or delete of content that a cached answer shows starts a new
generation (`invalidate`, connected to the signals by the apps that own that content), so
every key made before it is never read again and expires on its own. With a shared cache
(Redis in production) every replica sees the new token at once.
"""

import functools
import hashlib
import uuid

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.decorators import decorator_from_middleware

GENERATION_KEY = "core:content:generation"

# ETag and 304 answers for views that opt in (the API, open data, the OpenAPI document).
conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


def generation():
    """The current content generation; a new one starts with every `invalidate`."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(GENERATION_KEY, token, None)
        token = cache.get(GENERATION_KEY, token)
    return token


def invalidate(**kwargs):
    """Signal receiver: start a new generation, so no answer cached before it is served."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def generation_key(namespace, *parts):
    """A cache key for derived data (facet counts, related items) in this generation."""
    return ":".join(["core", namespace, generation(), *map(str, parts)])


def shareable(request):
    """Whether an answer to this request may be served from, and stored in, the cache."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def response_key(request):
    """The key of a whole response: host, language and full path, in this generation."""
    raw = "\n".join((request.get_host(), translation.get_language() or "", request.get_full_path()))
    return generation_key("response", hashlib.sha256(raw.encode()).hexdigest())


def _store(key, response, seconds):
    value = (response.content, response["Content-Type"], response.get("Cache-Control"))
    cache.set(key, value, seconds)


def serve_cached(request, render, seconds):
    """The response of `render()`, from and into the shared cache for `seconds`."""
    if not seconds or not shareable(request):
        return render()
    key = response_key(request)
    hit = cache.get(key)
    if hit is not None:
        content, content_type, cache_control = hit
        response = HttpResponse(content, content_type=content_type)
        if cache_control:
            response["Cache-Control"] = cache_control
        return response
    response = render()
    if response.status_code != 200:
        return response
    if getattr(response, "is_rendered", True):
        _store(key, response, seconds)
    else:
        response.add_post_render_callback(lambda rendered: _store(key, rendered, seconds))
    return response


def cached_response(seconds):
    """Decorate a view so it answers through `serve_cached`; `seconds` is read per request
    (a callable), so settings changed at run time (tests, operators) apply at once."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return serve_cached(request, lambda: view(request, *args, **kwargs), seconds())

        return wrapped

    return decorator
