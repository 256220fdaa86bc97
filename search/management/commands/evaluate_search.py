"""Print nDCG@10, MRR and recall@10 of the judged query set, per backend.

manage.py evaluate_search                 # the database backend, and the engine if set
manage.py evaluate_search --backend engine --details
"""

from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.relevance import evaluate, load_judgements, mean
from search.service import engine_backend


class Command(BaseCommand):
    help = "Mengukur relevansi pencarian (nDCG@10, MRR, recall@10) pada kumpulan kueri berlabel."

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=["database", "engine", "all"], default="all")
        parser.add_argument("--details", action="store_true", help="Skor setiap kueri.")
        parser.add_argument("--judgements", help="Berkas penilaian lain (JSON).")

    def handle(self, *args, backend, details, judgements, **options):
        queries = load_judgements(judgements) if judgements else load_judgements()
        engine = engine_backend()
        runs = []
        if backend in ("database", "all"):
            runs.append(("database", False))
        if backend in ("engine", "all"):
            if engine is None:
                if backend == "engine":
                    raise CommandError("No engine configured: set SEARCH_URL and SEARCH_ENGINE.")
            else:
                runs.append((settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"], True))
        self.stdout.write(f"{len(queries)} judged queries; relevant = grade >= 2.")
        for name, use_engine in runs:
            scores = evaluate(queries, use_engine)
            self.stdout.write("")
            self.stdout.write(f"Backend: {name}")
            self.stdout.write(f"  {'category':<14} {'n':>3} {'nDCG@10':>8} {'MRR':>6} {'R@10':>6}")
            by_category = defaultdict(list)
            for score in scores:
                by_category[score.category].append(score)
            for category, items in [*sorted(by_category.items()), ("ALL", scores)]:
                self.stdout.write(
                    f"  {category:<14} {len(items):>3} "
                    f"{mean(s.ndcg for s in items):>8.3f} {mean(s.mrr for s in items):>6.3f} "
                    f"{mean(s.recall for s in items):>6.3f}"
                )
            if details:
                for score in scores:
                    self.stdout.write(
                        f"    {score.id} {score.ndcg:.2f} {score.mrr:.2f} {score.recall:.2f} "
                        f"{score.query!r} -> {score.top}"
                    )
