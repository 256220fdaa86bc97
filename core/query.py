"""Public query parameters are Indonesian; links shared with older names keep working.

A view that renamed its parameters declares the old names with `renamed_parameters`:
a request that uses any of them is answered with a permanent redirect (301) to the same
URL with the new names, values and order kept, so shared links and bookmarks land on the
page they meant and search engines move to the new URL.
"""

import functools

from django.http import HttpResponsePermanentRedirect


def renamed_query(query, renames):
    """The query string with old names replaced, or None when it uses none of them."""
    if not any(old in query for old in renames):
        return None
    renamed = query.copy()
    renamed.clear()
    for name, values in query.lists():
        for value in values:
            renamed.appendlist(renames.get(name, name), value)
    return renamed.urlencode()


def renamed_parameters(renames):
    """Decorate a view (request, *args): old parameter names answer 301 to the new ones."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            query = renamed_query(request.GET, renames)
            if query is None:
                return view(request, *args, **kwargs)
            return HttpResponsePermanentRedirect(f"{request.path}?{query}")

        return wrapped

    return decorator


def minimal_query(query, defaults):
    """The query string without empty values and values equal to their default, or None
    when it has none of them."""
    kept = query.copy()
    kept.clear()
    dropped = False
    for name, values in query.lists():
        for value in values:
            if value.strip() == "" or defaults.get(name) == value:
                dropped = True
            else:
                kept.appendlist(name, value)
    return kept.urlencode() if dropped else None


def minimal_parameters(defaults=None):
    """Decorate a view (request, *args): a query with empty parameters (a filter form sent
    whole) or default values answers 301 to the shortest URL for the same view, so shared
    and bookmarked URLs stay short and one view has one URL."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            query = minimal_query(request.GET, defaults or {})
            if query is None:
                return view(request, *args, **kwargs)
            target = f"{request.path}?{query}" if query else request.path
            return HttpResponsePermanentRedirect(target)

        return wrapped

    return decorator
