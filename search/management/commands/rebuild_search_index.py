"""Rebuild the search index without downtime.

On an engine, Wagtail's `update_index` (modelsearch) already builds into a fresh index named
`<alias>_<random>` and only then points the alias at it and deletes the old index, so
searches keep answering from the old index during the build (ATOMIC_REBUILD, on by default
and set in search/conf.py). Pages published while the build runs are written through the alias
to the old index and would be missing from the new one; this command re-indexes everything
changed since the build started once the alias has moved. On the database backend it runs
`update_index` for it.
"""

import copy
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.index import insert_or_update_object

from search.service import engine_backend, engine_indices
from search.understanding import rebuild_vocabulary

REBUILD_TIMEOUT = 120


class Command(BaseCommand):
    help = (
        "Membangun ulang indeks pencarian tanpa henti layanan (indeks baru, lalu alias dipindah)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            default="default",
            help="Nama backend pencarian (default: mesin yang dikonfigurasi).",
        )
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, backend, chunk_size, **options):
        verbosity = options["verbosity"]
        started_at = timezone.now()
        started = time.perf_counter()
        words = rebuild_vocabulary()
        engine = engine_backend() if backend == "default" else None
        before = self._aliased(engine)
        # Bulk writes of a whole index may take longer than a publish may wait.
        backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
        backends.get(backend, {})["TIMEOUT"] = REBUILD_TIMEOUT
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            call_command(
                "update_index", backend_name=backend, chunk_size=chunk_size, verbosity=verbosity
            )
        caught_up = 0
        if engine is not None:
            changed = Page.objects.live().filter(last_published_at__gte=started_at).specific()
            for page in changed:
                insert_or_update_object(page)
                caught_up += 1
        after = self._aliased(engine)
        elapsed = time.perf_counter() - started
        if verbosity:
            backend_label = settings.WAGTAILSEARCH_BACKENDS[backend]["BACKEND"]
            self.stdout.write(f"Backend {backend} ({backend_label}) rebuilt in {elapsed:.1f} s.")
            for alias, indices in after.items():
                old = ", ".join(sorted(before.get(alias, []))) or "-"
                self.stdout.write(f"  {alias}: {old} -> {', '.join(sorted(indices))}")
            if engine is not None:
                self.stdout.write(f"  pages published during the rebuild, re-indexed: {caught_up}")
            self.stdout.write(f"  search vocabulary: {words} words")

    def _aliased(self, engine):
        if engine is None:
            return {}
        aliased = {}
        for alias in engine_indices(engine):
            try:
                aliased[alias] = set(engine.es.indices.get_alias(name=alias))
            except Exception:
                aliased[alias] = set()
        return aliased
