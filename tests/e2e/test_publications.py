"""A visitor reads the news, filters the learning-resource library and registers for an event."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from publications.models import EventRegistration, LearningResourcePage
from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    LearningResourceIndexPageFactory,
    LearningResourcePageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnersPageFactory,
    RegulationFactory,
    RegulationIndexPageFactory,
    ResourceTopicFactory,
    in_days,
)

pytestmark = pytest.mark.e2e
Type = LearningResourcePage.ResourceType


@pytest.fixture
def publications_site(home_page):
    news_index = NewsIndexPageFactory(parent=home_page, intro="<p>Kabar terbaru JIPP.</p>")
    category = NewsCategoryFactory(name="Kegiatan", slug="kegiatan")
    article = NewsPageFactory(
        parent=news_index,
        title="JIPP Sulsel dinilai berhasil",
        category=category,
        body=[
            ("heading", {"text": "Strategi inovasi", "size": "h2"}),
            ("paragraph", "<p>Road show ke kabupaten/kota untuk membangkitkan gairah.</p>"),
            ("quote", {"text": "Sulsel siap menjadi pusat inovasi.", "attribution": "Sekprov"}),
            (
                "table",
                {
                    "caption": "Capaian",
                    "table": {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [["Tahun", "Inovasi"], ["2021", "356"]],
                    },
                    "source": "Biro Organisasi",
                },
            ),
        ],
    )
    NewsPageFactory(parent=news_index, title="Jambore Inovasi", category=category)

    library = LearningResourceIndexPageFactory(parent=home_page)
    topic = ResourceTopicFactory(name="Pengaduan", slug="pengaduan")
    LearningResourcePageFactory(parent=library, title="Panduan loket", resource_type=Type.GUIDE)
    LearningResourcePageFactory(
        parent=library, title="Video pengaduan", resource_type=Type.VIDEO, topics=[topic]
    )
    resource = LearningResourcePageFactory(
        parent=library, title="Modul pelayanan prima", resource_type=Type.TRAINING
    )

    events = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=events, title="Kaji tiru ke Bantaeng", capacity=1)
    EventPageFactory(parent=events, title="Bimtek lalu", start=in_days(-20), end=in_days(-20, 15))

    regulations = RegulationIndexPageFactory(parent=home_page)
    regulation = RegulationFactory(kind="uu", number="25", year=2009, slug="uu-25-2009")
    PartnersPageFactory(parent=home_page)
    PartnerFactory(name="Yayasan BaKTI")
    return {
        "article": article,
        "resource": resource,
        "event": event,
        "regulation_url": f"{regulations.url}{regulation.slug}/",
    }


def test_visitor_reads_the_news(page, publications_site, axe_violations):
    page.goto("/berita/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Berita")
    assert axe_violations(page) == []

    page.get_by_role("link", name="JIPP Sulsel dinilai berhasil").click()

    expect(page).to_have_url(re.compile(r"/berita/jipp-sulsel-dinilai-berhasil/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("JIPP Sulsel dinilai berhasil")
    expect(page.get_by_role("heading", name="Strategi inovasi")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("356")
    expect(page.get_by_role("heading", name="Berita terkait")).to_be_visible()
    assert axe_violations(page) == []


def test_visitor_filters_the_resource_library_without_javascript_help(
    page, publications_site, axe_violations
):
    page.goto("/sumber-belajar/")
    expect(page.get_by_role("heading", name="3 sumber belajar")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("checkbox", name=re.compile("^Video")).check()
    page.get_by_role("button", name="Terapkan filter").click()

    expect(page).to_have_url(re.compile(r"\?jenis=video$"))
    expect(page.get_by_role("heading", name="1 sumber belajar")).to_be_visible()
    expect(page.get_by_role("link", name="Video pengaduan")).to_be_visible()
    expect(page.get_by_role("link", name="Panduan loket")).to_have_count(0)
    assert axe_violations(page) == []

    page.get_by_role("link", name=re.compile("Video.*hapus filter")).click()
    expect(page.get_by_role("heading", name="3 sumber belajar")).to_be_visible()


def test_visitor_registers_for_an_event(page, publications_site, axe_violations):
    event = publications_site["event"]
    page.goto(event.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaji tiru ke Bantaeng")
    expect(page.get_by_text("WITA").first).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Nama lengkap").fill("Andi Makkasau")
    page.get_by_label("Instansi").fill("Dinas Kesehatan Kabupaten Bantaeng")
    page.get_by_label("Surel").fill("andi@example.go.id")
    page.get_by_label("Telepon/WhatsApp").fill("huruf saja")
    page.get_by_role("button", name="Daftar").click()

    expect(page.get_by_role("alert")).to_contain_text("Nomor telepon hanya boleh berisi angka")
    expect(page.get_by_label("Instansi")).to_have_value("Dinas Kesehatan Kabupaten Bantaeng")
    # GOV.UK pattern (issue 18 item 5): the summary takes the focus and links to the field,
    # the message sits beside its field and is read with it, the button is below the fields.
    expect(page.locator(".error-summary")).to_be_focused()
    phone = page.get_by_label("Telepon/WhatsApp")
    expect(phone).to_have_attribute("aria-describedby", "id_phone_helptext id_phone_error")
    expect(page.locator(".form-group--error #id_phone_error")).to_contain_text("angka")
    page.locator(".error-summary a[href='#id_phone']").click()
    expect(phone).to_be_focused()
    button = page.get_by_role("button", name="Daftar").bounding_box()
    assert button["y"] > phone.bounding_box()["y"] + phone.bounding_box()["height"]
    assert axe_violations(page) == []

    page.get_by_label("Telepon/WhatsApp").fill("0812 3456 7890")
    page.get_by_role("button", name="Daftar").click()

    # A seat counts only once the registrant confirms from the e-mail (issue 17).
    expect(page).to_have_url(re.compile(r"/terdaftar/#periksa-surel$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa surel Anda")
    assert axe_violations(page) == []
    confirm_url = re.search(r"https?://\S+/konfirmasi/\S+/", mail.outbox[-1].body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", confirm_url))
    page.get_by_role("button", name="Konfirmasi pendaftaran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pendaftaran berhasil")
    expect(page.get_by_text("Terima kasih, Andi Makkasau")).to_be_visible()
    assert axe_violations(page) == []
    assert EventRegistration.objects.filter(event=event, confirmed_at__isnull=False).count() == 1

    page.goto(event.url)
    expect(page.get_by_text("Kuota peserta sudah penuh")).to_be_visible()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/berita/",
        "article",
        "/berita/2021/",
        "/sumber-belajar/",
        "resource",
        "/kegiatan/",
        "/kegiatan/lampau/",
        "event",
        "/regulasi/",
        "regulation_url",
        "/mitra/",
    ],
)
def test_axe_finds_nothing_serious_on_each_page_type(page, publications_site, axe_violations, url):
    target = publications_site.get(url, url)
    if not isinstance(target, str):
        target = target.url
    response = page.goto(target)
    assert response.status == 200
    assert axe_violations(page) == []
