"""Demo content for the publications app, and a fast page generator for the benchmarks.

`load(home_page, stdout)` is idempotent: every object is looked up by its slug first.
The source article (home/data/seed-article-jipp-sulsel-2021.txt) is published in full as
real news; everything else is illustrative and flagged `is_demo`.

`bulk_pages(index_page, model, count)` appends `count` live pages of NewsPage,
LearningResourcePage or EventPage under `index_page`, quickly (no revisions, one
transaction); bench/ uses it to build listings at scale.
"""

import datetime
import re
import zoneinfo
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from .models import (
    EventIndexPage,
    EventPage,
    LearningResourceDocument,
    LearningResourceIndexPage,
    LearningResourcePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageAuthor,
    Partner,
    PartnersPage,
    Regulation,
    RegulationIndexPage,
    ResourceTopic,
)

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
SEED_ARTICLE = Path(settings.BASE_DIR) / "home" / "data" / "seed-article-jipp-sulsel-2021.txt"

INDEX_PAGES = [
    (
        NewsIndexPage,
        "Berita",
        "berita",
        "<p>Kabar terbaru dari Jaringan Inovasi Pelayanan Publik Sulawesi Selatan.</p>",
    ),
    (
        LearningResourceIndexPage,
        "Sumber Belajar",
        "sumber-belajar",
        "<p>Panduan, perangkat kerja, modul pelatihan dan video untuk petugas layanan, "
        "pimpinan dan masyarakat. Saring menurut jenis, topik dan sasaran pembaca.</p>",
    ),
    (
        EventIndexPage,
        "Kegiatan",
        "kegiatan",
        "<p>Kaji tiru, diskusi, pertukaran pegawai, bimbingan teknis dan Jambore Inovasi. "
        "Semua waktu dalam WITA.</p>",
    ),
    (
        RegulationIndexPage,
        "Regulasi",
        "regulasi",
        "<p>Dasar hukum inovasi pelayanan publik, dari undang-undang hingga surat edaran.</p>",
    ),
    (
        PartnersPage,
        "Mitra",
        "mitra",
        "<p>Lembaga yang mendukung JIPP Sulsel sejak 2018.</p>",
    ),
]

CATEGORIES = ["Kegiatan", "Kebijakan", "Penghargaan", "Kisah Inovasi", "Kemitraan"]

TOPICS = [
    ("Manajemen inovasi", "Merancang, menguji dan melembagakan inovasi."),
    ("Pelayanan publik digital", "Aplikasi, data dan layanan daring."),
    ("Replikasi inovasi", "Mengadaptasi praktik baik dari daerah lain."),
    ("Pengaduan dan partisipasi", "Mendengar dan menindaklanjuti suara warga."),
    ("Monitoring dan evaluasi", "Mengukur hasil dan keberlanjutan inovasi."),
    ("Standar pelayanan", "Maklumat, SOP dan survei kepuasan masyarakat."),
]

