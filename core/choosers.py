"""Choosers that search plain columns with the ORM (issue 19 item 5).

Wagtail's snippet chooser searches through the search backend's autocomplete index, which
for the taxonomies holds only the name: "Dukcapil" or "BPBD" found no agency although the
acronym is stored, and rows loaded by migrations may not be indexed at all. A short
taxonomy is searched directly in its columns instead (case-insensitive substring).
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet


class ColumnSearchFilterForm(BaseFilterForm):
    search_columns = ()
    placeholder = _("Cari")

    q = forms.CharField(label=_("Cari"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = self.placeholder

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q()
            for column in self.search_columns:
                condition |= Q(**{f"{column}__icontains": query})
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


def column_search_chooser(*columns, placeholder=None):
    """A snippet chooser viewset class whose search box matches these columns."""
    form = type(
        "ColumnSearchFilterForm",
        (ColumnSearchFilterForm,),
        {
            "search_columns": columns,
            "placeholder": placeholder or ColumnSearchFilterForm.placeholder,
        },
    )
    return type(
        "ColumnSearchChooserViewSet",
        (SnippetChooserViewSet,),
        {
            "choose_view_class": type("ChooseView", (ChooseView,), {"filter_form_class": form}),
            "choose_results_view_class": type(
                "ChooseResultsView", (ChooseResultsView,), {"filter_form_class": form}
            ),
        },
    )
