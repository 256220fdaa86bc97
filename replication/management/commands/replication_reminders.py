from django.core.management.base import BaseCommand

from replication.reminders import send_due


class Command(BaseCommand):
    help = "Kirim pengingat kepada pemohon replikasi yang belum memberi kabar (jalankan harian)."

    def handle(self, *args, **options):
        sent = send_due()
        self.stdout.write(f"{sent} pengingat terkirim.")
