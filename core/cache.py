"""The one response cache of the portal: pages and API answers, one key policy, one rule.

Key policy: host, language (from the URL prefix) and full path (with the query string) of the
request. Pages and the API are shared with every anonymous visitor asking for the same URL on
the same host in the same language; signed-in people (the Wagtail user bar), previews and
anything but GET/HEAD are never served from or stored in it, and only a 200 is stored.

Lookup before routing: `CachedResponseMiddleware` answers a GET/HEAD that carries no session
or messages cookie straight from the cache, before sessions, users or Wagtail's routing are
touched, so a hit costs no database query.

Invalidation by tags: every stored answer keeps the tokens of the tags it depends on (the
global generation "all", and e.g. "innovation:<id>", "catalogue", "news"); a save starts new
tokens for the tags it affects (`invalidate_tags`), and an answer whose tokens are no longer
current is a miss. An answer that names no tags depends on "content", which every publish
renews. The tokens live in the shared cache (Redis in production), so every worker and replica
sees a publish on its next request. Within one request the tokens are read from the shared
cache once (`request_scope`): a page reads them for its route, its menu, its breadcrumbs and
each fragment, and each read was a round trip to Redis.
"""

import contextlib
import contextvars
import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.decorators import decorator_from_middleware
from django.utils.http import parse_http_date_safe
from django.utils.safestring import mark_safe

ALL = "all"
CONTENT = "content"
GENERATION_KEY = "core:content:generation"
TAG_PREFIX = "core:tag:"
RESPONSE_PREFIX = "core:response:"
# Headers that belong to the answer, not to the request that made it (cookies, request ids
# and the security headers are set again by the middleware around the cache on every hit).
STORED_HEADERS = (
    "Cache-Control",
    "Content-Disposition",
    "Content-Language",
    "ETag",
    "Expires",
    "Last-Modified",
    "Link",
    "X-Robots-Tag",
)

# ETag and 304 answers for views that opt in (the API, open data, the OpenAPI document).
conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


# {token key: token} read during the current request (None outside one).
_request_tokens = contextvars.ContextVar("core_cache_request_tokens", default=None)


def _tag_key(tag):
    return GENERATION_KEY if tag == ALL else TAG_PREFIX + tag


@contextlib.contextmanager
def request_scope():
    """Read each token from the shared cache at most once until the block ends (one request).

    A token read earlier in the request is at most as old as the request: what is stored under
    it is marked with a token that a publish elsewhere in the meantime has already replaced,
    so it is a miss, never a stale hit. The request's own publishes replace the kept tokens
    as they renew them (`invalidate`, `invalidate_tags`)."""
    scope = _request_tokens.set({})
    try:
        yield
    finally:
        _request_tokens.reset(scope)


def _remember(renewed):
    kept = _request_tokens.get()
    if kept is not None:
        kept.update(renewed)


def tokens(tags):
    """{tag: current token} for `tags`; a tag never seen (or evicted) gets a new token."""
    keys = {_tag_key(tag): tag for tag in tags}
    kept = _request_tokens.get()
    found = {key: kept[key] for key in keys if key in kept} if kept else {}
    unread = [key for key in keys if key not in found]
    if unread:
        found.update(cache.get_many(unread))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, token in missing.items():
        # add(): two workers meeting a missing token agree on the first one stored.
        cache.add(key, token, None)
    if missing:
        found.update(cache.get_many(list(missing)))
    current = {key: found.get(key) or missing[key] for key in keys}
    _remember(current)
    return {keys[key]: value for key, value in current.items()}


def generation():
    """The current global content generation; `invalidate` starts a new one."""
    return tokens([ALL])[ALL]


def token(tag):
    """The current token of one tag, for keys of derived data (facet counts, fragments)."""
    return tokens([tag])[tag]


def invalidate(**kwargs):
    """Signal receiver: start a new global generation, so no answer cached before it is
    served (taxonomy edits, recomputed indices: changes that show on any page)."""
    renewed = {GENERATION_KEY: uuid.uuid4().hex}
    cache.set_many(renewed, None)
    _remember(renewed)


def invalidate_tags(*tags):
    """Start new tokens for `tags`: only the answers that depend on one of them are dropped.
    Every publish also renews "content", the tag of answers that name none."""
    renewed = {_tag_key(tag): uuid.uuid4().hex for tag in {CONTENT, *tags}}
    cache.set_many(renewed, None)
    _remember(renewed)


def tags_digest(*tags):
    """A short string that changes when the global generation or any of `tags` is renewed:
    the key part of derived data (facet counts, fragments) that shows what `tags` name."""
    current = tokens([ALL, *tags])
    raw = ":".join(current[tag] for tag in sorted(current))
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


