"""Alt text is what an editor wrote, never the image's title or file name (issue 19 item 6).

The rich-text image dialog (format and alt text form, after choosing or uploading an image)
starts with the image's description or nothing, never the title an upload fills with the file
name, and asks for alt text or an explicit "decorative". The public page shows what was
written: the alt text in rich text, the description in the gallery and in link previews,
never the title.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from innovations.models import InnovationGalleryImage
from tests.admin.english import english_strings
from tests.agencies.factories import ModeratorFactory
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory

pytestmark = pytest.mark.django_db

FILE_NAME_TITLE = "IMG_20240301_093512.png"
ALT = "#id_image-chooser-insertion-alt_text"
DECORATIVE = "#id_image-chooser-insertion-image_is_decorative"


@pytest.fixture
def editor(client):
    client.force_login(ModeratorFactory())
    return client


def image(**fields):
    return Image.objects.create(title=FILE_NAME_TITLE, file=get_test_image_file(), **fields)


def modal(response):
    assert response.status_code == 200
    data = json.loads(response.content)
    return data, BeautifulSoup(data.get("html", ""), "html.parser")


def format_url(picture, **query):
    url = reverse("wagtailimages_chooser:select_format", args=[picture.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_format_form_does_not_offer_the_file_name_as_alt_text(editor):
    data, form = modal(editor.get(format_url(image())))
    assert data["step"] == "select_format"
    assert form.select_one(ALT).get("value", "") == ""
    assert not form.select_one(DECORATIVE).has_attr("checked")
    assert english_strings(data["html"]) == []


def test_the_description_is_offered_when_there_is_one(editor):
    data, form = modal(editor.get(format_url(image(description="Petugas merekam KTP-el"))))
    assert form.select_one(ALT)["value"] == "Petugas merekam KTP-el"


def test_an_image_already_in_the_text_keeps_what_was_written(editor):
    picture = image()
    _, form = modal(editor.get(format_url(picture, format="fullwidth", alt_text="Mobil layanan")))
    assert form.select_one(ALT)["value"] == "Mobil layanan"
    _, form = modal(editor.get(format_url(picture, format="fullwidth", alt_text="")))
    assert form.select_one(DECORATIVE).has_attr("checked")


def test_inserting_asks_for_alt_text_or_decorative(editor):
    url = format_url(image())
    prefix = "image-chooser-insertion"
    data, form = modal(editor.post(url, {f"{prefix}-format": "fullwidth"}))
    assert data["step"] == "select_format"
    assert form.select_one(".error-message")
    assert english_strings(data["html"]) == []

    data, _ = modal(
        editor.post(url, {f"{prefix}-format": "fullwidth", f"{prefix}-alt_text": "Mobil layanan"})
    )
    assert data["step"] == "chosen"
    assert data["result"]["alt"] == "Mobil layanan"

    data, _ = modal(
        editor.post(url, {f"{prefix}-format": "fullwidth", f"{prefix}-image_is_decorative": "on"})
    )
    assert data["step"] == "chosen"
    assert data["result"]["alt"] == ""


def test_an_image_uploaded_in_the_dialog_starts_without_alt_text(editor):
    url = reverse("wagtailimages_chooser:create") + "?select_format=true"
    upload = SimpleUploadedFile(FILE_NAME_TITLE, get_test_image_file().file.getvalue())
    data, form = modal(
        editor.post(
            url,
            {
                "image-chooser-upload-title": FILE_NAME_TITLE,
                "image-chooser-upload-file": upload,
                "image-chooser-upload-collection": 1,
            },
        )
    )
    assert data["step"] == "select_format", data.get("htmlFragment")
    assert form.select_one(ALT).get("value", "") == ""
    assert not form.select_one(DECORATIVE).has_attr("checked")


def test_the_page_shows_the_written_alt_text_never_the_title(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    embedded, described = image(), image(description="Antrean di loket Dukcapil")
    innovation = InnovationPageFactory(
        parent=catalogue,
        hero_image=embedded,
        problem=(
            f'<p>Sebelum inovasi.</p><embed embedtype="image" id="{embedded.pk}" '
            'format="fullwidth" alt="Warga lansia menunggu di kantor dinas"/>'
        ),
    )
    InnovationGalleryImage.objects.create(page=innovation, image=described, sort_order=0)
    soup = BeautifulSoup(client.get(innovation.url).content, "html.parser")
    alts = {img.get("alt") for img in soup.select("main img")}
    assert "Warga lansia menunggu di kantor dinas" in alts
    assert "Antrean di loket Dukcapil" in alts
    assert FILE_NAME_TITLE not in alts
    # Link previews show the hero image; without a description it goes without an alt text.
    assert soup.find("meta", property="og:image")
    assert not soup.find("meta", property="og:image:alt")


def test_a_gallery_image_needs_a_caption_or_a_description(home_page):
    innovation = InnovationPageFactory(parent=InnovationIndexPageFactory(parent=home_page))
    with pytest.raises(ValidationError) as refused:
        InnovationGalleryImage(page=innovation, image=image()).full_clean()
    assert "caption" in refused.value.message_dict
    InnovationGalleryImage(page=innovation, image=image(), caption="Mobil layanan").full_clean()
    InnovationGalleryImage(page=innovation, image=image(description="Mobil")).full_clean()
