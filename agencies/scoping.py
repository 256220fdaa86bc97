"""Which page models belong to an agency, and the pages a scoped person may see in the admin.

Innovations stay where they are in the page tree (one catalogue), so tree permissions cannot
say "only your agency". A page model registered here carries an agency (by a lookup path);
for people scoped to agencies (agencies.access.is_agency_scoped) such pages exist in the admin
only if they serve that agency. Other apps register their own agency-owned pages:

    from agencies import scoping
    scoping.register(MonitoringReportPage, "innovation__agency")
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from . import access

_scoped_models = {}
_OWN_PAGE_IDS_CACHE = "_agencies_own_page_ids"


def register(model, agency_path="agency"):
    """Scope `model` (a Page subclass) by the agency at `agency_path`."""
    from .permissions import scoped_permissions_for_user

    _scoped_models[model] = agency_path
    # Wagtail's documented way to change page permissions per page type is overriding
    # permissions_for_user; the catalogue model stays ignorant of agencies (layers point one
    # way), so the override is attached here.
    model.permissions_for_user = scoped_permissions_for_user


def scoped_models():
    return dict(_scoped_models)


def is_scoped_page(page):
    return _model_of(page) is not None


def agency_id_of(page):
    """The agency id of a scoped page (None for pages that belong to no agency)."""
    model = _model_of(page)
    if model is None:
        return None
    page = page if isinstance(page, model) else page.specific_deferred
    target = page
    *steps, last = _scoped_models[model].split("__")
    for step in steps:
        target = getattr(target, step, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)


def _model_of(page):
    for model in _scoped_models:
        if isinstance(page, model):
            return model
    content_type_id = getattr(page, "content_type_id", None)
    if content_type_id is None:
        return None
    for model, ct_id in _content_type_ids().items():
        if ct_id == content_type_id:
            return model
    return None


def _content_type_ids():
    return {
        model: ct.pk
        for model, ct in ContentType.objects.get_for_models(
            *_scoped_models, for_concrete_models=False
        ).items()
    }


def page_ids_of_agencies(agency_ids):
    ids = set()
    for model, path in _scoped_models.items():
        ids.update(model.objects.filter(**{f"{path}__in": agency_ids}).values_list("pk", flat=True))
    return ids


def own_page_ids(user):
    """Ids of the scoped pages of the agencies the user serves (cached for the request)."""
    if not hasattr(user, _OWN_PAGE_IDS_CACHE):
        agency_ids = access.agency_ids_of(user)
        ids = set()
        if agency_ids:
            for model, path in _scoped_models.items():
                ids.update(
                    model.objects.filter(**{f"{path}__in": agency_ids}).values_list("pk", flat=True)
                )
        setattr(user, _OWN_PAGE_IDS_CACHE, frozenset(ids))
    return getattr(user, _OWN_PAGE_IDS_CACHE)


def foreign_pending_ids(user):
    """Ids of other agencies' live pages with an unpublished draft (whose admin title is
    the draft's). A list, for search backends; pending drafts are few at any time."""
    ids = []
    own = own_page_ids(user)
    for model in _scoped_models:
        pending = model.objects.filter(live=True, has_unpublished_changes=True)
        ids.extend(pk for pk in pending.values_list("pk", flat=True) if pk not in own)
    return ids


def visible_q(user):
    """A Page filter: every page except scoped pages of agencies the user does not serve.

    Only meaningful for scoped users; callers check access.is_agency_scoped first. The ids
    are materialised (an agency has tens of pages, not thousands) so the same filter also
    works on search backends.
    """
    return ~Q(content_type_id__in=list(_content_type_ids().values())) | Q(
        pk__in=sorted(own_page_ids(user))
    )


def forget(user):
    if hasattr(user, _OWN_PAGE_IDS_CACHE):
        delattr(user, _OWN_PAGE_IDS_CACHE)
