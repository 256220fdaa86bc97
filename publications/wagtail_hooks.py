from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Partner, Regulation


class RegulationViewSet(SnippetViewSet):
    model = Regulation
    icon = "doc-full"
    list_display = ["title", "kind", "number", "year"]
    list_filter = ["kind", "year"]
    search_fields = ["title", "number"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]


register_snippet(RegulationViewSet)
register_snippet(PartnerViewSet)
