"""Rebuild the search vocabulary (typo, variant and run-together word correction).

Publishing adds new words on its own; run this after bulk imports (rebuild_search_index
runs it too).
"""

from django.core.management.base import BaseCommand

from search.understanding import rebuild_vocabulary


class Command(BaseCommand):
    help = "Membangun ulang kosakata pencarian dari konten yang terbit."

    def handle(self, *args, **options):
        self.stdout.write(f"Kosakata pencarian: {rebuild_vocabulary()} kata.")
