import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from bench import generate as bench


class Command(BaseCommand):
    help = (
        "Membuat data uji beban dalam jumlah besar: inovasi (beserta instansi, berita dan "
        "sumber belajar yang sebanding) dengan insert massal, tanpa revisi dan tanpa indeks "
        "pencarian."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--innovations", type=int, default=1000, help="Jumlah inovasi yang dibuat."
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Hapus dulu data uji beban yang pernah dibuat (konten demo tidak disentuh).",
        )
        parser.add_argument("--seed", type=int, default=2018, help="Benih acak, agar terulang.")

    def handle(self, *args, innovations, clear, seed, **options):
        if innovations < 0:
            raise CommandError("--innovations tidak boleh negatif.")
        started = time.perf_counter()
        if clear:
            bench.clear(self.stdout)
        if innovations:
            bench.generate(innovations, self.stdout, seed=seed)
        problems = [len(found) for found in Page.find_problems()]
        if any(problems):
            raise CommandError(f"Pohon halaman tidak valid: {problems}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai dalam {time.perf_counter() - started:.1f} detik. Jalankan "
                "`manage.py update_index` untuk membangun indeks pencarian."
            )
        )
