import time

from django.core.management.base import BaseCommand

from home import demo


class Command(BaseCommand):
    help = (
        "Memuat konten demo: beranda, katalog, instansi dan inovasi contoh. "
        "Aman dijalankan berulang: yang sudah ada tidak diubah."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        demo.load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Konten demo siap dalam {time.perf_counter() - started:.1f} detik.")
        )