REGULATIONS = [
    {
        "kind": Regulation.Kind.UU,
        "number": "25",
        "year": 2009,
        "issuer": "Pemerintah Republik Indonesia",
        "title": "Pelayanan Publik",
        "slug": "uu-25-2009-pelayanan-publik",
        "summary": "Mengatur asas, standar dan penyelenggaraan pelayanan publik, "
        "termasuk hak masyarakat untuk mengadukan pelayanan.",
    },
    {
        "kind": Regulation.Kind.PERPRES,
        "number": "81",
        "year": 2010,
        "issuer": "Presiden Republik Indonesia",
        "title": "Grand Design Reformasi Birokrasi 2010–2025",
        "slug": "perpres-81-2010-grand-design-reformasi-birokrasi",
        "summary": "Arah reformasi birokrasi nasional, termasuk peningkatan kualitas "
        "pelayanan publik.",
    },
    {
        "kind": Regulation.Kind.PERMEN,
        "number": "30",
        "year": 2014,
        "issuer": "Kementerian PANRB",
        "title": "Pedoman Inovasi Pelayanan Publik",
        "slug": "permenpan-rb-30-2014-pedoman-inovasi-pelayanan-publik",
        "summary": "Pedoman bagi instansi pemerintah dalam mengembangkan dan "
        "mendokumentasikan inovasi pelayanan publik.",
    },
    {
        "kind": Regulation.Kind.SE,
        "number": "9",
        "year": 2014,
        "issuer": "Kementerian PANRB",
        "title": "Gerakan One Agency One Innovation",
        "slug": "se-menpan-rb-9-2014-one-agency-one-innovation",
        "summary": "Mendorong setiap instansi pemerintah menghasilkan sedikitnya satu "
        "inovasi pelayanan publik setiap tahun.",
    },
    {
        "kind": Regulation.Kind.PERMEN,
        "number": "5",
        "year": 2019,
        "issuer": "Kementerian PANRB",
        "title": "Kompetisi Inovasi Pelayanan Publik di Lingkungan Kementerian/Lembaga, "
        "Pemerintah Daerah, BUMN dan BUMD",
        "slug": "permenpan-rb-5-2019-kompetisi-inovasi-pelayanan-publik",
        "summary": "Tata cara kompetisi inovasi pelayanan publik (KIPP) tingkat nasional.",
    },
]

PARTNERS = [
    {
        "name": "GIZ TRANSFORMASI",
        "slug": "giz-transformasi",
        "kind": Partner.Kind.DEVELOPMENT,
        "website": "https://www.giz.de/en/worldwide/indonesia.html",
        "description": "Program kerja sama Pemerintah Jerman dan Indonesia yang mendukung "
        "pembentukan JIPP Sulsel dan memperkuat peran provinsi dalam pembinaan inovasi.",
    },
    {
        "name": "Yayasan BaKTI",
        "slug": "yayasan-bakti",
        "kind": Partner.Kind.NGO,
        "website": "https://bakti.or.id",
        "description": "Yayasan Bina Karta Lestari (BaKTI), pusat pertukaran pengetahuan "
        "pembangunan di Kawasan Timur Indonesia.",
    },
    {
        "name": "KOMPAK",
        "slug": "kompak",
        "kind": Partner.Kind.DEVELOPMENT,
        "website": "",
        "description": "Kolaborasi Masyarakat dan Pelayanan untuk Kesejahteraan, program "
        "kemitraan Pemerintah Australia dan Indonesia.",
    },
    {
        "name": "STIA LAN Makassar",
        "slug": "stia-lan-makassar",
        "kind": Partner.Kind.UNIVERSITY,
        "website": "",
        "description": "Sekolah Tinggi Ilmu Administrasi Lembaga Administrasi Negara Makassar.",
    },
    {
        "name": "Puslatbang KMP LAN",
        "slug": "puslatbang-kmp-lan",
        "kind": Partner.Kind.GOVERNMENT,
        "website": "",
        "description": "Pusat Pelatihan dan Pengembangan dan Kajian Manajemen Pemerintahan "
        "Lembaga Administrasi Negara di Makassar.",
    },
]

