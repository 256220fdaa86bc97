"""Attachment checks: the type is read from the file's first bytes, never from its name or the
browser's claim; images are decoded within a pixel limit and re-encoded, which drops EXIF
(GPS, camera serials) and anything hidden after the image data."""

import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILES = 3
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 20_000_000
MAX_SIDE = 2400  # stored images are scaled down to this: enough to read a receipt

# Active content a PDF viewer would run; a complaint never needs it.
PDF_ACTIVE_MARKERS = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction")


@dataclass
class CleanFile:
    content: ContentFile
    content_type: str


def sniff(head):
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def clean_upload(upload):
    """A validated, re-encoded copy of ``upload`` or a ValidationError in Indonesian."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("Berkas %(name)s lebih dari 5 MB."), params={"name": upload.name[:80]}
        )
    data = upload.read()
    kind = sniff(data[:16])
    if kind is None:
        raise ValidationError(
            _("Berkas %(name)s bukan gambar JPEG, PNG, WebP atau PDF."),
            params={"name": upload.name[:80]},
        )
    if kind == "application/pdf":
        return _clean_pdf(data, upload.name)
    return _reencode_image(data, upload.name)


def _random_name(extension):
    return f"{secrets.token_hex(16)}.{extension}"


def _clean_pdf(data, name):
    if b"%%EOF" not in data[-1024:] or any(marker in data for marker in PDF_ACTIVE_MARKERS):
        raise ValidationError(
            _("PDF %(name)s rusak atau berisi skrip; simpan ulang sebagai PDF biasa."),
            params={"name": name[:80]},
        )
    return CleanFile(ContentFile(data, name=_random_name("pdf")), "application/pdf")


def _reencode_image(data, name):
    unreadable = ValidationError(
        _("Gambar %(name)s tidak dapat dibaca."), params={"name": name[:80]}
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("Gambar %(name)s terlalu besar (lebih dari 20 megapiksel)."),
                    params={"name": name[:80]},
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            has_alpha = image.mode in ("RGBA", "LA", "P") and "transparency" in image.info
            has_alpha = has_alpha or image.mode in ("RGBA", "LA")
            out = io.BytesIO()
            if has_alpha:
                image.convert("RGBA").save(out, format="PNG", optimize=True)
                return CleanFile(ContentFile(out.getvalue(), name=_random_name("png")), "image/png")
            image.convert("RGB").save(out, format="JPEG", quality=85)
            return CleanFile(ContentFile(out.getvalue(), name=_random_name("jpg")), "image/jpeg")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise unreadable from None