# How long the shared cache holds derived data whose key carries the tokens it was made
# under: a publish or a new generation changes the key, so this only frees a superseded copy.
KEPT_SECONDS = 24 * 60 * 60
# How long a worker keeps its own copy of derived data it read from the shared cache.
LOCAL_SECONDS = 60
_MISSING = object()


def local_cache():
    """The worker's own memory (the "local" cache of the settings), or None where the
    settings define no such cache: then nothing is kept in the worker."""
    return caches["local"] if "local" in settings.CACHES else None


class DerivedCache:
    """The shared cache for derived data whose key carries the tokens it was made under
    (`tags_digest`, `generation_key`, a tag's token): the menu, site settings, section pages,
    related ids, cards, kept relations, translations.

    Such a key never gets another value: a publish renews a token, so new keys are used.
    Each worker therefore keeps what it read in its own memory as well (the "local" cache,
    at most LOCAL_SECONDS or the entry's own timeout if shorter), and a page view asks Redis
    only for what this worker has not read in the last minute, not a round trip per
    fragment. Only for keys that carry their tokens."""

    @staticmethod
    def _local():
        return local_cache()

    @staticmethod
    def _local_seconds(seconds):
        return LOCAL_SECONDS if seconds is None else min(seconds, LOCAL_SECONDS)

    def get(self, key, default=None):
        found = self.get_many([key])
        return found.get(key, default)

    def get_many(self, keys):
        local = self._local()
        if local is None:
            return cache.get_many(keys)
        found = local.get_many(keys)
        unread = [key for key in keys if key not in found]
        if unread:
            shared = cache.get_many(unread)
            if shared:
                local.set_many(shared, LOCAL_SECONDS)
            found.update(shared)
        return found

    def set(self, key, value, seconds):
        self.set_many({key: value}, seconds)

    def set_many(self, data, seconds):
        cache.set_many(data, seconds)
        local = self._local()
        if local is not None and seconds != 0:
            local.set_many(data, self._local_seconds(seconds))

    def get_or_set(self, key, compute, seconds):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.set(key, value, seconds)
        return value


derived = DerivedCache()


def rendered_once(key, render, seconds):
    """HTML rendered once per worker: `render()` kept in the worker's own memory under `key`
    (which must carry the tokens of what the HTML shows) for `seconds`, rendered each time
    where the settings define no such cache. For fragments many pages share (cards, the
    menu), whose round trip to Redis would cost about what rendering them does."""
    local = local_cache()
    html = local.get(key) if local is not None else None
    if html is None:
        html = render()
        if local is not None:
            local.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - `render` gives a template's own escaped output


# Values held in this worker's memory as Python objects: {name: (key, value)}.
_held_objects = {}


def held(name, key, read):
    """`read()` held in this worker's own memory as it is (not pickled) under `name`, until
    it is asked for with another `key` (which carries the tokens of what it holds): for
    facts many requests scan by the thousand, where unpickling them from a cache would cost
    what reading them does. One value per name, so an old one is dropped, not kept beside;
    read the tokens for `key` before `read()` reads the data, so a publish meanwhile leaves
    the value under superseded tokens."""
    found = _held_objects.get(name)
    if found is None or found[0] != key:
        found = (key, read())
        _held_objects[name] = found
    return found[1]


class Held:
    """An item `kept_items` found in this worker's own memory, unpickled only when read:
    a list whose items are shown from HTML kept under the same tokens never reads them.
    Should the worker's copy expire in between, the shared cache's is read, or the item is
    made again (None once it is gone: `build` left it out)."""

    __slots__ = ("key", "_make")

    def __init__(self, key, make):
        self.key = key
        self._make = make

    def read(self):
        value = derived.get(self.key, _MISSING)
        return self._make() if value is _MISSING else value


def kept_items(prefix, pks, item_tag, build, seconds, held=False):
    """({pk: value}, {tag: token read}) for the items `pks`, each kept in `derived` on its own
    until that item's tag (`item_tag.format(pk)`, renewed by its publish) or the generation
    changes: the kept ones are read in one round trip, the others made by `build(missing
    pks)` ({pk: value}; an item it leaves out is left out) and kept for `seconds`. With
    `held`, an item this worker holds is given as a `Held`, read when needed."""
    tags = {pk: item_tag.format(pk) for pk in pks}
    current = tokens([ALL, *tags.values()])
    keys = {pk: f"{prefix}:{current[ALL]}:{pk}:{current[tag]}" for pk, tag in tags.items()}

    def make(missing):
        made = build(missing)
        derived.set_many({keys[pk]: value for pk, value in made.items()}, seconds)
        return made

    local = local_cache() if held else None
    values = {}
    if local is not None:
        for pk, key in keys.items():
            if local.has_key(key):
                values[pk] = Held(key, lambda pk=pk: make([pk]).get(pk))
    unread = [key for pk, key in keys.items() if pk not in values]
    found = derived.get_many(unread) if unread else {}
    values.update({pk: found[key] for pk, key in keys.items() if key in found})
    missing = [pk for pk in pks if pk not in values]
    if missing:
        values.update(make(missing))
    return values, current


