"""Wagtail's page, image and document bulk actions, minus what a scoped person may not see.

Wagtail lists the items a person may not act on by title ("you don't have permission to
..."), which shows the draft titles of other agencies' pages and their media. For people
scoped to agencies those items are dropped silently instead.
"""

from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction as PageDelete
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction as PageMove
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction as PagePublish
from wagtail.admin.views.pages.bulk_actions.unpublish import (
    UnpublishBulkAction as PageUnpublish,
)
from wagtail.documents.views.bulk_actions.add_tags import AddTagsBulkAction as DocumentTags
from wagtail.documents.views.bulk_actions.add_to_collection import (
    AddToCollectionBulkAction as DocumentCollection,
)
from wagtail.documents.views.bulk_actions.delete import DeleteBulkAction as DocumentDelete
from wagtail.images.views.bulk_actions.add_tags import AddTagsBulkAction as ImageTags
from wagtail.images.views.bulk_actions.add_to_collection import (
    AddToCollectionBulkAction as ImageCollection,
)
from wagtail.images.views.bulk_actions.delete import DeleteBulkAction as ImageDelete
from wagtail.models import Page
from wagtail.permissions import policy_registry

from . import access, scoping


def _visible(user, obj):
    if isinstance(obj, Page):
        if not scoping.is_scoped_page(obj):
            return True
        return access.serves(user, scoping.agency_id_of(obj))
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], obj)


class ScopedMixin:
    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        if access.is_agency_scoped(user):
            extra["items_with_no_access"] = [
                obj for obj in extra["items_with_no_access"] if _visible(user, obj)
            ]
        return objects, extra


SCOPED_BULK_ACTIONS = [
    type(
        f"Scoped{base.__module__.split('.')[1].title()}{base.__name__}",
        (ScopedMixin, base),
        {},
    )
    for base in (
        PageDelete,
        PageMove,
        PagePublish,
        PageUnpublish,
        ImageDelete,
        ImageTags,
        ImageCollection,
        DocumentDelete,
        DocumentTags,
        DocumentCollection,
    )
]
