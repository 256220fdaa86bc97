import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# What the process loads before its first request (modules, models, URL patterns) lives as
# long as the process. Python's full garbage collection, which a busy worker runs every few
# requests, walked all of it each time: 150 ms added to every sixth search at 10,000
# innovations (bench/README.md). Frozen, those objects are left out of every collection.
get_resolver().url_patterns  # noqa: B018 - import every view module now, not on a request
gc.collect()
gc.freeze()
