"""Conditional GETs (ETag / Last-Modified -> 304) for generated files: feeds, the sitemap,
exports and iCalendar.

Two ways in:
- `conditional_response(request, response)`: a built body gets an ETag (its hash) and a 304
  when the client already has it (Django's ConditionalGetMiddleware, per response);
- `validated(validators)`: a view whose body is expensive or streamed names cheap validators
  (a fingerprint of what it shows and the time of the last change) and answers 304 without
  building the body at all.

The validators are ordinary response headers, so the shared response cache keeps them with
the body (core.cache stores ETag and Last-Modified) and a cached answer validates the same.
"""

import functools
import hashlib

from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


def conditional_response(request, response):
    """`response` with an ETag, or a 304 if the request's validators match it."""
    return ConditionalGetMiddleware(lambda request: response).process_response(request, response)


def etag_of(*parts):
    """A strong ETag from the parts that determine a body."""
    return quote_etag(hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()[:32])


def validated(validators):
    """Decorate a view: `validators(request, *args, **kwargs)` returns (fingerprint,
    last_modified or None); the ETag is made of the full path and the fingerprint."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            fingerprint, last_modified = validators(request, *args, **kwargs)
            headers = HttpResponse()
            headers["ETag"] = etag_of(request.get_full_path(), fingerprint)
            timestamp = int(last_modified.timestamp()) if last_modified else None
            if timestamp is not None:
                headers["Last-Modified"] = http_date(timestamp)
            not_modified = get_conditional_response(
                request, etag=headers["ETag"], last_modified=timestamp, response=headers
            )
            if not_modified is not headers:
                return not_modified
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                for name in ("ETag", "Last-Modified"):
                    if name in headers and not response.has_header(name):
                        response[name] = headers[name]
            return response

        return wrapped

    return decorator
