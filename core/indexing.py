"""Search index builds that read related rows in batches.

modelsearch's default `get_indexed_objects` prefetches the many-to-many relations that
`index.RelatedFields` name, except modelcluster's ParentalManyToManyField (Wagtail pages'
form-editable many-to-many): for those, every object indexed ran one query per relation.
"""

from modelcluster.fields import ParentalManyToManyField
from wagtail.search import index


def parental_relations(model):
    """Names of the ParentalManyToManyFields that `model`'s RelatedFields index."""
    names = []
    for field in model.get_search_fields():
        if not isinstance(field, index.RelatedFields):
            continue
        model_field = model._meta.get_field(field.field_name)
        if isinstance(model_field, ParentalManyToManyField):
            names.append(field.field_name)
    return names


class PrefetchedIndexMixin:
    """A page or snippet whose index build prefetches every many-to-many it indexes, so
    indexing a chunk of objects costs a constant number of queries."""

    @classmethod
    def get_indexed_objects(cls):
        queryset = super().get_indexed_objects()
        names = parental_relations(cls)
        return queryset.prefetch_related(*names) if names else queryset
