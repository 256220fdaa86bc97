"""Multi-value query parameters, read the same way by every filter of the portal.

A parameter may be repeated (?sector=a&sector=b, what an HTML form sends) or carry a
comma-separated list (?sector=a,b, what API clients write); identifiers never contain a
comma. Values are stripped and de-duplicated in order.
"""

import django_filters
from django import forms

MAX_VALUES = 40
MAX_VALUE_LENGTH = 100


def split_values(data, name):
    values = []
    for raw in data.getlist(name):
        values.extend(part.strip() for part in raw.split(","))
    return list(dict.fromkeys(value for value in values if value))


def values_are_bounded(values):
    """Whether a list of values stays inside the limits every filter accepts."""
    return len(values) <= MAX_VALUES and all(
        len(value) <= MAX_VALUE_LENGTH and "\x00" not in value for value in values
    )


class ValuesWidget(forms.SelectMultiple):
    def value_from_datadict(self, data, files, name):
        return split_values(data, name)


class ChoiceValuesFilter(django_filters.MultipleChoiceFilter):
    """?name=a,b on a field with fixed choices."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", ValuesWidget)
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def allowed_values(self):
        return [str(value) for value, _label in self.extra["choices"]]


class RelatedValuesFilter(django_filters.ModelMultipleChoiceFilter):
    """?name=slug1,slug2 on a related model found by `to_field_name`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", ValuesWidget)
        super().__init__(*args, **kwargs)

    def allowed_values(self):
        key = self.extra["to_field_name"]
        return [str(value) for value in self.queryset.values_list(key, flat=True)]
