"""Formatting and loading helpers for the catalogue's templates."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Site

from core.cache import rendered_once
from core.markup import escaped
from innovations.models import InnovationPage, KeptCard

register = template.Library()

CARD_TEMPLATE = "innovations/components/card.html"
CARD_SECONDS = 24 * 60 * 60


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
    page.prefetch_for_display()
    return ""


@register.simple_tag(takes_context=True)
def innovation_card(context, innovation, compare_form_id=""):
    """An innovation's card (a catalogue page shows twelve, an innovation page six).

    A card from `cached_cards` (a KeptCard) is rendered once per worker while the
    innovation's token and the generation are those it was read under: the HTML is kept in
    the worker's own memory (the "local" cache) under those tokens, the language, the site,
    the monitoring cutoff (the "needs update" badge moves with the date) and the compare
    form, and the card's page is not read at all while it is. Any other card (a preview's,
    one read elsewhere) is rendered every time."""
    request = context.get("request")

    def render(page):
        if page is None:  # unpublished since the list was read
            return ""
        values = {"innovation": page, "compare_form_id": compare_form_id, "request": request}
        return render_to_string(CARD_TEMPLATE, values)

    if not isinstance(innovation, KeptCard):
        return render(innovation)
    site = Site.find_for_request(request) if request is not None else None
    parts = (
        innovation.pk,
        *innovation.tokens,
        get_language(),
        site.pk if site else "",
        InnovationPage.monitoring_cutoff().isoformat(),
        compare_form_id,
    )
    key = "innovations:card-html:" + ":".join(map(str, parts))
    return rendered_once(key, lambda: render(innovation.page()), CARD_SECONDS)


@register.simple_tag
def kept_image(image, spec, **attrs):
    """Wagtail's `{% image image spec attr=value %}` for an image read with its renditions
    (the case study's kept gallery, InnovationPage.prefetch_kept_relations): Wagtail's tag
    writes the rendition back to its cache on every view, a pickle per image, where
    get_renditions leaves one that came with the image."""
    return get_renditions_or_not_found(image, [spec])[spec].img_tag(attrs)


@register.simple_tag
def related_innovations(page, limit=3):
    return page.similar_innovations(limit)


@register.simple_tag
def facet_options(facet, noun):
    """The checkboxes of a catalogue facet's visible options. Built here rather than in a
    template loop (a page lists about 130 of them: through the template engine they were a
    fifth of an uncached catalogue page), with the facet's own parts escaped once and each
    option's value, label and count escaped as format_html would."""
    name, noun, facet_name = escaped(facet.parameter), escaped(noun), escaped(facet.name)
    prefix = f"f-{facet_name}-"
    rows = []
    for number, option in enumerate(facet.visible_options, start=1):
        checked = " checked" if option.selected else ""
        rows.append(
            f'<p class="facet__option"><input type="checkbox" name="{name}"'
            f' value="{escaped(option.value)}" id="{prefix}{number}"{checked}>'
            f'<label for="{prefix}{number}">{escaped(option.label)}'
            f' <span class="facet__count">{escaped(option.count)}'
            f'<span class="visually-hidden"> {noun}</span></span></label></p>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every part escaped above
