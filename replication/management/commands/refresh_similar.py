import datetime
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from replication.similar import due, rank_and_store


class Command(BaseCommand):
    help = (
        "Hitung dan simpan daftar 'Inovasi serupa' tiap inovasi: yang belum punya daftar "
        "lebih dulu, lalu yang paling lama, paling banyak --limit, per batch. Untuk isi awal "
        "dan penyegaran malam hari (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Hanya inovasi dengan id ini.")
        parser.add_argument("--limit", type=int, default=1000)
        parser.add_argument("--batch", type=int, default=100)
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=0,
            help="Lewati daftar yang dihitung kurang dari sekian jam lalu.",
        )

    def handle(self, *args, ids, limit, batch, older_than_hours, **options):
        started = time.perf_counter()
        if not ids:
            before = timezone.now() - datetime.timedelta(hours=older_than_hours)
            ids = due(limit, computed_before=before)
        ranked = changed = 0
        for start in range(0, len(ids), batch):
            done, renewed = rank_and_store(ids[start : start + batch])
            ranked += done
            changed += len(renewed)
        self.stdout.write(
            f"{ranked} daftar inovasi serupa dihitung, {changed} berubah, "
            f"dalam {time.perf_counter() - started:.1f} detik."
        )
