"""Fast `get_FOO_display()` for models whose choice labels show on public pages."""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class ChoiceLabelsMixin:
    """`get_FOO_display()` with each field's {value: label} built once per process.

    Django builds that dict on every call, hashing every (value, lazy label) pair, which
    translates each label: about 15-30 us a call, and a case study shows some twenty.
    Fields whose choices are a callable (evaluated each time) keep Django's own."""

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_choice_labels")
        if labels is None:
            if not isinstance(field.choices, list | tuple):
                return super()._get_FIELD_display(field)
            labels = {make_hashable(value): label for value, label in field.flatchoices}
            field._choice_labels = labels
        value = getattr(self, field.attname)
        # force_str() to coerce lazy strings, as Django does.
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