DEMO_NEWS = [
    (
        "Jambore Inovasi Pelayanan Publik masuk kalender tetap provinsi",
        "Kegiatan",
        "Jambore Inovasi akan digelar setiap tahun sebagai ajang pamer dan belajar inovasi "
        "antarperangkat daerah.",
    ),
    (
        "Biro Organisasi gelar road show inovasi ke kabupaten/kota",
        "Kegiatan",
        "Tim provinsi berkeliling untuk membangkitkan gairah berinovasi dan mendampingi "
        "perangkat daerah menyusun proposal inovasi.",
    ),
    (
        "Pergub Inovasi Pelayanan Publik disiapkan bersama Bappelitbangda",
        "Kebijakan",
        "Peraturan gubernur menjadi jaminan keberlanjutan JIPP Sulsel.",
    ),
    (
        "Inovasi Sulsel kembali masuk Top Inovasi Pelayanan Publik nasional",
        "Penghargaan",
        "Sejumlah inovasi kabupaten/kota di Sulawesi Selatan lolos seleksi kompetisi "
        "inovasi pelayanan publik tingkat nasional.",
    ),
    (
        "Petugas layanan garis depan ikuti bimtek pelayanan prima",
        "Kegiatan",
        "Bimbingan teknis membekali petugas loket dengan standar pelayanan dan cara menangani "
        "pengaduan.",
    ),
    (
        "Kaji tiru layanan kesehatan keliling ke Kabupaten Bantaeng",
        "Kisah Inovasi",
        "Rombongan dari tiga kabupaten belajar langsung cara kerja layanan kesehatan keliling.",
    ),
    (
        "Instrumen monitoring dan evaluasi inovasi diuji coba",
        "Kebijakan",
        "Instrumen baru membantu perangkat daerah melaporkan keterlaksanaan inovasi.",
    ),
    (
        "Kemitraan dengan perguruan tinggi perkuat pendampingan inovasi",
        "Kemitraan",
        "STIA LAN Makassar dan Puslatbang KMP LAN terlibat dalam pendampingan dan kajian.",
    ),
    (
        "Diskusi daring: belajar dari inovasi yang berhenti",
        "Kisah Inovasi",
        "Para inovator berbagi pelajaran tentang inovasi yang tidak berlanjut dan penyebabnya.",
    ),
    (
        "Portal JIPP Sulsel menyatukan katalog inovasi dan sumber belajar",
        "Kebijakan",
        "Satu portal untuk mencari inovasi, membaca studi kasus dan mendaftar kegiatan.",
    ),
]

DEMO_RESOURCES = [
    (
        "Panduan menyusun proposal inovasi pelayanan publik",
        "panduan",
        "Manajemen inovasi",
        "pimpinan",
        "dasar",
        45,
    ),
    (
        "Perangkat kerja peta perjalanan pengguna layanan",
        "perangkat",
        "Standar pelayanan",
        "petugas_layanan",
        "menengah",
        90,
    ),
    (
        "Modul pelatihan pelayanan prima untuk petugas loket",
        "modul",
        "Standar pelayanan",
        "petugas_layanan",
        "dasar",
        240,
    ),
    (
        "Video: lima menit memahami One Agency One Innovation",
        "video",
        "Manajemen inovasi",
        "semua",
        "dasar",
        5,
    ),
    (
        "Templat laporan monitoring inovasi triwulanan",
        "templat",
        "Monitoring dan evaluasi",
        "pimpinan",
        "menengah",
        30,
    ),
    (
        "Laporan praktik baik inovasi Sulawesi Selatan",
        "laporan",
        "Replikasi inovasi",
        "pimpinan",
        "lanjutan",
        120,
    ),
    (
        "Ringkasan Permenpan RB 30/2014 tentang pedoman inovasi",
        "ringkasan_regulasi",
        "Manajemen inovasi",
        "pimpinan",
        "dasar",
        15,
    ),
    (
        "Panduan replikasi: dari kaji tiru ke penerapan",
        "panduan",
        "Replikasi inovasi",
        "pimpinan",
        "menengah",
        60,
    ),
    (
        "Modul menangani pengaduan masyarakat",
        "modul",
        "Pengaduan dan partisipasi",
        "petugas_layanan",
        "dasar",
        180,
    ),
    (
        "Perangkat kerja survei kepuasan masyarakat",
        "perangkat",
        "Standar pelayanan",
        "petugas_layanan",
        "menengah",
        60,
    ),
    (
        "Video: cara warga menyampaikan pengaduan layanan",
        "video",
        "Pengaduan dan partisipasi",
        "masyarakat",
        "dasar",
        8,
    ),
    (
        "Panduan membangun layanan digital yang inklusif",
        "panduan",
        "Pelayanan publik digital",
        "pimpinan",
        "lanjutan",
        90,
    ),
]