def page_timeout():
    """Seconds a page's answer stays in the shared cache (0: off)."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def generation_key(namespace, *parts):
    """A cache key for derived data (related items, statistics) in this generation."""
    return ":".join(["core", namespace, generation(), *map(str, parts)])


def depends_on(request, *tags):
    """Record that the answer to `request` shows what `tags` name. The tokens are read now,
    before the content is, so a publish during rendering leaves the stored answer stale-marked."""
    current = getattr(request, "_cache_tokens", None)
    if current is None:
        return
    new = [tag for tag in tags if tag not in current]
    if new:
        current.update(tokens(new))


def request_language(request):
    """The language of a URL: its prefix (/en/...), else the default; never a header or a
    cookie, so the key can be made before routing and agrees with the one made in the view."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def response_key(request):
    """The key of a whole response: host, language and full path."""
    raw = "\n".join((request.get_host(), request_language(request), request.get_full_path()))
    return RESPONSE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def shareable(request):
    """Whether an answer to this request may be served from, and stored in, the cache."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def fresh(entry):
    """Whether every token `entry` was stored with is still current."""
    stored = entry["tokens"]
    current = tokens(stored)
    return all(current[tag] == value for tag, value in stored.items())


# What a hit must still do besides answering, by name (e.g. "search-log": count the search);
# the apps that store such answers register the function in their ready().
HIT_HOOKS = {}


def register_hit_hook(name, function):
    """`function(request, *args)` runs on every hit of an answer stored with `on_hit`; it
    returns None to let the hit be served, or the response to give instead (the API's 429
    for a client over its rate limit)."""
    HIT_HOOKS[name] = function


def on_hit(request, name, *args):
    """Record that a hit of the answer being made must call the hook `name` with `args`
    (values of this answer, e.g. the number of results), as the miss did."""
    request.__dict__.setdefault("_cache_on_hit", []).append((name, args))


def lookup(request, early=False):
    """The cached response for `request`, or None. `early`: asked before routing, where only
    answers stored as servable there are taken; what a hit must still do (count a search,
    count a client's API request against its limit) is done by its hooks."""
    entry = cache.get(response_key(request))
    if entry is None or (early and not entry["early"]) or not fresh(entry):
        return None
    for name, args in entry.get("on_hit", ()):
        instead = HIT_HOOKS[name](request, *args)
        if instead is not None:
            return instead
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    for header, value in entry["headers"].items():
        response[header] = value
    response["X-Cache"] = "hit"
    etag, modified = response.get("ETag"), response.get("Last-Modified")
    if etag or modified:
        conditional = get_conditional_response(
            request,
            etag=etag,
            last_modified=parse_http_date_safe(modified) if modified else None,
            response=response,
        )
        if conditional is not None:
            return conditional
    return response


def _store(key, response, seconds, request_tokens, early, hooks):
    entry = {
        "content": response.content,
        "content_type": response["Content-Type"],
        "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
        "tokens": request_tokens,
        "early": early,
        "on_hit": hooks,
    }
    cache.set(key, entry, seconds)


def serve_cached(request, render, seconds, early=True, repeated=False):
    """The response of `render()`, from and into the shared cache for `seconds`.

    `render` may call `depends_on(request, ...)` to name what the answer shows; an answer
    that names nothing depends on every publish ("content"). `repeated`: store an answer
    only when its URL is asked a second time within `seconds` (URLs as varied as search
    queries: a stream of new ones leaves a small marker each, not a whole page)."""
    if not seconds or not shareable(request):
        return render()
    hit = lookup(request)
    if hit is not None:
        return hit
    key = response_key(request)
    if repeated and cache.add(key + ":asked", 1, seconds):
        return render()
    # Read before the content is: a publish while rendering leaves the answer marked stale.
    request._cache_tokens = tokens([ALL, CONTENT])
    response = render()
    if response.status_code != 200:
        return response

    def store(rendered):
        request_tokens = request.__dict__.pop("_cache_tokens", None)
        # A view's own conditional handling may turn the rendered answer into a 304.
        if request_tokens is None or rendered.status_code != 200:
            return
        if len(request_tokens) > 2:
            # The answer named what it shows: only those publishes drop it.
            del request_tokens[CONTENT]
        hooks = request.__dict__.pop("_cache_on_hit", [])
        _store(key, rendered, seconds, request_tokens, early, hooks)

    if getattr(response, "is_rendered", True):
        store(response)
    else:
        response.add_post_render_callback(store)
    return response


def cached_response(seconds, early=True, repeated=False):
    """Decorate a view so it answers through `serve_cached`; `seconds` is read per request
    (a callable), so settings changed at run time (tests, operators) apply at once."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return serve_cached(
                request,
                lambda: view(request, *args, **kwargs),
                seconds(),
                early=early,
                repeated=repeated,
            )

        return wrapped

    return decorator


class CachedResponseMiddleware:
    """Answer anonymous GET/HEAD requests from the response cache before anything routes them.

    Placed after the middleware that only sets headers (security, CSP, CORS, frame options)
    and before any that reads the database. A request with a session cookie (an editor, a
    visitor in the middle of a form) or a pending message goes the whole way, where the view
    decides; so does every miss. The request's cache tokens are read once from here on
    (`request_scope`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            if request.method in ("GET", "HEAD") and not (
                settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
            ):
                hit = lookup(request, early=True)
                if hit is not None:
                    return hit
            return self.get_response(request)


class SharedCachePageMixin:
    """A Wagtail page whose anonymous answers are shared through the response cache.

    `cache_tags` names what the page shows besides itself ("news": the news listings); a
    publish, unpublish, move or delete of the page drops the answers that depend on
    `publish_tags()` (itself and, by default, `cache_tags`). Only for pages with no form
    that carries a CSRF token and nothing personal for anonymous visitors.
    """

    cache_tags = ()

    def publish_tags(self):
        return (f"page:{self.pk}", *self.cache_tags)

    def serve(self, request, *args, **kwargs):
        serve = super().serve

        def render():
            depends_on(request, f"page:{self.pk}", *self.cache_tags)
            return serve(request, *args, **kwargs)

        return serve_cached(request, render, page_timeout())


def page_changed(sender, instance, **kwargs):
    """Signal receiver for page publish, unpublish, move and delete: drop what the page's
    `publish_tags()` name, or, for a page that names none (its title may be in every page's
    navigation), start a new global generation."""
    publish_tags = getattr(instance, "publish_tags", None)
    if publish_tags is None:
        invalidate()
    else:
        invalidate_tags(*publish_tags())


def page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        page_changed(sender, instance)


# Wagtail writes these on every draft and autosave; the public pages show none of them.
REVISION_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def page_saved(sender, instance, update_fields=None, **kwargs):
    """A live page saved outside a publish (imports, scripts, factories) drops the same
    answers as its publish; draft and lock bookkeeping drops nothing."""
    from wagtail.models import Page

    if not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= REVISION_FIELDS:
        return
    page_changed(sender, instance)


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Site,
    )
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"core-cache-{id(signal)}")
    post_delete.connect(page_deleted, dispatch_uid="core-cache-page-deleted")
    post_save.connect(page_saved, dispatch_uid="core-cache-page-saved")
    # Hits are answered before Wagtail checks view restrictions: a page made private (or
    # public again) must not be served from an answer stored before.
    for signal in (post_save, post_delete):
        signal.connect(invalidate, sender=PageViewRestriction, dispatch_uid=f"core-pvr-{signal}")
        # A site's host, port or root page is in every absolute URL and in what the API
        # lists (api.access keeps it per generation).
        signal.connect(invalidate, sender=Site, dispatch_uid=f"core-site-{signal}")
        # Media in a restricted collection are left out of the API (api.access keeps the
        # restricted collections per generation, and kept innovations show their media).
        for model in (Collection, CollectionViewRestriction):
            signal.connect(invalidate, sender=model, dispatch_uid=f"core-{model}-{signal}")
        # The locale of each language is kept (core.i18n.active_locale_id).
        signal.connect(invalidate, sender=Locale, dispatch_uid=f"core-locale-{signal}")
    # Kept cards, pages and fragments carry their images' rendition URLs and their
    # documents' titles and links: a changed image (a new file, a new focal point: Wagtail
    # deletes its renditions) or document, or a deleted one, starts a new generation. A new
    # upload shows nowhere yet and changes nothing.
    for model in (get_image_model(), get_document_model()):
        post_save.connect(media_saved, sender=model, dispatch_uid=f"core-media-saved-{model}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"core-media-deleted-{model}")


# Wagtail fills these in on first use, saving the image or document; nothing shown changes.
MEDIA_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def media_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if created or (update_fields and set(update_fields) <= MEDIA_BOOKKEEPING_FIELDS):
        return
    invalidate()
