"""Load the real reference data: regions, government affairs, SDGs and award programmes."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    Region = apps.get_model("innovations", "Region")
    Sector = apps.get_model("innovations", "Sector")
    SDG = apps.get_model("innovations", "SustainableDevelopmentGoal")
    Award = apps.get_model("innovations", "Award")
    for row in read("regions-sulsel.csv"):
        kind = row["kind"]
        slug = slugify(row["name"] if kind == "province" else f"{kind} {row['name']}")
        Region.objects.update_or_create(
            bps_code=row["bps_code"],
            defaults={
                "name": row["name"],
                "slug": slug,
                "kind": kind,
                "seat": row["seat"],
                "latitude": row["lat"],
                "longitude": row["lon"],
            },
        )
    for row in read("sectors.csv"):
        Sector.objects.update_or_create(slug=row["slug"], defaults={"name": row["name"]})
    for row in read("sdgs.csv"):
        SDG.objects.update_or_create(
            number=int(row["number"]),
            defaults={"name": row["name"], "name_en": row["name_en"], "colour": row["colour"]},
        )
    for row in read("awards.csv"):
        Award.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "short_name": row["short_name"],
                "level": row["level"],
                "organiser": row["organiser"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("innovations", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
