"""Issue 17, item 8: media in production (S3-compatible storage from the environment, or
local files behind a documented web-server rule); a document's file URL never answers;
uploaded PDFs are downloads."""

import importlib

import pytest
from django.urls import clear_url_caches

from tests.hardening.test_settings_production import run_python

pytestmark = pytest.mark.django_db

SHOW_STORAGE = (
    "import django; django.setup(); "
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__module__ + '.' + type(s).__name__, getattr(s, 'bucket_name', '-'))"
)


def test_production_keeps_local_files_by_default():
    result = run_python(["-c", SHOW_STORAGE])
    assert result.stdout.split() == ["django.core.files.storage.filesystem.FileSystemStorage", "-"]


def test_production_uses_s3_compatible_storage_from_the_environment():
    result = run_python(
        ["-c", SHOW_STORAGE],
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="jipp-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "jipp-media"], result.stderr


def test_s3_without_a_bucket_refuses_to_start():
    result = run_python(["-c", SHOW_STORAGE], MEDIA_STORAGE="s3")
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in result.stderr


def test_deployment_docs_keep_documents_off_the_web_server():
    from django.conf import settings

    docs = (settings.BASE_DIR / "docs" / "deployment.md").read_text()
    assert "location /media/documents/" in docs
    assert "MEDIA_STORAGE" in docs


@pytest.fixture
def debug_urls(settings, tmp_path):
    import config.urls

    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "foto.png").write_bytes(b"\x89PNG gambar")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "rahasia.pdf").write_bytes(b"%PDF-1.4 rahasia")
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.parametrize(
    "url",
    [
        "/media/documents/rahasia.pdf",
        "/media/images/../documents/rahasia.pdf",
        "/media/./documents/rahasia.pdf",
        "/media//documents/rahasia.pdf",
    ],
)
def test_development_server_never_serves_document_files(client, debug_urls, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_development_server_serves_images(client, debug_urls):
    response = client.get("/media/images/foto.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG gambar"


def test_an_uploaded_pdf_is_downloaded_not_shown(client, settings, tmp_path):
    # A PDF can carry scripts that run in the site's origin when a browser shows it inline;
    # served as an attachment it is saved, never rendered under the portal's address.
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    # Files on disk, as in production (the test settings keep files in memory, which Wagtail's
    # serve view cannot stream).
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="Laporan", file=ContentFile(b"%PDF-1.4 laporan", name="laporan.pdf")
    )
    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "laporan" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 laporan"
