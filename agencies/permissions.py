"""Agency-scoped permissions for pages, images and documents.

The rule, for people scoped to agencies (officers and verifiers; not moderators or
superusers): on a page owned by an agency (agencies.scoping) they may edit it if they serve
that agency, and may do nothing else with it, whatever the page tree grants; on other pages
the tree permissions apply as usual (officers hold "add" on the catalogue). Publishing,
unpublishing, moving and locking are never theirs. Every admin door reads the rule from here:
the page permission tester (edit, history, revisions, preview, copy, delete, workflow
actions, comments, bulk actions) and the page permission policy (explorer, search, reports,
dashboard, audit log).
"""

from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, PagePermissionTester
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import access, scoping
from .models import AgencyCollection
from .roles import MODERATORS, OFFICERS, VERIFIERS

# What a scoped person may do with a page of an agency they serve.
SERVED_PAGE_ACTIONS = frozenset({"change"})


def _scoped_page_actions(user, page):
    """The actions a scoped user has on a scoped page.

    Read from the per-request set of the user's own page ids, not from the page's agency:
    explorer and API listings hand over plain Page objects, whose agency would cost a
    query per row.
    """
    if page.pk in scoping.own_page_ids(user):
        return SERVED_PAGE_ACTIONS
    return frozenset()


class AgencyPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.agency_scoped = access.is_agency_scoped(user)
        if self.agency_scoped and scoping.is_scoped_page(page):
            self.permissions = set(_scoped_page_actions(user, page))

    def can_move(self):
        # Moving an agency's page (to another place or, through its agency field, to
        # another agency) is a moderator's act.
        if self.agency_scoped and scoping.is_scoped_page(self.page):
            return False
        return super().can_move()

    def can_delete(self, ignore_bulk=False):
        # An officer may delete a draft of their agency that was never published; agency
        # pages have no children, so this needs no query per row of a listing.
        if self.agency_scoped and scoping.is_scoped_page(self.page):
            return self.user.is_active and "change" in self.permissions and not self.page.live
        return super().can_delete(ignore_bulk)

    def can_lock(self):
        if self.agency_scoped and not self.permissions:
            return False
        return super().can_lock()


def scoped_permissions_for_user(page, user):
    return AgencyPagePermissionTester(user, page)


class AgencyPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with agency-owned pages cut to the agencies a person serves."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if access.is_agency_scoped(user) and scoping.is_scoped_page(instance):
            return bool(_scoped_page_actions(user, instance) & set(actions))
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if not access.is_agency_scoped(user):
            return pages
        pages = pages.filter(scoping.visible_q(user)).exclude(
            pk__in=self._served_pages_lacking(user, actions)
        )
        if set(actions) & SERVED_PAGE_ACTIONS:
            pages = pages | self.model._default_manager.filter(
                pk__in=sorted(scoping.own_page_ids(user))
            )
        return pages

    def _served_pages_lacking(self, user, actions):
        """Own scoped pages that the tree would grant but the agency rule does not."""
        if set(actions) & SERVED_PAGE_ACTIONS:
            return []
        return sorted(scoping.own_page_ids(user))

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if not access.is_agency_scoped(user):
            return pages
        return pages.filter(scoping.visible_q(user))

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        users = super().users_with_any_permission_for_instance(
            actions, instance, include_superusers
        )
        agency_id = scoping.agency_id_of(instance)
        if agency_id is None:
            return users
        unscoped = Q(is_superuser=True) | Q(groups__name=MODERATORS)
        users = users.filter(unscoped | Q(agency_memberships__agency_id=agency_id))
        if set(actions) & SERVED_PAGE_ACTIONS:
            users = users | get_user_model()._default_manager.filter(
                is_active=True, agency_memberships__agency_id=agency_id
            )
        return users.distinct()


@dataclass(frozen=True)
class AgencyCollectionGrant:
    """Stands in for a GroupCollectionPermission row: a right held through a membership."""

    collection: Collection
    permission: Permission

    @property
    def collection_id(self):
        return self.collection.pk


class AgencyCollectionPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image/document policy, plus add, change and choose in the collection of
    each agency a person serves. Nobody scoped gets anything in the root collection, so
    officers see only their agencies' media and nothing others uploaded elsewhere."""

    # Images and documents share Wagtail's per-request cache of collection permissions.
    SERVED_CODENAMES = (
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    )

    def get_all_permissions_for_user(self, user):
        granted = list(super().get_all_permissions_for_user(user))
        agency_ids = access.agency_ids_of(user)
        if not agency_ids:
            return granted
        links = AgencyCollection.objects.filter(agency_id__in=agency_ids).select_related(
            "collection"
        )
        permissions = Permission.objects.filter(
            content_type__app_label__in=["wagtailimages", "wagtaildocs"],
            codename__in=self.SERVED_CODENAMES,
        )
        for link in links:
            granted.extend(
                AgencyCollectionGrant(link.collection, permission) for permission in permissions
            )
        return granted

    def _users_with_perm_filter(self, actions, collection=None):
        expression = super()._users_with_perm_filter(actions, collection=collection)
        if collection is None:
            return expression
        agency_ids = AgencyCollection.objects.filter(
            collection__in=collection.get_ancestors(inclusive=True)
        ).values("agency_id")
        return expression | Q(is_active=True, agency_memberships__agency_id__in=agency_ids)


def scoped_form_class(base):
    """The edit form of an agency-owned page: a scoped person chooses among their agencies."""

    class AgencyScopedPageForm(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields.get("agency")
            user = getattr(self, "for_user", None)
            if field is not None and user is not None and access.is_agency_scoped(user):
                field.queryset = access.agencies_of(user)
                field.help_text = _(
                    "Hanya instansi yang Anda layani. Memindahkan inovasi ke instansi lain "
                    "dilakukan oleh moderator."
                )

        def clean_agency(self):
            agency = self.cleaned_data.get("agency")
            user = getattr(self, "for_user", None)
            if (
                agency is not None
                and user is not None
                and access.is_agency_scoped(user)
                and not access.serves(user, agency)
            ):
                raise forms.ValidationError(
                    _("Hanya moderator yang dapat memindahkan inovasi ke instansi lain.")
                )
            return agency

    AgencyScopedPageForm.__name__ = f"AgencyScoped{base.__name__}"
    return AgencyScopedPageForm


def grant_catalogue_permissions(catalogue):
    """Officers and verifiers may add pages under a catalogue (agency rules do the rest)."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    for group in Group.objects.filter(name__in=[OFFICERS, VERIFIERS]):
        GroupPagePermission.objects.get_or_create(group=group, page=catalogue, permission=add_page)
