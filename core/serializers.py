"""API serializer fields that every domain app's field list may use.

Domain apps name the fields the public API shows in their own `api.py`; the endpoints
that serve them live in the `api` app, which imports the domain apps. Fields shared by
more than one domain app live here, below both.
"""

from rest_framework.fields import Field
from wagtail.api import APIField


class ChoiceWithLabelField(Field):
    """A stored choice value with its Indonesian label: {"value": ..., "label": ...}."""

    def __init__(self, field_name, **kwargs):
        self.model_field_name = field_name
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        value = getattr(instance, self.model_field_name)
        if not value:
            return None
        # The label of a value is the same for every item of a response (one language).
        labels = self.context.setdefault("_choice_labels", {})
        key = (type(instance), self.model_field_name, value)
        if key not in labels:
            labels[key] = {
                "value": value,
                "label": str(getattr(instance, f"get_{self.model_field_name}_display")()),
            }
        return labels[key]


def choice(name):
    return APIField(name, serializer=ChoiceWithLabelField(name))
