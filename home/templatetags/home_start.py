"""The home page's first screen: search, "inovasi di daerah saya" and the main paths.

Read from the live pages and the region list, so it follows what editors publish; the
home page's shared cache (tag "catalogue" and ALL) drops it when those change.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.cache import CONTENT, derived, generation_key, tags_digest
from core.i18n import active_language, in_active_language, sources
from innovations.models import InnovationIndexPage, Region
from publications.models import EventIndexPage, NewsIndexPage

register = template.Library()


def _reverse(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def main_paths(catalogue_url, news_url, events_url):
    """(label, hint, url, icon) of each main path, leaving out those not published."""
    paths = []
    if catalogue_url:
        paths += [
            (_("Katalog inovasi"), _("Telusuri dan saring"), catalogue_url, "catalogue"),
            (_("Peta"), _("Sebaran per kabupaten/kota"), f"{catalogue_url}peta/", "map"),
            (
                _("Bandingkan"),
                _("Dua sampai empat inovasi"),
                f"{catalogue_url}bandingkan/",
                "compare",
            ),
        ]
    if news_url:
        paths.append((_("Berita"), _("Kabar terbaru"), news_url, "news"))
    if events_url:
        paths.append((_("Kegiatan"), _("Studi tiru dan pelatihan"), events_url, "events"))
    replication = _reverse("replication:finder")
    if replication:
        paths.append((_("Replikasi"), _("Tiru inovasi daerah lain"), replication, "replication"))
    complaints = _reverse("participation:report")
    if complaints:
        paths.append((_("Pengaduan"), _("Sampaikan keluhan layanan"), complaints, "complaints"))
    return paths


# Section pages are kept until the next publish of anything (the key carries the "content"
# token and the global generation), also when whole answers are not cached: on a restored
# database whose small tables were never analysed, PostgreSQL finds a section by walking
# every live page of the language first (about 45 ms each at 10,000 innovations).
SECTION_SECONDS = 24 * 60 * 60


def first_in_tree(pages, name):
    """The first of a few section pages in tree order, or None; `name` and the active
    language key the kept answer."""
    key = f"home:section:{name}:{active_language()}:{tags_digest(CONTENT)}"
    found = derived.get(key)
    if found is None:
        found = [min(pages.order_by(), key=lambda page: page.path, default=None)]
        derived.set(key, found, SECTION_SECONDS)
    return found[0]


def section(model):
    """The live section page (catalogue, news, events) in the language being read, or its
    Indonesian source where it has no translation yet."""
    pages = model.objects.live()
    name = model._meta.label_lower
    return first_in_tree(in_active_language(pages), name) or first_in_tree(
        sources(pages), f"{name}:source"
    )


@register.inclusion_tag("home/components/start.html", takes_context=True)
def home_start(context):
    request = context.get("request")

    def section_url(model):
        page = section(model)
        # With the request, Wagtail reads the sites' root paths once per request.
        return (page.get_url(request) or "") if page else ""

    catalogue_url = section_url(InnovationIndexPage)
    return {
        "catalogue_url": catalogue_url,
        "search_url": _reverse("search:search") or catalogue_url,
        # The regencies and cities, kept per generation (a region's edit starts a new one).
        "regions": derived.get_or_set(
            generation_key("home", "regions"),
            lambda: list(
                Region.objects.exclude(kind=Region.Kind.PROVINCE).values("name", "bps_code")
            ),
            SECTION_SECONDS,
        ),
        "paths": main_paths(catalogue_url, section_url(NewsIndexPage), section_url(EventIndexPage)),
    }