def _paragraphs(text):
    """Rejoin the article's hard-wrapped lines: a block that ends mid-sentence continues."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
    paragraphs = []
    for block in blocks:
        if paragraphs and not re.search(r"[.!?\"”]$", paragraphs[-1]):
            paragraphs[-1] = f"{paragraphs[-1]} {block}"
        else:
            paragraphs.append(block)
    return paragraphs


def seed_article_paragraphs():
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    # The file starts with a metadata marker ("date 2021-03") before the dateline.
    text = re.sub(r"^\s*date\s+\d{4}-\d{2}\s+", "", text)
    return _paragraphs(text)


def _html_paragraph(text):
    from django.utils.html import escape

    return f"<p>{escape(text)}</p>"


def _poster(title, subtitle):
    from demo.media import demo_collection, draw_poster, get_or_create_image

    return get_or_create_image(
        title,
        demo_collection(),
        lambda: draw_poster(title, None, subtitle=str(subtitle)),
        f"{slugify(title)[:60]}.jpg",
    )


def _handout(title, topic):
    from demo.media import demo_collection, draw_sop_pdf, get_or_create_document

    steps = [
        f"Pelajari konsep dasar {topic.lower()}.",
        "Diskusikan contoh inovasi dari katalog JIPP Sulsel bersama tim.",
        "Susun rencana tindak lanjut untuk unit layanan Anda.",
        "Laporkan hasil penerapan kepada pimpinan dan Biro Organisasi.",
    ]
    return get_or_create_document(
        f"Materi: {title}",
        demo_collection(),
        lambda: draw_sop_pdf(title, "JIPP Sulsel (konten contoh)", steps, 2024),
        f"{slugify(title)[:60]}.pdf",
    )


def _fill_missing(page, **fields):
    """Set fields that are still empty on a page made by an earlier load, and republish."""
    missing = {name: value for name, value in fields.items() if not getattr(page, name)}
    if missing:
        for name, value in missing.items():
            setattr(page, name, value)
        page.save_revision().publish()


def _get_or_add_child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def load_taxonomies():
    categories = {
        name: NewsCategory.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in CATEGORIES
    }
    topics = {
        name: ResourceTopic.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )[0]
        for name, description in TOPICS
    }
    for data in REGULATIONS:
        Regulation.objects.update_or_create(slug=data["slug"], defaults=data)
    for order, data in enumerate(PARTNERS, start=1):
        Partner.objects.update_or_create(
            slug=data["slug"], defaults={**data, "sort_order": order * 10}
        )
    return categories, topics


def load_index_pages(home_page):
    pages = {}
    for model, title, slug, intro in INDEX_PAGES:
        pages[model], _created = _get_or_add_child(
            home_page, model, slug, title=title, intro=intro, show_in_menus=True
        )
    return pages


def load_seed_article(news_index, categories):
    paragraphs = seed_article_paragraphs()
    body = [("paragraph", _html_paragraph(text)) for text in paragraphs]
    body.append(
        (
            "quote",
            {
                "text": "Dengan begitu Sulawesi Selatan siap menjadi pusat Inovasi di kawasan "
                "timur Indonesia.",
                "attribution": "Abdul Hayat Gani, Sekretaris Provinsi Sulawesi Selatan",
            },
        )
    )
    article, _created = _get_or_add_child(
        news_index,
        NewsPage,
        "jipp-sulsel-dinilai-berhasil-perkuat-peran-provinsi",
        title="JIPP Sulsel Dinilai Berhasil Perkuat Peran Strategis Provinsi",
        date=datetime.date(2021, 3, 10),
        category=categories["Kebijakan"],
        summary="Sejak diluncurkan Maret 2018, Jaringan Inovasi Pelayanan Publik (JIPP) "
        "Sulsel dinilai berhasil memperkuat peran provinsi dalam pembinaan, pendampingan "
        "dan fasilitasi kabupaten/kota menuju One Agency One Innovation.",
        body=body,
        search_description="Evaluasi hub JIPP Sulsel bersama Sekprov Sulsel, 10 Maret 2021.",
    )
    _fill_missing(
        article,
        lead_image=_poster(
            "JIPP Sulsel dinilai berhasil", "Rapat evaluasi hub JIPP, 10 Maret 2021"
        ),
        lead_image_caption="Ilustrasi. Sumber berita: Tribun Timur, 10 Maret 2021.",
    )
    return article


def load_news(news_index, categories):
    for number, (title, category, summary) in enumerate(DEMO_NEWS, start=1):
        image = _poster(title, category)
        news, created = _get_or_add_child(
            news_index,
            NewsPage,
            slugify(title)[:80],
            title=title,
            date=datetime.date(2021, 1, 1) + datetime.timedelta(days=45 * number),
            category=categories[category],
            summary=summary,
            lead_image=image,
            body=[
                ("paragraph", _html_paragraph(summary)),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Konten contoh",
                        "text": "<p>Berita ini adalah contoh untuk demonstrasi portal.</p>",
                    },
                ),
            ],
            is_demo=True,
        )
        if created:
            # Child objects of a page are written when its revision is published.
            news.authors.add(NewsPageAuthor(name="Tim Komunikasi Biro Organisasi"))
            news.save_revision().publish()
        _fill_missing(news, lead_image=image)


def load_resources(resource_index, topics):
    for title, kind, topic, audience, level, minutes in DEMO_RESOURCES:
        resource, created = _get_or_add_child(
            resource_index,
            LearningResourcePage,
            slugify(title)[:80],
            title=title,
            resource_type=kind,
            audience=audience,
            level=level,
            duration_minutes=minutes,
            summary=f"{title}. Sumber belajar contoh dari pustaka JIPP Sulsel.",
            body=[
                ("heading", {"text": "Apa yang akan Anda pelajari", "size": "h2"}),
                ("paragraph", _html_paragraph(f"Materi tentang {topic.lower()}.")),
            ],
            is_demo=True,
        )
        if created:
            resource.topics.set([topics[topic]])
            resource.save_revision().publish()
        if not resource.documents.exists():
            resource.documents.add(LearningResourceDocument(document=_handout(title, topic)))
            resource.save_revision().publish()


def load_events(event_index):
    today = timezone.localdate()
    events = [
        (
            "Jambore Inovasi Pelayanan Publik Sulsel",
            "jambore",
            today + datetime.timedelta(days=40),
            2,
            "Anjungan Pantai Losari",
            "Jl. Penghibur, Makassar",
            "",
            500,
        ),
        (
            "Diskusi daring: menjaga inovasi tetap hidup",
            "diskusi",
            today + datetime.timedelta(days=12),
            0,
            "",
            "",
            "https://zoom.us/j/0000000000",
            300,
        ),
        (
            "Kaji tiru pelayanan terpadu ke Kota Parepare",
            "kaji_tiru",
            today + datetime.timedelta(days=25),
            1,
            "Mal Pelayanan Publik Kota Parepare",
            "Parepare",
            "",
            30,
        ),
        (
            "Bimtek penyusunan proposal inovasi angkatan II",
            "bimtek",
            today + datetime.timedelta(days=60),
            2,
            "Puslatbang KMP LAN",
            "Makassar",
            "",
            40,
        ),
        (
            "Pertukaran pegawai antar-puskesmas inovatif",
            "pertukaran_pegawai",
            today - datetime.timedelta(days=90),
            5,
            "Puskesmas Bantaeng",
            "Bantaeng",
            "",
            10,
        ),
        (
            "Penganugerahan Kompetisi Inovasi Pelayanan Publik Sulsel",
            "penganugerahan",
            today - datetime.timedelta(days=200),
            0,
            "Baruga Lounge Kantor Gubernur Sulsel",
            "Jl. Urip Sumoharjo, Makassar",
            "",
            200,
        ),
        (
            "Rapat evaluasi penyelenggaraan hub JIPP",
            "diskusi",
            datetime.date(2021, 3, 10),
            0,
            "Baruga Lounge Kantor Gubernur Sulsel",
            "Jl. Urip Sumoharjo, Makassar",
            "https://zoom.us/j/0000000001",
            None,
        ),
    ]
    for title, kind, day, extra_days, venue, address, online_url, capacity in events:
        start = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=WITA)
        end = datetime.datetime.combine(
            day + datetime.timedelta(days=extra_days), datetime.time(16, 0), tzinfo=WITA
        )
        image = _poster(title, EventPage.EventType(kind).label)
        event, _created = _get_or_add_child(
            event_index,
            EventPage,
            slugify(title)[:80],
            title=title,
            event_type=kind,
            start=start,
            end=end,
            venue=venue,
            address=address,
            online_url=online_url,
            capacity=capacity,
            summary=f"{title}. Kegiatan contoh JIPP Sulsel.",
            lead_image=image,
            body=[("paragraph", _html_paragraph("Agenda lengkap menyusul."))],
            is_demo=True,
        )
        _fill_missing(event, lead_image=image)


def load(home_page, stdout=None):
    """Create (or leave in place) the publications demo content under `home_page`."""
    categories, topics = load_taxonomies()
    pages = load_index_pages(home_page)
    load_seed_article(pages[NewsIndexPage], categories)
    load_news(pages[NewsIndexPage], categories)
    load_resources(pages[LearningResourceIndexPage], topics)
    load_events(pages[EventIndexPage])
    if stdout is not None:
        stdout.write(
            f"publications: {NewsPage.objects.count()} news, "
            f"{LearningResourcePage.objects.count()} resources, "
            f"{EventPage.objects.count()} events, {Regulation.objects.count()} regulations, "
            f"{Partner.objects.count()} partners\n"
        )
    return pages


# Fast generation for bench/


def _bulk_news(number, now):
    return NewsPage(
        title=f"Berita uji beban {number}",
        slug=f"berita-uji-{number}",
        date=(now - datetime.timedelta(hours=number)).date(),
        summary=f"Ringkasan berita uji beban nomor {number} tentang inovasi pelayanan publik.",
        body=[("paragraph", f"<p>Isi berita uji beban {number}.</p>")],
        is_demo=True,
    )


def _bulk_resource(number, now):
    types = LearningResourcePage.ResourceType.values
    audiences = LearningResourcePage.Audience.values
    return LearningResourcePage(
        title=f"Sumber belajar uji beban {number}",
        slug=f"sumber-belajar-uji-{number}",
        resource_type=types[number % len(types)],
        audience=audiences[number % len(audiences)],
        duration_minutes=15 + number % 120,
        summary=f"Ringkasan sumber belajar uji beban nomor {number}.",
        body=[("paragraph", f"<p>Isi sumber belajar {number}.</p>")],
        is_demo=True,
    )


def _bulk_event(number, now):
    start = now + datetime.timedelta(days=number % 365 - 180, hours=number % 8)
    return EventPage(
        title=f"Kegiatan uji beban {number}",
        slug=f"kegiatan-uji-{number}",
        event_type=EventPage.EventType.values[number % len(EventPage.EventType.values)],
        start=start,
        end=start + datetime.timedelta(hours=3),
        venue="Makassar",
        capacity=50,
        summary=f"Ringkasan kegiatan uji beban nomor {number}.",
        is_demo=True,
    )


BULK_BUILDERS = {
    NewsPage: _bulk_news,
    LearningResourcePage: _bulk_resource,
    EventPage: _bulk_event,
}


def bulk_pages(index_page, model, count):
    """Append `count` live `model` pages under `index_page`; returns how many were created.

    Paths are computed here instead of by treebeard's add_child (which reads the last
    child again for every page), and no revisions are written.
    """
    build = BULK_BUILDERS[model]
    index_page = Page.objects.get(pk=index_page.pk)
    last_child = index_page.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    offset = model.objects.filter(slug__regex=r"-uji-[0-9]+$").count()
    now = timezone.now()
    depth = index_page.depth + 1
    with transaction.atomic():
        for position in range(count):
            page = build(offset + position + 1, now)
            page.depth = depth
            page.path = Page._get_path(index_page.path, depth, first_step + position)
            page.numchild = 0
            page.live = True
            page.first_published_at = page.last_published_at = now
            page.url_path = f"{index_page.url_path}{page.slug}/"
            page.save(clean=False)
        Page.objects.filter(pk=index_page.pk).update(numchild=F("numchild") + count)
    return count
