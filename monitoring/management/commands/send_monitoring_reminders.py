"""Send monitoring-report reminders (run daily, e.g. from cron at 08:00 WITA)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from monitoring.reminders import send_reminders


class Command(BaseCommand):
    help = "Kirim pengingat laporan pemantauan sebelum dan sesudah jatuh tempo."

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini WITA)")

    def handle(self, *args, tanggal=None, **options):
        day = None
        if tanggal:
            try:
                day = datetime.date.fromisoformat(tanggal)
            except ValueError as error:
                raise CommandError("Format tanggal: YYYY-MM-DD") from error
        sent = send_reminders(day)
        self.stdout.write(f"{sent} e-mail pengingat dikirim")
