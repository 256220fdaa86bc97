"""The publications demo (demo/data/publications.yaml): index pages, taxonomies,
regulations, partners, news, learning resources, events and the source article.

The source article is published in full as real news; everything else is illustrative and
flagged `is_demo`. Every object is looked up by its slug first.
"""

import datetime
import re
import zoneinfo

from django.utils import timezone
from django.utils.text import slugify

from demo import datafiles
from demo.media import (
    demo_collection,
    draw_poster,
    draw_sop_pdf,
    get_or_create_document,
    get_or_create_image,
)
from demo.pages import fill_missing, get_or_add_child, paragraph, save_changed
from home.models import HomePage
from publications import models

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def load(stdout):
    data = datafiles.read("publications")
    categories, topics = load_taxonomies(data)
    pages = load_index_pages(HomePage.objects.get(locale__language_code="id"), data["index_pages"])
    news_index = pages["NewsIndexPage"]
    load_seed_article(news_index, categories, data["seed_article"])
    load_news(news_index, categories, data["news"])
    load_resources(pages["LearningResourceIndexPage"], topics, data["resources"])
    load_events(pages["EventIndexPage"], data["events"])
    stdout.write(
        f"publications: {models.NewsPage.objects.count()} news, "
        f"{models.LearningResourcePage.objects.count()} resources, "
        f"{models.EventPage.objects.count()} events, "
        f"{models.Regulation.objects.sources().count()} regulations, "
        f"{models.Partner.objects.sources().count()} partners\n"
    )


def load_taxonomies(data):
    categories = {
        name: models.NewsCategory.objects.get_or_create(
            slug=slugify(name), defaults={"name": name}
        )[0]
        for name in data["news_categories"]
    }
    topics = {
        topic["name"]: models.ResourceTopic.objects.get_or_create(
            slug=slugify(topic["name"]), defaults=topic
        )[0]
        for topic in data["resource_topics"]
    }
    for regulation in data["regulations"]:
        save_source(models.Regulation, regulation)
    for order, partner in enumerate(data["partners"], start=1):
        save_source(models.Partner, {**partner, "sort_order": order * 10})
    return categories, topics


def save_source(model, values):
    """Create or update the Indonesian row of a translatable snippet by its slug; saved only
    when a value differs, so a second run does not mark its English translation out of date
    (localisation/status.py compares the rows' save times)."""
    row = model.objects.sources().filter(slug=values["slug"]).first() or model()
    return save_changed(row, values)


def load_index_pages(home_page, index_pages):
    """The index pages under the home page, keyed by their model's name."""
    pages = {}
    for fields in index_pages:
        fields = dict(fields)
        model_name = fields.pop("model")
        pages[model_name], _created = get_or_add_child(
            home_page,
            getattr(models, model_name),
            fields.pop("slug"),
            show_in_menus=True,
            **fields,
        )
    return pages


def poster(title, subtitle):
    return get_or_create_image(
        title,
        demo_collection(),
        lambda: draw_poster(title, None, subtitle=str(subtitle)),
        f"{slugify(title)[:60]}.jpg",
    )


def handout(title, topic):
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


def article_paragraphs(text):
    """Rejoin the article's hard-wrapped lines: a block that ends mid-sentence continues."""
    # The file starts with a metadata marker ("date 2021-03") before the dateline.
    text = re.sub(r"^\s*date\s+\d{4}-\d{2}\s+", "", text)
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
    paragraphs = []
    for block in blocks:
        if paragraphs and not re.search(r"[.!?\"”]$", paragraphs[-1]):
            paragraphs[-1] = f"{paragraphs[-1]} {block}"
        else:
            paragraphs.append(block)
    return paragraphs


def load_seed_article(news_index, categories, seed):
    text = (datafiles.DATA_DIR / seed["text"]).read_text(encoding="utf-8")
    body = [("paragraph", paragraph(text)) for text in article_paragraphs(text)]
    body.append(("quote", seed["quote"]))
    article, _created = get_or_add_child(
        news_index,
        models.NewsPage,
        seed["slug"],
        title=seed["title"],
        date=seed["date"],
        category=categories[seed["category"]],
        summary=seed["summary"],
        body=body,
        search_description=seed["search_description"],
    )
    image = seed["lead_image"]
    fill_missing(
        article,
        lead_image=poster(image["title"], image["subtitle"]),
        lead_image_caption=image["caption"],
    )
    return article


def load_news(news_index, categories, news_items):
    for number, item in enumerate(news_items, start=1):
        title, category, summary = item["title"], item["category"], item["summary"]
        image = poster(title, category)
        news, created = get_or_add_child(
            news_index,
            models.NewsPage,
            slugify(title)[:80],
            title=title,
            date=datetime.date(2021, 1, 1) + datetime.timedelta(days=45 * number),
            category=categories[category],
            summary=summary,
            lead_image=image,
            body=[
                ("paragraph", paragraph(summary)),
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
            news.authors.add(models.NewsPageAuthor(name="Tim Komunikasi Biro Organisasi"))
            news.save_revision().publish()
        fill_missing(news, lead_image=image)


def load_resources(resource_index, topics, resources):
    for item in resources:
        title, topic = item["title"], item["topic"]
        resource, created = get_or_add_child(
            resource_index,
            models.LearningResourcePage,
            slugify(title)[:80],
            title=title,
            resource_type=item["type"],
            audience=item["audience"],
            level=item["level"],
            duration_minutes=item["minutes"],
            summary=f"{title}. Sumber belajar contoh dari pustaka JIPP Sulsel.",
            body=[
                ("heading", {"text": "Apa yang akan Anda pelajari", "size": "h2"}),
                ("paragraph", paragraph(f"Materi tentang {topic.lower()}.")),
            ],
            is_demo=True,
        )
        if created:
            resource.topics.set([topics[topic]])
            resource.save_revision().publish()
        if not resource.documents.exists():
            resource.documents.add(models.LearningResourceDocument(document=handout(title, topic)))
            resource.save_revision().publish()


def load_events(event_index, events):
    today = timezone.localdate()
    for item in events:
        title, kind = item["title"], item["type"]
        day = item.get("date") or today + datetime.timedelta(days=item["days_from_today"])
        start = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=WITA)
        last_day = day + datetime.timedelta(days=item.get("days", 0))
        end = datetime.datetime.combine(last_day, datetime.time(16, 0), tzinfo=WITA)
        image = poster(title, models.EventPage.EventType(kind).label)
        event, _created = get_or_add_child(
            event_index,
            models.EventPage,
            slugify(title)[:80],
            title=title,
            event_type=kind,
            start=start,
            end=end,
            venue=item.get("venue", ""),
            address=item.get("address", ""),
            online_url=item.get("online_url", ""),
            capacity=item.get("capacity"),
            summary=f"{title}. Kegiatan contoh JIPP Sulsel.",
            lead_image=image,
            body=[("paragraph", paragraph("Agenda lengkap menyusul."))],
            is_demo=True,
        )
        fill_missing(event, lead_image=image)
