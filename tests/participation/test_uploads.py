"""Attachments: type from content, limits, re-encoding without metadata, private storage."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participation.models import Report, ReportAttachment
from participation.storage import private_storage
from participation.uploads import MAX_FILE_BYTES

from .test_form import URL, form_data
from .uploads import jpeg_with_gps, pdf

pytestmark = pytest.mark.django_db


def post(client, files, **overrides):
    return client.post(URL, {**form_data(**overrides), "attachments": files})


def test_image_is_reencoded_without_exif_and_gps(client, home_page, private_root):
    original = jpeg_with_gps()
    assert b"KameraUji" in original.read()
    original.seek(0)
    response = post(client, [original, pdf()])
    assert response.status_code == 200, response.context["form"].errors
    report = Report.objects.get()
    document, image = report.attachments.order_by("content_type")
    assert document.content_type == "application/pdf"
    stored = image.file.read()
    assert b"KameraUji" not in stored
    with Image.open(io.BytesIO(stored)) as reopened:
        assert reopened.format == "JPEG"
        assert not reopened.getexif()
    # Stored under the private root with a random name, not the reporter's file name.
    assert image.file.path.startswith(str(private_root))
    assert "foto" not in image.file.name


def test_attachments_have_no_public_url():
    with pytest.raises(ValueError):
        private_storage.url("1/x.jpg")


def test_type_comes_from_content_not_name(client, home_page):
    disguised = SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    response = post(client, [disguised])
    assert not Report.objects.exists()
    assert "bukan gambar JPEG, PNG, WebP atau PDF" in response.content.decode()


def test_svg_is_refused(client, home_page):
    svg = SimpleUploadedFile("a.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/png")
    post(client, [svg])
    assert not Report.objects.exists()


def test_pdf_with_javascript_is_refused(client, home_page):
    body = b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n"
    response = post(client, [pdf(body=body)])
    assert not Report.objects.exists()
    assert "berisi skrip" in response.content.decode()


def test_truncated_image_is_refused(client, home_page):
    broken = jpeg_with_gps()
    data = broken.read()[:200]
    post(client, [SimpleUploadedFile("x.jpg", data, "image/jpeg")])
    assert not Report.objects.exists()


def test_too_many_pixels_is_refused(client, home_page):
    buffer = io.BytesIO()
    Image.new("1", (6000, 4000)).save(buffer, format="PNG")
    response = post(client, [SimpleUploadedFile("besar.png", buffer.getvalue(), "image/png")])
    assert not Report.objects.exists()
    assert "terlalu besar" in response.content.decode()


def test_too_large_file_is_refused(client, home_page):
    big = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * MAX_FILE_BYTES + b"%%EOF", "x/y")
    response = post(client, [big])
    assert not Report.objects.exists()
    assert "lebih dari 5 MB" in response.content.decode()


def test_at_most_three_files(client, home_page):
    response = post(client, [pdf(f"{n}.pdf") for n in range(4)])
    assert not Report.objects.exists()
    assert "Paling banyak 3 lampiran." in response.content.decode()
    assert ReportAttachment.objects.count() == 0
