"""Pictures and documents drawn with Pillow, so the demo needs nothing from the network.

Every file is derived from its title alone: the same title always yields the same bytes,
which keeps load_demo idempotent and the demo identical on every machine.
"""

import hashlib
import io
import random
import textwrap

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

PALETTE = [
    "#0B6E4F",
    "#08415C",
    "#C0392B",
    "#D68910",
    "#6C3483",
    "#1F618D",
    "#117A65",
    "#B03A2E",
    "#7D6608",
    "#2E4053",
]


def seeded_random(text):
    return random.Random(hashlib.sha256(text.encode("utf-8")).hexdigest())  # noqa: S311


def hex_to_rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(rgb, other, share):
    return tuple(round(a * (1 - share) + b * share) for a, b in zip(rgb, other, strict=True))


def font(size):
    # Pillow's bundled font: identical output on every machine, no system fonts needed.
    return ImageFont.load_default(size=size)


def draw_poster(title, colour, size=(1200, 800), subtitle=""):
    """A colour field with geometric shapes (no initials: cropped text reads as noise, issue 18)
    and an optional caption band; returns JPEG bytes."""
    rng = seeded_random(title + subtitle)
    base = hex_to_rgb(colour or rng.choice(PALETTE))
    width, height = size
    picture = PillowImage.new("RGB", size, mix(base, (0, 0, 0), 0.15))
    draw = ImageDraw.Draw(picture)
    for _ in range(9):
        shade = mix(base, (255, 255, 255), rng.uniform(0.05, 0.45))
        x, y = rng.randrange(-200, width), rng.randrange(-200, height)
        extent = rng.randrange(120, 520)
        box = (x, y, x + extent, y + extent)
        shape = rng.choice(("circle", "square", "triangle"))
        if shape == "circle":
            draw.ellipse(box, fill=shade)
        elif shape == "square":
            draw.rectangle(box, fill=shade)
        else:
            draw.polygon(
                [(x, y + extent), (x + extent // 2, y), (x + extent, y + extent)], fill=shade
            )
    if subtitle:
        draw.rectangle((0, height - 90, width, height), fill=mix(base, (0, 0, 0), 0.45))
        size = 40
        while size > 20 and draw.textlength(subtitle, font=font(size)) > width - 80:
            size -= 2
        draw.text((40, height - 45), subtitle, font=font(size), fill=(255, 255, 255), anchor="lm")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=72, optimize=True)
    return buffer.getvalue()


def draw_sop_pdf(title, agency, steps, year):
    """A one-page standard operating procedure as a real PDF; returns its bytes."""
    page = PillowImage.new("L", (827, 1169), 255)  # A4 at 100 dpi
    draw = ImageDraw.Draw(page)
    draw.rectangle((50, 50, 777, 150), outline=0, width=3)
    draw.text((70, 65), "STANDAR OPERASIONAL PROSEDUR", font=font(28), fill=0)
    draw.text((70, 105), agency[:60], font=font(18), fill=0)
    y = 190
    for line in textwrap.wrap(title, 50):
        draw.text((60, y), line, font=font(26), fill=0)
        y += 36
    y += 20
    for number, step in enumerate(steps, start=1):
        for index, line in enumerate(textwrap.wrap(f"{number}. {step}", 70)):
            draw.text((60 if index == 0 else 84, y), line, font=font(18), fill=0)
            y += 26
        y += 12
    draw.text(
        (60, 1090), f"Ditetapkan tahun {year}. Dokumen contoh JIPP Sulsel.", font=font(16), fill=0
    )
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=100.0)
    return buffer.getvalue()


def demo_collection(name="Demo"):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def get_or_create_image(title, collection, render, filename):
    """The image of that title in the collection, drawn only when it is missing."""
    Image = get_image_model()
    image = Image.objects.filter(title=title, collection=collection).first()
    if image:
        return image
    image = Image(title=title, collection=collection)
    image.file = ImageFile(io.BytesIO(render()), name=filename)
    image._set_image_file_metadata()
    image.save()
    return image


def get_or_create_document(title, collection, render, filename):
    Document = get_document_model()
    document = Document.objects.filter(title=title, collection=collection).first()
    if document:
        return document
    document = Document(title=title, collection=collection)
    document.file = ContentFile(render(), name=filename)
    document._set_document_file_metadata()
    document.save()
    return document
