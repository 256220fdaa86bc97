"""The learning-resource library's filters: a GET form whose URLs can be shared.

In the style of OECD OPSI's toolkit navigator: several values per facet (OR inside a
facet, AND across facets) and a count beside every value, computed with the other
facets applied, in one query per facet whatever the number of resources.
"""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import LearningResourcePage, ResourceTopic

Audience = LearningResourcePage.Audience


class ResourceFilterForm(forms.Form):
    jenis = forms.MultipleChoiceField(
        label=_("Jenis"),
        choices=LearningResourcePage.ResourceType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topik = forms.MultipleChoiceField(
        label=_("Topik"), required=False, widget=forms.CheckboxSelectMultiple
    )
    sasaran = forms.MultipleChoiceField(
        label=_("Sasaran pembaca"),
        choices=[choice for choice in Audience.choices if choice[0] != Audience.EVERYONE],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tingkat = forms.MultipleChoiceField(
        label=_("Tingkat"),
        choices=LearningResourcePage.Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    error_messages = {
        "invalid_choice": _(
            "Pilihan “%(value)s” tidak dikenal; filter ini diabaikan. Pilih dari daftar."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topik"].choices = list(ResourceTopic.objects.values_list("slug", "name"))
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = self.error_messages["invalid_choice"]

    def selected(self, name):
        if not self.is_bound:
            return []
        self.is_valid()
        return self.cleaned_data.get(name) or []

    def _apply(self, queryset, skip=None):
        if skip != "jenis" and self.selected("jenis"):
            queryset = queryset.filter(resource_type__in=self.selected("jenis"))
        if skip != "topik" and self.selected("topik"):
            queryset = queryset.filter(
                pk__in=LearningResourcePage.topics.through.objects.filter(
                    resourcetopic__slug__in=self.selected("topik")
                ).values("learningresourcepage_id")
            )
        if skip != "sasaran" and self.selected("sasaran"):
            # Resources for everyone belong in every audience's results.
            queryset = queryset.filter(audience__in=[*self.selected("sasaran"), Audience.EVERYONE])
        if skip != "tingkat" and self.selected("tingkat"):
            queryset = queryset.filter(level__in=self.selected("tingkat"))
        return queryset

    def filter(self, queryset):
        return self._apply(queryset)

    def facets(self, queryset):
        """[(field, [(value, label, count, checked), ...]), ...] for the navigator."""
        counts = {
            "jenis": self._counts(self._apply(queryset, "jenis"), "resource_type"),
            "sasaran": self._counts(self._apply(queryset, "sasaran"), "audience"),
            "tingkat": self._counts(self._apply(queryset, "tingkat"), "level"),
            "topik": dict(
                ResourceTopic.objects.filter(
                    resources__in=self._apply(queryset, "topik").values("pk")
                )
                .values_list("slug")
                .annotate(n=Count("resources"))
            ),
        }
        everyone = counts["sasaran"].get(Audience.EVERYONE, 0)
        facets = []
        for name in ("jenis", "topik", "sasaran", "tingkat"):
            selected = set(self.selected(name))
            options = []
            for value, label in self.fields[name].choices:
                count = counts[name].get(value, 0)
                if name == "sasaran":
                    count += everyone
                options.append((value, label, count, value in selected))
            facets.append((self[name], options))
        return facets

    @staticmethod
    def _counts(queryset, field):
        return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
