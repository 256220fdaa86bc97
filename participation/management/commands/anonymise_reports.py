"""Anonymise reports closed or rejected longer ago than PARTICIPATION_RETENTION_DAYS.

What the statistics count stays (category, agency, region, dates, status); what could
identify the reporter goes (contact, title, description, place, attachments, their messages).
Run daily by the scheduler."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from participation import services
from participation.models import Report, Status


class Command(BaseCommand):
    help = "Anonymise closed and rejected reports after the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    def handle(self, *args, **options):
        cutoff = timezone.now() - timezone.timedelta(days=settings.PARTICIPATION_RETENTION_DAYS)
        due = Report.objects.filter(
            status__in=(Status.CLOSED, Status.REJECTED),
            closed_at__lt=cutoff,
            anonymised_at__isnull=True,
        )
        if options["dry_run"]:
            self.stdout.write(f"{due.count()} laporan akan dianonimkan.")
            return
        count = 0
        for report in due.iterator(chunk_size=500):
            services.anonymise(report)
            count += 1
        self.stdout.write(f"{count} laporan dianonimkan.")
