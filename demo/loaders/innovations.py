"""The agencies and illustrated innovations of demo/data/innovations.yaml,
published as case studies under the catalogue, and the home page's picks among them.

Each innovation gets a hero picture in the colour of its first SDG, two gallery pictures
and a one-page SOP (PDF), all drawn from its title (demo/media.py).
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from demo import datafiles
from demo.indexing import indexing_deferred
from demo.media import (
    demo_collection,
    draw_poster,
    draw_sop_pdf,
    get_or_create_document,
    get_or_create_image,
)
from home.models import HomePage, HomePageFeaturedInnovation
from innovations import models
from publications.models import Regulation

GALLERY_COLOURS = ["#1F618D", "#117A65", "#B03A2E", "#7D6608", "#6C3483"]
# Fields an innovation in the data file carries under the model's own name.
PAGE_FIELDS = (
    "tagline",
    "summary",
    "form",
    "initiator",
    "stage",
    "status",
    "launched_on",
    "trial_started_on",
    "implemented_on",
    "website",
    "video_url",
    "problem",
    "approach",
    "results",
    "beneficiaries",
    "beneficiaries_count",
    "lessons_learned",
    "sustainability",
    "cost",
    "budget_source",
    "how_to_replicate",
)


def load(stdout):
    data = datafiles.read("innovations")
    agencies = load_agencies(data["agencies"])
    catalogue = models.InnovationIndexPage.objects.get(locale__language_code="id")
    created = load_innovations(catalogue, data["innovations"])
    home = HomePage.objects.get(locale__language_code="id")  # the English home is its translation
    if not home.featured_innovations.exists():
        feature(home, catalogue, data["featured_on_home"])
    stdout.write(f"innovations: {created} created, {len(agencies)} agencies\n")
    return created


def load_agencies(rows):
    """Create the agencies that are missing; returns all of them."""
    regions = {region.bps_code: region for region in models.Region.objects.all()}
    return [
        models.Agency.objects.get_or_create(
            slug=slugify(row["name"])[:200],
            defaults={**row, "region": regions[row["region"]]},
        )[0]
        for row in rows
    ]


def references():
    """What innovations name by natural key, looked up once."""
    return SimpleNamespace(
        agencies={agency.acronym: agency for agency in models.Agency.objects.all()},
        regions={region.bps_code: region for region in models.Region.objects.all()},
        sectors={sector.slug: sector for sector in models.Sector.objects.all()},
        sdgs={goal.number: goal for goal in models.SustainableDevelopmentGoal.objects.all()},
        awards={award.slug: award for award in models.Award.objects.all()},
        regulations={regulation.slug: regulation for regulation in Regulation.objects.all()},
        collection=demo_collection(),
    )


def load_innovations(catalogue, items):
    existing = set(models.InnovationPage.objects.child_of(catalogue).values_list("slug", flat=True))
    refs = references()
    created = 0
    indexed = (models.InnovationPage, get_image_model(), get_document_model())
    with indexing_deferred(*indexed) as to_index:
        for index, item in enumerate(items):
            if slugify(item["title"]) in existing:
                continue
            page = build(index, item, refs)
            catalogue.add_child(instance=page)
            page.save_revision().publish()
            to_index.append(page)
            to_index += [item.image for item in page.gallery_images.all()]
            to_index += [item.document for item in page.documents.all()]
            created += 1
    return created


def build(index, item, refs):
    """An unsaved InnovationPage with its related rows, from one entry of the data file."""
    title = item["title"]
    agency = refs.agencies[item["agency"]]
    contact = item["contact"]
    prerequisites = item["prerequisites"]
    first_day = item.get("implemented_on") or item.get("trial_started_on") or item["launched_on"]
    page = models.InnovationPage(
        title=title,
        slug=slugify(title),
        agency=agency,
        is_digital=item["digital"],
        regulation_prerequisites=prerequisites["regulation"],
        staff_prerequisites=prerequisites["staff"],
        budget_prerequisites=prerequisites["budget"],
        infrastructure_prerequisites=prerequisites["infrastructure"],
        contact_name=contact["name"],
        contact_role=contact["role"],
        contact_email=contact["email"],
        contact_phone=contact["phone"],
        is_demo=True,
        live=False,
        first_published_at=timezone.make_aware(
            datetime.datetime.combine(first_day, datetime.time(9))
        ),
        **{name: item[name] for name in PAGE_FIELDS if name in item},
    )
    page.regions = [refs.regions[code] for code in item["regions"]]
    page.sectors = [refs.sectors[slug] for slug in item["sectors"]]
    page.sdgs = [refs.sdgs[number] for number in item["sdgs"]]
    page.regulations = [refs.regulations[slug] for slug in item["regulations"]]
    page.steps = [
        models.InnovationStep(sort_order=order, **step) for order, step in enumerate(item["steps"])
    ]
    page.key_figures = [
        key_figure(order, figure) for order, figure in enumerate(item["key_figures"])
    ]
    page.replications = [
        replication(order, record, refs)
        for order, record in enumerate(item.get("replications", []))
    ]
    page.awards = [
        models.InnovationAward(
            award=refs.awards[award["award"]],
            year=award["year"],
            rank=award["rank"],
            sort_order=order,
        )
        for order, award in enumerate(item.get("awards", []))
    ]
    # No hero image: a drawn poster is no photo; the site shows the sector's pictogram.
    page.gallery_images = gallery(index, title, item["gallery"], refs.collection)
    steps = [step["title"] for step in item["steps"]]
    page.documents = [sop(title, agency, steps, item["launched_on"].year, refs.collection)]
    page.tags.add(*item["tags"])
    return page


def key_figure(order, figure):
    """A key figure; `kind: target` in the data marks a target rather than a result."""
    figure = {
        **figure,
        "value": Decimal(str(figure["value"])),
        "baseline": Decimal(str(figure["baseline"])),
    }
    return models.InnovationKeyFigure(sort_order=order, **figure)


def replication(order, record, refs):
    agency = record.get("agency")
    return models.InnovationReplication(
        region=refs.regions[record["region"]],
        agency=refs.agencies[agency] if agency else None,
        adopter_name=record.get("adopter_name", ""),
        year=record["year"],
        status=record["status"],
        note=record.get("note", ""),
        sort_order=order,
    )


def gallery(index, title, captions, collection):
    images = []
    for order, caption in enumerate(captions):
        picture = f"{title} – galeri {order + 1}"
        colour = GALLERY_COLOURS[(index + order) % len(GALLERY_COLOURS)]
        image = get_or_create_image(
            picture,
            collection,
            lambda picture=picture, colour=colour, caption=caption: draw_poster(
                picture, colour, size=(960, 640), subtitle=caption
            ),
            f"{slugify(title)[:50]}-galeri-{order + 1}.jpg",
        )
        images.append(models.InnovationGalleryImage(image=image, caption=caption, sort_order=order))
    return images


def sop(title, agency, steps, year, collection):
    document = get_or_create_document(
        f"SOP {title}",
        collection,
        lambda: draw_sop_pdf(title, agency.name, steps, year),
        f"sop-{slugify(title)[:60]}.pdf",
    )
    return models.InnovationDocument(document=document, kind=models.InnovationDocument.Kind.SOP)


def feature(home, catalogue, slugs):
    """Pick the editors' choice on the home page, published as a revision like an edit."""
    pages = {page.slug: page for page in models.InnovationPage.objects.child_of(catalogue)}
    home.featured_innovations = [
        HomePageFeaturedInnovation(innovation=pages[slug], sort_order=order)
        for order, slug in enumerate(slugs)
        if slug in pages
    ]
    home.save_revision().publish()
