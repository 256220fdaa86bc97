"""Files for upload tests, drawn in memory."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def jpeg_with_gps(name="foto.jpg", size=(64, 48)):
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    gps = {1: "S", 2: (5.0, 8.0, 0.0), 3: "E", 4: (119.0, 25.0, 0.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf(name="surat.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")
