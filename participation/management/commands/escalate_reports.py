"""Flag overdue reports by e-mail: moderators get every overdue report, each agency's liaisons
the ones routed to them. Run daily by the scheduler (cron, systemd timer); a report is
escalated at most once a day, so running it twice does not send twice."""

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction

from participation import deadlines, emails
from participation.models import Report


class Command(BaseCommand):
    help = "E-mail moderators and agencies about reports past their working-day deadline."

    def handle(self, *args, **options):
        today = deadlines.local_date()
        with transaction.atomic():
            overdue = list(
                Report.objects.overdue(today)
                .exclude(escalated_on=today)
                .select_related("routed_agency")
                .select_for_update(of=("self",))
                .order_by("verify_due", "pk")
            )
            Report.objects.filter(pk__in=[r.pk for r in overdue]).update(escalated_on=today)
        if not overdue:
            self.stdout.write("Tidak ada laporan yang terlambat.")
            return
        emails.escalation(overdue, emails.moderator_addresses())
        by_agency = defaultdict(list)
        for report in overdue:
            if report.routed_agency_id:
                by_agency[report.routed_agency].append(report)
        for agency, reports in by_agency.items():
            emails.escalation(reports, emails.agency_addresses(agency), agency=agency)
        self.stdout.write(f"{len(overdue)} laporan terlambat dieskalasi.")
