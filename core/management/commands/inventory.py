"""Counts and checksums of what the portal stores, to compare a restored backup with its source.

    manage.py inventory                 JSON on standard output
    manage.py inventory --compare F     compare with an earlier inventory (exit 1 on a difference)

Every concrete model of the project's apps and of Wagtail's pages, revisions, images and
documents is counted, and its rows (every column, in primary-key order) are hashed; the files
under MEDIA_ROOT are hashed by path and content. Two databases with the same content give the
same inventory, whatever their engine.
"""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.fields import StreamField

WAGTAIL_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailcore.Collection",
    "auth.User",
    "auth.Group",
]


def project_models():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if not Path(config.path).resolve().is_relative_to(base):
            continue
        for model in config.get_models():
            if not model._meta.proxy and model._meta.managed:
                yield model


def table_digest(model):
    digest = hashlib.sha256()
    count = 0
    fields = model._meta.concrete_fields
    columns = [field.attname for field in fields]
    # A StreamField is hashed as the JSON it stores: str() of its value would render the
    # blocks (templates, image renditions written to the database and MEDIA_ROOT).
    streams = [i for i, field in enumerate(fields) if isinstance(field, StreamField)]
    rows = model._base_manager.order_by("pk").values_list(*columns)
    for row in rows.iterator(chunk_size=2000):
        if streams:
            row = list(row)
            for i in streams:
                row[i] = fields[i].get_prep_value(row[i])
        digest.update(json.dumps(row, default=str, sort_keys=True).encode())
        count += 1
    return {"count": count, "sha256": digest.hexdigest()}


def media_digest(root):
    digest = hashlib.sha256()
    count = 0
    root = Path(root)
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
            count += 1
    return {"count": count, "sha256": digest.hexdigest()}


def inventory():
    models = [apps.get_model(label) for label in WAGTAIL_MODELS] + list(project_models())
    tables = {model._meta.label: table_digest(model) for model in models}
    return {"tables": tables, "media": media_digest(settings.MEDIA_ROOT)}


class Command(BaseCommand):
    help = "Menghitung jumlah dan checksum isi basis data dan media (uji pemulihan cadangan)."

    def add_arguments(self, parser):
        parser.add_argument("--compare", help="inventaris JSON sebelumnya untuk dibandingkan")

    def handle(self, *args, **options):
        current = inventory()
        if not options["compare"]:
            self.stdout.write(json.dumps(current, indent=1, sort_keys=True))
            return
        source = json.loads(Path(options["compare"]).read_text())
        differences = self.compare(source, current)
        if differences:
            raise CommandError(f"{differences} perbedaan antara cadangan dan hasil pemulihan")
        self.stdout.write(self.style.SUCCESS("Hasil pemulihan sama dengan sumbernya."))

    def compare(self, source, current):
        differences = 0
        rows = [("media", source["media"], current["media"])]
        names = sorted(set(source["tables"]) | set(current["tables"]))
        rows += [(n, source["tables"].get(n), current["tables"].get(n)) for n in names]
        self.stdout.write(f"{'tabel':45} {'sumber':>8} {'pulih':>8}  checksum")
        for name, before, after in rows:
            same = before == after
            differences += not same
            count_before = before["count"] if before else "-"
            count_after = after["count"] if after else "-"
            verdict = "sama" if same else "BERBEDA"
            self.stdout.write(f"{name:45} {count_before:>8} {count_after:>8}  {verdict}")
        return differences
