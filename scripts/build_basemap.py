"""Build the innovation map's basemap: Natural Earth land clipped to South Sulawesi.

The source is the npm package world-atlas (package.json devDependencies; TopoJSON of Natural
Earth's 1:10m land). No package of the npm registry or PyPI ships kabupaten/kota boundaries
(checked: idn-area-data has codes and names only), so the basemap is land and coast.

Run from the project root after `npm ci`:
    python scripts/build_basemap.py
It writes site/static/data/sulsel-land.geojson (committed, about 30 kB), so the site needs
neither node_modules for the basemap nor any outside server.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "land-10m.json"
TARGET = ROOT / "site" / "static" / "data" / "sulsel-land.geojson"
# West, south, east, north: the province from the Spermonde islands to Luwu Timur and
# Takabonerate, with a margin of neighbouring land so the coast reads as a coast.
BBOX = (118.0, -8.2, 123.6, -1.0)
DIGITS = 3  # about 100 m: finer than the 1:10m source needs on screen


def decode_arcs(topology):
    """Absolute coordinates of every arc (TopoJSON stores quantised deltas)."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_of(indexes, arcs):
    ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


def polygons_of(topology, arcs):
    for geometry in topology["objects"]["land"]["geometries"]:
        if geometry["type"] == "Polygon":
            yield [ring_of(r, arcs) for r in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            for polygon in geometry["arcs"]:
                yield [ring_of(r, arcs) for r in polygon]


def clip_edge(points, inside, cross):
    """One step of Sutherland-Hodgman: keep the part of a ring on one side of an edge."""
    result = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current):
            if not inside(previous):
                result.append(cross(previous, current))
            result.append(current)
        elif inside(previous):
            result.append(cross(previous, current))
    return result


def at_x(x):
    return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def at_y(y):
    return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def clip_ring(ring, bbox):
    west, south, east, north = bbox
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cross in (
        (lambda p: p[0] >= west, at_x(west)),
        (lambda p: p[0] <= east, at_x(east)),
        (lambda p: p[1] >= south, at_y(south)),
        (lambda p: p[1] <= north, at_y(north)),
    ):
        if not points:
            break
        points = clip_edge(points, inside, cross)
    rounded = []
    for x, y in points:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) < 3:
        return None
    return rounded + [rounded[0]]


def overlaps(ring, bbox):
    west, south, east, north = bbox
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return max(xs) >= west and min(xs) <= east and max(ys) >= south and min(ys) <= north


def build(source=SOURCE, bbox=BBOX):
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    polygons = []
    for polygon in polygons_of(topology, arcs):
        if not overlaps(polygon[0], bbox):
            continue
        rings = [clip_ring(ring, bbox) for ring in polygon]
        if rings[0]:
            polygons.append([ring for ring in rings if ring])
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"source": "Natural Earth 1:10m land (npm world-atlas 2.0.2)"},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        ],
    }


def main():
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: run `npm ci` first.")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(build(), separators=(",", ":")) + "\n")
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
