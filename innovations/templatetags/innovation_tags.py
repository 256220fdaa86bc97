"""Formatting and structured data for the catalogue's templates."""

import json

from django import template
from django.utils.html import mark_safe

register = template.Library()

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def rupiah(value):
    """12500000 -> 'Rp12.500.000' (Indonesian digit grouping)."""
    if value is None or value == "":
        return ""
    return "Rp" + f"{int(value):,}".replace(",", ".")


@register.filter
def number_id(value):
    """A key-figure value with Indonesian separators and no trailing zero decimals."""
    if value is None or value == "":
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@register.simple_tag(takes_context=True)
def innovation_json_ld(context, page):
    """schema.org description of an innovation as a government service, for search engines."""
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "serviceType": page.get_form_display(),
        "provider": {
            "@type": "GovernmentOrganization",
            "name": page.agency.name,
        },
        "areaServed": [
            {"@type": "AdministrativeArea", "name": str(region), "identifier": region.bps_code}
            for region in page.regions.all()
        ],
        "category": [sector.name for sector in page.sectors.all()],
        "dateCreated": page.launched_on.isoformat() if page.launched_on else None,
        "dateModified": page.last_published_at.isoformat() if page.last_published_at else None,
        "inLanguage": "id",
    }
    if page.agency.acronym:
        data["provider"]["alternateName"] = page.agency.acronym
    image_url = context.get("og_image_url")
    if image_url:
        data["image"] = image_url
    if page.tagline:
        data["slogan"] = page.tagline
    data["award"] = [str(award) for award in page.awards.all()]
    data = {key: value for key, value in data.items() if value not in (None, [], "")}
    encoded = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{encoded}</script>')  # noqa: S308


@register.simple_tag
def stage_step(page, stage):
    """'done', 'current' or 'todo' for a stage on the timeline."""
    order = ["inisiatif", "uji_coba", "penerapan"]
    here, there = order.index(page.stage), order.index(stage)
    if there < here:
        return "done"
    return "current" if there == here else "todo"


@register.simple_tag
def prefetch_innovation(page):
    """Load the page's relations in a fixed number of queries; renders nothing.

    Used inside the page's cached fragments, so the queries run only on a cache miss.
    """
    from innovations.views import prefetch_innovation as prefetch

    prefetch(page)
    return ""


@register.simple_tag
def related_innovations(page, limit=3):
    from innovations.views import related_innovations as related

    return related(page, limit)
