"""Figures the home page reports about the network."""

from django.db.models import Exists, OuterRef

from core.cache import derived, tags_digest
from core.i18n import active_language, in_active_language, sources
from innovations.models import Agency, InnovationPage, Region


def key_figures():
    """Innovations, agencies, regions covered and One Agency One Innovation coverage."""
    live = sources(InnovationPage.objects.live())
    innovation_count = live.count()
    agencies = Agency.objects.annotate(has_innovation=Exists(live.filter(agency=OuterRef("pk"))))
    agency_count = agencies.count()
    innovating_agencies = agencies.filter(has_innovation=True).count()
    local_regions = Region.objects.exclude(kind=Region.Kind.PROVINCE)
    regions_covered = local_regions.filter(
        Exists(
            InnovationPage.regions.through.objects.filter(
                region=OuterRef("pk"), innovationpage__in=live.values("pk")
            )
        )
    ).count()
    return {
        "innovations": innovation_count,
        "agencies": agency_count,
        "regions_covered": regions_covered,
        "regions_total": local_regions.count(),
        "agency_coverage_percent": round(100 * innovating_agencies / agency_count)
        if agency_count
        else 0,
    }


# The innovations the home page features are kept per catalogue publish (and per global
# generation: a home publish or a taxonomy edit renews it), also when whole answers are not
# cached: topping up with the newest orders every live innovation, and every change to an
# innovation's row renews the catalogue's token, so the kept rows are never stale.
FEATURED_SECONDS = 24 * 60 * 60


def featured_innovations(home_page, limit=3):
    """The editors' choice, topped up with the newest live innovations."""
    key = f"home:featured:{home_page.pk}:{limit}:{active_language()}:{tags_digest('catalogue')}"
    result = derived.get(key)
    if result is None:
        queryset = in_active_language(InnovationPage.objects.live()).select_related(
            "agency", "hero_image"
        )
        result = choose_featured(home_page, queryset, limit)
        derived.set(key, result, FEATURED_SECONDS)
    return result


def choose_featured(home_page, queryset, limit):
    chosen_ids = list(
        home_page.featured_innovations.values_list("innovation_id", flat=True)[:limit]
    )
    chosen = {page.pk: page for page in queryset.filter(pk__in=chosen_ids)}
    result = [chosen[pk] for pk in chosen_ids if pk in chosen]
    if len(result) < limit:
        result += list(
            queryset.exclude(pk__in=chosen_ids).order_by("-first_published_at")[
                : limit - len(result)
            ]
        )
    return result
