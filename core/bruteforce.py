"""Brute-force protection for the admin login, the password-reset form and page passwords.

Why not django-axes: axes guards only what goes through ``authenticate()``, so the password-
reset form and Wagtail's page passwords would need a second mechanism anyway; its cool-off is
fixed per lock-out (no backoff); and its authentication backend refuses every
``authenticate()`` call made without a request. One guard here covers all three with one
policy, counts in the shared cache (Redis in production, so every replica sees the same
attempts), takes the client address the way ``core.throttle`` does, and backs off: each
failure past the limit doubles the wait, up to ``MAX_LOCK_SECONDS``.

A guard counts per client *and* per target (the user name, the e-mail address, the protected
page), so neither many guesses from one client nor a slow guess spread over many clients
goes unchecked. A cache that is down never locks anyone out (a warning is logged).
"""

import dataclasses
import hashlib
import logging
import math
import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .throttle import client_address

logger = logging.getLogger(__name__)

FIRST_LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 60 * 60
WINDOW_SECONDS = 60 * 60  # failures are forgotten an hour after the last one


@dataclasses.dataclass(frozen=True)
class Guard:
    scope: str
    client_limit: int  # failures per client before the lock
    target_limit: int  # failures per target (user name, address, page) before the lock
    target_field: str | None = None  # POST field naming the target
    counts_success: bool = False  # every POST counts (e-mail sending forms)


LOGIN = Guard("login", client_limit=10, target_limit=5, target_field="username")
PASSWORD_RESET = Guard("password_reset", client_limit=5, target_limit=3, target_field="email")
PAGE_PASSWORD = Guard("page_password", client_limit=5, target_limit=30, counts_success=False)

GUARDED_VIEWS = {
    "wagtailadmin_login": LOGIN,
    "admin:login": LOGIN,
    "wagtailadmin_password_reset": PASSWORD_RESET,
    "wagtailcore_authenticate_with_password": PAGE_PASSWORD,
}


def lock_seconds(failures, limit):
    """0 below the limit, then FIRST_LOCK_SECONDS doubling with each further failure."""
    if failures < limit:
        return 0
    return min(FIRST_LOCK_SECONDS * 2 ** min(failures - limit, 16), MAX_LOCK_SECONDS)


def _key(scope, kind, value):
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"bruteforce:{scope}:{kind}:{digest}"


def _keys(guard, request, target):
    keys = [(_key(guard.scope, "client", client_address(request)), guard.client_limit)]
    if target:
        keys.append((_key(guard.scope, "target", target), guard.target_limit))
    return keys


def retry_after(guard, request, target):
    """Seconds this client must wait before another attempt on ``target``; 0 when free."""
    now = time.time()
    try:
        entries = cache.get_many([key for key, _limit in _keys(guard, request, target)])
    except Exception:  # noqa: BLE001 - a failing cache must not lock anyone out
        logger.warning("Brute-force guard %s not enforced: the cache is unavailable", guard.scope)
        return 0
    waits = [math.ceil(entry["until"] - now) for entry in entries.values()]
    return max([wait for wait in waits if wait > 0], default=0)


def record_failure(guard, request, target):
    now = time.time()
    try:
        for key, limit in _keys(guard, request, target):
            entry = cache.get(key) or {"failures": 0, "until": 0}
            failures = entry["failures"] + 1
            until = now + lock_seconds(failures, limit)
            timeout = max(until - now, WINDOW_SECONDS)
            cache.set(key, {"failures": failures, "until": until}, timeout=math.ceil(timeout))
            if until > now:
                logger.warning("Brute-force guard %s: locked at %d failures", guard.scope, failures)
    except Exception:  # noqa: BLE001
        logger.warning("Brute-force guard %s not recorded: the cache is unavailable", guard.scope)


def forget_target(guard, target):
    try:
        cache.delete(_key(guard.scope, "target", target))
    except Exception:  # noqa: BLE001
        logger.warning("Brute-force guard %s not reset: the cache is unavailable", guard.scope)


def locked_response(request, seconds):
    minutes = max(1, math.ceil(seconds / 60))
    response = TemplateResponse(
        request,
        "errors/too_many_attempts.html",
        {
            "message": _(
                "Terlalu banyak percobaan. Demi keamanan, coba lagi dalam %(minutes)d menit."
            )
            % {"minutes": minutes}
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def _guard_for(request):
    match = getattr(request, "resolver_match", None)
    return GUARDED_VIEWS.get(match.view_name) if match else None


def _target(guard, request):
    if guard.target_field:
        return request.POST.get(guard.target_field, "")
    match = request.resolver_match
    return ":".join(str(value) for value in match.kwargs.values())


class BruteForceMiddleware:
    """Refuses POSTs to a guarded view while locked; counts page-password failures and
    password-reset requests (login failures arrive through Django's signal)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        guard = _guard_for(request)
        if guard is None:
            return None
        target = _target(guard, request)
        seconds = retry_after(guard, request, target)
        if seconds:
            return locked_response(request, seconds)
        if guard is PAGE_PASSWORD:
            response = view_func(request, *view_args, **view_kwargs)
            if response.status_code not in (301, 302, 303):
                record_failure(guard, request, target)
            return response
        if guard is PASSWORD_RESET:
            record_failure(guard, request, target)
        return None


def _login_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        record_failure(LOGIN, request, credentials.get("username", ""))


def _logged_in(sender, request, user, **kwargs):
    forget_target(LOGIN, user.get_username())


def connect():
    user_login_failed.connect(_login_failed, dispatch_uid="core.bruteforce.login_failed")
    user_logged_in.connect(_logged_in, dispatch_uid="core.bruteforce.logged_in")
