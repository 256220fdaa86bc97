"""The public read API under /api/v2/: router, endpoints, filter backends, OpenAPI and the
headless preview endpoint.

It sits above the domain apps: it imports their models, field lists and filter sets, and
no domain app imports it. A domain app's `api.py` only says which of its fields the API
shows and how its listings filter.
"""
