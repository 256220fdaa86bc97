"""Formatting and loading helpers for the catalogue's templates."""

from django import template

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
