"""The "Inovasi serupa" lists of every case study (replication/similar.py), ranked so the demo
shows them at once. They are ranked when the demo's transaction commits: each list ranks the
innovations of its own language, and wagtail-localize publishes the English case studies only
then (the lists their publishes queued were ranked with part of them live)."""

from django.db import transaction

from innovations.models import InnovationPage
from replication.similar import rank_and_store


def load(stdout):
    transaction.on_commit(lambda: rank_all(stdout))


def rank_all(stdout):
    ids = list(InnovationPage.objects.live().values_list("pk", flat=True))
    ranked, changed = rank_and_store(ids)
    stdout.write(f"similar: {ranked} lists of similar innovations ranked, {len(changed)} changed\n")
