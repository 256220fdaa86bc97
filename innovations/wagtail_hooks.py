from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.choosers import column_search_chooser

from .models import Agency, Award, Region, Sector, SustainableDevelopmentGoal


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "bps_code", "kind", "seat"]
    list_filter = ["kind"]
    search_fields = ["name", "bps_code"]
    chooser_viewset_class = column_search_chooser("name", "bps_code", "seat")
    # The database search backend knows only the model's index, not these columns
    # (500 "no such column"); the ORM searches them directly and needs no index rows.
    search_backend_name = None


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    list_display = ["name", "acronym", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "acronym"]
    chooser_viewset_class = column_search_chooser(
        "name", "acronym", placeholder=_("Nama atau singkatan, mis. Dukcapil")
    )
    # The database search backend knows only the model's index, not these columns
    # (500 "no such column"); the ORM searches them directly and needs no index rows.
    search_backend_name = None


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    list_display = ["name"]
    search_fields = ["name"]
    chooser_viewset_class = column_search_chooser("name")
    # The database search backend knows only the model's index, not these columns
    # (500 "no such column"); the ORM searches them directly and needs no index rows.
    search_backend_name = None


class SDGViewSet(SnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    list_display = ["number", "name", "colour"]


class AwardViewSet(SnippetViewSet):
    model = Award
    icon = "pick"
    list_display = ["name", "short_name", "level", "organiser"]
    list_filter = ["level"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = [RegionViewSet, AgencyViewSet, SectorViewSet, SDGViewSet, AwardViewSet]
    menu_icon = "tag"
    menu_label = _("Taksonomi")
    menu_name = "taxonomies"


register_snippet(TaxonomyViewSetGroup)
