"""Formatting and loading helpers for the catalogue's templates."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


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


@register.simple_tag
def related_innovations(page, limit=3):
    return page.similar_innovations(limit)


FACET_OPTION = (
    '<p class="facet__option"><input type="checkbox" name="{name}" value="{value}" id="{id}"'
    '{checked}><label for="{id}">{label} <span class="facet__count">{count}'
    '<span class="visually-hidden"> {noun}</span></span></label></p>'
)


@register.simple_tag
def facet_options(facet, noun):
    """The checkboxes of a catalogue facet's visible options. Built here rather than in a
    template loop: a page lists about 130 of them, and through the template engine they were
    a fifth of an uncached catalogue page."""
    return format_html_join(
        "\n",
        FACET_OPTION,
        (
            {
                "name": facet.parameter,
                "value": option.value,
                "id": f"f-{facet.name}-{number}",
                "checked": mark_safe(" checked") if option.selected else "",
                "label": option.label,
                "count": option.count,
                "noun": noun,
            }
            for number, option in enumerate(facet.visible_options, start=1)
        ),
    )
