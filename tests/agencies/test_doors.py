"""Every admin door, for an officer of agency A facing agency B's innovations.

The regression suite for the class of GHSA-p5gm-92h4-6pv6 (private content listed through a
side door): an officer of A gets nothing of B beyond what the public sees, through any entry
point. Each row names a door; a positive row on A's own page proves the door is open at all.
"""

import pytest
from django.urls import reverse

from tests.agencies.conftest import SECRETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """The agencies' world, shared by this module's tests: they only read it (conftest)."""
    return shared_world


def denied(response):
    """Wagtail answers a refused admin action with 403/404, or a redirect to the dashboard."""
    if response.status_code == 302:
        return (
            response["Location"].rstrip("/").endswith("/admin") or "login" in response["Location"]
        )
    return response.status_code in (400, 403, 404, 405)


def leaks(response):
    body = response.content.decode(errors="replace")
    return [secret for secret in SECRETS if secret in body]


def page_door(name, *extra, method="get", data=None, follow=False):
    def request(client, w, page):
        args = [page.pk, *[e(w, page) if callable(e) else e for e in extra]]
        url = reverse(name, args=args)
        response = getattr(client, method)(url, data or {})
        if follow and response.status_code == 302 and not denied(response):
            response = client.get(response["Location"])
        return response

    return request


def latest_revision(w, page):
    return page.latest_revision.pk


# Doors on a single page: (door, request, may the officer pass on their own agency's page?)
PAGE_DOORS = [
    ("edit", page_door("wagtailadmin_pages:edit"), True),
    ("edit (save)", page_door("wagtailadmin_pages:edit", method="post", data={}), None),
    ("history", page_door("wagtailadmin_pages:history"), True),
    ("revisions", page_door("wagtailadmin_pages:revisions_index", follow=True), True),
    ("revision view", page_door("wagtailadmin_pages:revisions_view", latest_revision), True),
    ("revert", page_door("wagtailadmin_pages:revisions_revert", latest_revision), True),
    (
        "compare",
        lambda c, w, p: c.get(
            reverse("wagtailadmin_pages:revisions_compare", args=[p.pk, "earliest", "latest"])
        ),
        True,
    ),
    ("preview", page_door("wagtailadmin_pages:preview_on_edit"), None),
    ("view draft", page_door("wagtailadmin_pages:view_draft"), True),
    ("copy", page_door("wagtailadmin_pages:copy"), True),
    ("move", page_door("wagtailadmin_pages:move"), False),
    ("delete", page_door("wagtailadmin_pages:delete"), False),
    ("unpublish", page_door("wagtailadmin_pages:unpublish"), False),
    ("lock", page_door("wagtailadmin_pages:lock", method="post"), False),
    ("privacy", page_door("wagtailadmin_pages:set_privacy"), False),
    ("usage", page_door("wagtailadmin_pages:usage"), True),
    ("workflow history", page_door("wagtailadmin_pages:workflow_history"), True),
    (
        "admin API detail",
        lambda c, w, p: c.get(f"/admin/api/main/pages/{p.pk}/"),
        True,
    ),
]


@pytest.mark.parametrize("door,request_door,own_ok", PAGE_DOORS, ids=[d[0] for d in PAGE_DOORS])
def test_officer_cannot_pass_a_door_on_another_agencys_page(
    client, world, door, request_door, own_ok
):
    client.force_login(world.officer_a)
    for page in (world.foreign, world.foreign_hidden):
        response = request_door(client, world, page)
        assert denied(response), (door, response.status_code, response.get("Location"))
        assert not leaks(response), door


@pytest.mark.parametrize(
    "door,request_door,own_ok",
    [d for d in PAGE_DOORS if d[2] is not None],
    ids=[d[0] for d in PAGE_DOORS if d[2] is not None],
)
def test_officer_on_their_own_agencys_page(client, world, door, request_door, own_ok):
    client.force_login(world.officer_a)
    response = request_door(client, world, world.own)
    assert denied(response) != own_ok, (door, response.status_code, response.get("Location"))


@pytest.mark.parametrize("action", ["delete", "unpublish", "publish", "move"])
def test_bulk_actions_leave_another_agencys_pages_alone(client, world, action):
    client.force_login(world.officer_a)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    query = {"id": [world.foreign.pk, world.foreign_hidden.pk], "next": "/admin/"}
    response = client.get(url, query)
    assert not leaks(response)
    client.post(f"{url}?id={world.foreign.pk}&id={world.foreign_hidden.pk}", {})
    world.foreign.refresh_from_db()
    world.foreign_hidden.refresh_from_db()
    assert world.foreign.live and not world.foreign_hidden.live
    assert world.foreign.get_parent().pk == world.catalogue.pk


def test_moving_an_innovation_to_another_agency_is_a_moderators_act(world):
    from django.core.exceptions import ValidationError

    from innovations.models import InnovationPage

    form_class = InnovationPage.get_edit_handler().get_form_class()
    form = form_class(instance=world.own, for_user=world.officer_a)
    assert list(form.fields["agency"].queryset) == [world.agency_a]
    form.cleaned_data = {"agency": world.agency_b}
    with pytest.raises(ValidationError, match="moderator"):
        form.clean_agency()

    form = form_class(instance=world.own, for_user=world.moderator)
    assert world.agency_b in form.fields["agency"].queryset
    form.cleaned_data = {"agency": world.agency_b}
    assert form.clean_agency() == world.agency_b
