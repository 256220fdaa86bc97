"""Recompute the stored innovation index now (normally a task does it on every change)."""

import time

from django.core.management.base import BaseCommand

from monitoring.index import default_years, recompute


class Command(BaseCommand):
    help = "Hitung ulang indeks inovasi untuk tahun tertentu (bawaan: semua tahun berdata)."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, action="append", help="Tahun; boleh berulang")

    def handle(self, *args, tahun=None, **options):
        years = tahun or default_years()
        started = time.perf_counter()
        rows = recompute(years)
        seconds = time.perf_counter() - started
        self.stdout.write(f"{rows} nilai indeks untuk {years} dalam {seconds:.2f} s")
