import time

from django.core.management.base import BaseCommand

from demo import loader


class Command(BaseCommand):
    help = (
        "Memuat konten demo dari berkas data demo/data/: beranda, katalog, instansi, inovasi "
        "dan publikasi contoh, lalu konten demo tiap area. "
        "Aman dijalankan berulang: yang sudah ada tidak diubah."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        loader.load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Konten demo siap dalam {time.perf_counter() - started:.1f} detik.")
        )
