"""Geometry of the dashboard's SVG charts, computed on the server.

Each function returns plain numbers for a template to draw (no JavaScript, no inline
style: colours come from CSS classes named after the predicate). Every chart is shown
beside a table of the same data, so the SVG is a picture for sighted readers and the
table is the accessible source.
"""

from decimal import Decimal

from django.utils.text import slugify

BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 230
BAR_AREA = 360
VALUE_WIDTH = 60


def predicate_class(predicate):
    """CSS class suffix of a predicate, e.g. 'sangat-inovatif'."""
    return slugify(predicate)


def bar_chart(rows, value=lambda row: row.score, label=lambda row: row.name, maximum=100):
    """Horizontal bars, one per row, scaled to `maximum`."""
    bars = []
    for position, row in enumerate(rows):
        amount = Decimal(value(row) or 0)
        y = position * (BAR_HEIGHT + BAR_GAP)
        bars.append(
            {
                "label": label(row),
                "value": amount,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": round(float(amount) / maximum * BAR_AREA, 1) if maximum else 0,
                "css": predicate_class(getattr(row, "predicate", "")),
            }
        )
    return {
        "bars": bars,
        "height": max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP),
        "width": LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "value_x": LABEL_WIDTH + BAR_AREA + 6,
        "label_x": LABEL_WIDTH - 6,
    }


def line_chart(points, width=560, height=220, maximum=100):
    """One line through (label, value) points, with the y axis from 0 to `maximum`."""
    left, right, top, bottom = 40, 16, 12, 28
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(1, len(points) - 1)
    drawn = []
    for position, (label, amount) in enumerate(points):
        x = left + (step * position if len(points) > 1 else inner_w / 2)
        y = top + inner_h - float(amount or 0) / maximum * inner_h
        drawn.append({"label": label, "value": amount, "x": round(x, 1), "y": round(y, 1)})
    ticks = [
        {"value": tick, "y": round(top + inner_h - tick / maximum * inner_h, 1)}
        for tick in (0, 25, 50, 75, 100)
        if tick <= maximum
    ]
    return {
        "points": drawn,
        "path": " ".join(f"{p['x']},{p['y']}" for p in drawn),
        "ticks": ticks,
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "axis_y": top + inner_h,
        "label_y": height - 8,
    }


def dot_map(rows, width=420, height=560, padding=30):
    """Regions placed by longitude and latitude (an equirectangular sketch of the
    province), each a circle coloured by its predicate."""
    located = [row for row in rows if row.region.latitude is not None]
    if not located:
        return {"dots": [], "width": width, "height": height}
    lats = [float(row.region.latitude) for row in located]
    lons = [float(row.region.longitude) for row in located]
    lat_span = (max(lats) - min(lats)) or 1
    lon_span = (max(lons) - min(lons)) or 1
    scale = min((width - 2 * padding) / lon_span, (height - 2 * padding) / lat_span)
    dots = []
    for row, lat, lon in zip(located, lats, lons, strict=True):
        dots.append(
            {
                "row": row,
                "x": round(padding + (lon - min(lons)) * scale, 1),
                "y": round(padding + (max(lats) - lat) * scale, 1),
                "r": 9 if row.region.kind != "province" else 13,
                "css": predicate_class(row.predicate),
            }
        )
    return {"dots": dots, "width": width, "height": height}
