import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from publications.seo import home_page_data

register = template.Library()

# JSON inside <script> must not be able to close the element or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _json_ld(data):
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 - escaped above for the script context
    )


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """schema.org JSON-LD for a page: a data block, never executed, allowed by the CSP."""
    if not hasattr(page, "structured_data"):
        return ""
    return _json_ld(page.structured_data(context.get("request")))


@register.simple_tag
def json_ld_data(data):
    """JSON-LD prepared by a view (sub-pages of routable pages)."""
    return _json_ld(data)


@register.simple_tag(takes_context=True)
def home_json_ld(context, page):
    """The GovernmentOrganization behind the portal, for the home page."""
    return _json_ld(home_page_data(page, context.get("request")))


@register.inclusion_tag("publications/includes/feed_links.html", takes_context=True)
def news_feed_links(context):
    """Feed autodiscovery links for pages outside the news section (the home page)."""
    from publications.models import NewsIndexPage

    if "news_index" in context:
        index = context["news_index"]
    else:
        index = NewsIndexPage.objects.live().first()
    return {"news_index": index, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL for Open Graph, built from the request's host."""
    request = context.get("request")
    if not url or url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def query_without(context, name, value=None):
    """The current query string without one filter value (or a whole parameter), for chips."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("halaman", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [v for v in query.getlist(name) if v != str(value)])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string pointing at another page of results."""
    query = context["request"].GET.copy()
    query["halaman"] = number
    return f"?{query.urlencode()}"
