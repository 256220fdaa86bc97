"""Every interface string in English (issue 15): each message of the English catalogue has
English text (no empty or fuzzy msgstr) and the committed .mo says the same; the main public
pages under /en/ show their interface in English where the Indonesian pages show Indonesian."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from innovations.models import Sector
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate
from tests.publications.factories import (
    EventIndexPageFactory,
    NewsIndexPageFactory,
    RegulationIndexPageFactory,
)

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDERS = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w+\}")


def entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_interface_message_has_english():
    missing = [
        entry.msgid for entry in entries() if "fuzzy" in entry.flags or not entry.translated()
    ]

    assert missing == [], f"{len(missing)} messages of {CATALOGUE.name} have no English"


def test_the_committed_catalogue_is_compiled_with_its_placeholders():
    with CATALOGUE.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    for entry in entries():
        if entry.msgid_plural:
            forms = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
            got = [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        else:
            forms = [(entry.msgid, entry.msgstr)]
            got = [compiled.gettext(entry.msgid)]
        assert got == [msgstr for _, msgstr in forms], entry.msgid
        for msgid, msgstr in forms:
            assert sorted(PLACEHOLDERS.findall(msgstr)) == sorted(PLACEHOLDERS.findall(msgid)), (
                msgid
            )


@pytest.fixture
def site(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page, show_in_menus=True)
    innovation = InnovationPageFactory(parent=catalogue, title="Layanan Air Bersih")
    news = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    events = EventIndexPageFactory(parent=home_page)
    RegulationIndexPageFactory(parent=home_page, show_in_menus=True)  # not translated
    translate(home_page, title="Home")
    translate(catalogue, title="Innovation catalogue")
    translate(innovation, title="Clean Water Service", summary="Clean water for residents.")
    translate(news, title="News")
    translate(events, title="Events")
    return innovation


# Interface text of every page (skip link, navigation, footer) and of each page's template,
# as Indonesian and as English; none of it is content an editor writes.
CHROME = [
    ("Langsung ke konten utama", "Skip to main content"),
    ('aria-label="Navigasi utama"', 'aria-label="Main navigation"'),
    ('href="/cari/">Cari</a>', 'href="/en/cari/">Search</a>'),
    ('class="brand" href="/"', 'class="brand" href="/en/"'),
    ("Dokumentasi API", "API documentation"),
]
PAGES = {
    "/": [("Inovasi di daerah saya", "Innovations in my area"), ("Jalur utama", "Main paths")],
    "/inovasi/": [("Saring inovasi", "Filter innovations"), ("Urutkan", "Sort by")],
    "/inovasi/layanan-air-bersih/": [("Remah roti", "Breadcrumb"), ("Instansi", "Agency")],
    "/berita/": [("Ikuti berita", "Follow the news"), ("Umpan RSS", "RSS feed")],
    "/kegiatan/": [("Unduh kalender kegiatan", "Download the events calendar")],
    "/cari/?q=air": [("Cari di JIPP Sulsel", "Search JIPP Sulsel")],
    "/pengaduan/": [("Kirim laporan", "Send report"), ("Laporan Anda", "Your report")],
    "/data-terbuka/": [
        ("Terakhir berubah", "Last changed"),
        ("Nama inovasi.", "Name of the innovation."),
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(PAGES))
def test_the_english_page_shows_no_indonesian_interface_text(client, site, path):
    indonesian = client.get(path)
    english = client.get(f"/en{path}")

    assert (indonesian.status_code, english.status_code) == (200, 200)
    indonesian_html, english_html = indonesian.content.decode(), english.content.decode()
    for source, translation in CHROME + PAGES[path]:
        assert source in indonesian_html, source
        assert source not in english_html, source
        assert translation in english_html, translation


def links(html, selector):
    soup = BeautifulSoup(html, "html.parser")
    return [(" ".join(a.get_text(" ").split()), a["href"]) for a in soup.select(selector)]


@pytest.mark.django_db
def test_english_pages_lead_to_the_english_sections(client, site):
    navigation = links(client.get("/en/berita/").content, ".main-nav a")
    paths = [href for _label, href in links(client.get("/en/").content, ".paths a")]

    assert navigation == [
        ("Innovation catalogue", "/en/inovasi/"),
        ("News", "/en/berita/"),
        ("Regulasi", "/regulasi/"),  # no translation yet: the Indonesian section
        ("Search", "/en/cari/"),
    ]
    assert {"/en/inovasi/", "/en/berita/", "/en/kegiatan/"} <= set(paths)
    assert [href for _label, href in links(client.get("/").content, ".main-nav a")] == [
        "/inovasi/",
        "/berita/",
        "/regulasi/",
        "/cari/",
    ]


@pytest.mark.django_db
def test_catalogue_cards_name_the_sector_in_the_language_read(client, site):
    Sector.objects.filter(slug="kesehatan").update(name_en="Health")

    def sectors(path):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        return [node.get_text(strip=True) for node in soup.select(".sector-visual__name")]

    assert sectors("/en/inovasi/") == ["Health"]
    assert sectors("/inovasi/") == ["Kesehatan"]
