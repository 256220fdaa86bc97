"""The map's basemap: South Sulawesi's land, clipped from a registry package and committed."""

import json
from pathlib import Path

from django.conf import settings

BASEMAP = Path(settings.BASE_DIR) / "site" / "static" / "data" / "sulsel-land.geojson"

# Seats the map puts markers on: each must fall on (or within a few km of) the drawn land.
SEATS = {
    "Kota Makassar": (119.43, -5.14),
    "Kabupaten Luwu Utara": (120.33, -2.57),
    "Kabupaten Kepulauan Selayar": (120.46, -6.12),
    "Kabupaten Bone": (120.33, -4.54),
}


def inside(point, ring):
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def test_basemap_is_small_and_covers_the_province():
    land = json.loads(BASEMAP.read_text())
    assert BASEMAP.stat().st_size < 100_000
    polygons = land["features"][0]["geometry"]["coordinates"]
    for name, seat in SEATS.items():
        near = [(seat[0] + dx, seat[1] + dy) for dx in (-0.05, 0, 0.05) for dy in (-0.05, 0, 0.05)]
        assert any(inside(p, polygon[0]) for p in near for polygon in polygons), name
