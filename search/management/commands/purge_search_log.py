"""Delete search log rows older than the retention period (SEARCH_LOG_RETENTION_DAYS).

manage.py purge_search_log [--days N]      # run daily (cron or a scheduled task)
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from search.models import SearchQueryClient, SearchQueryDay


class Command(BaseCommand):
    help = "Menghapus catatan pencarian yang lebih tua dari masa simpan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "SEARCH_LOG_RETENTION_DAYS", 180),
            help="Masa simpan dalam hari (bawaan: SEARCH_LOG_RETENTION_DAYS, 180).",
        )

    def handle(self, *args, days, **options):
        before = timezone.localdate() - timezone.timedelta(days=max(days, 1))
        clients, _ = SearchQueryClient.objects.filter(date__lt=before).delete()
        counts, _ = SearchQueryDay.objects.filter(date__lt=before).delete()
        self.stdout.write(f"Dihapus: {counts} baris statistik, {clients} baris klien (< {before}).")
