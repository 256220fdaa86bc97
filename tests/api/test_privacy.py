"""What the public API must never list or serve, whoever asks.

Regression tests for the Wagtail advisories GHSA-p5gm-92h4-6pv6 (images and documents in
private collections exposed through the API) and GHSA-3vrh-m9w7-v94f (page fields leaking
through the admin API).
"""

import pytest
import wagtail_factories
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
    PageViewRestriction,
)

from innovations.models import InnovationDocument

pytestmark = pytest.mark.django_db


def listed_ids(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def public_and_hidden(make_innovation, catalogue, home_page):
    public = make_innovation(title="Terbuka", contact_email="umum@example.go.id")
    draft = make_innovation(title="Draf", live=False)
    login_only = make_innovation(title="Hanya login")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    password = make_innovation(title="Berkata sandi")
    PageViewRestriction.objects.create(page=password, restriction_type="password", password="x")
    group = make_innovation(title="Hanya kelompok")
    restriction = PageViewRestriction.objects.create(page=group, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Tim internal"))
    return public, [draft, login_only, password, group]


@pytest.mark.parametrize("path", ["/api/v2/innovations/", "/api/v2/pages/"])
def test_listings_leave_out_unpublished_and_restricted_pages(client, public_and_hidden, path):
    public, hidden = public_and_hidden
    ids = listed_ids(client, path, limit=100)
    assert public.pk in ids
    assert not ids & {page.pk for page in hidden}


@pytest.mark.parametrize("endpoint", ["innovations", "pages"])
def test_details_of_hidden_pages_are_404(client, public_and_hidden, endpoint):
    _public, hidden = public_and_hidden
    for page in hidden:
        response = client.get(f"/api/v2/{endpoint}/{page.pk}/")
        assert response.status_code == 404, page.title


def test_a_private_section_hides_its_descendants(client, public_and_hidden, catalogue):
    PageViewRestriction.objects.create(page=catalogue, restriction_type="login")
    assert listed_ids(client, "/api/v2/innovations/") == set()


def test_find_by_path_does_not_reveal_restricted_pages(client, public_and_hidden):
    public, hidden = public_and_hidden
    found = client.get("/api/v2/pages/find/", {"html_path": public.url_path.split("/", 2)[2]})
    assert found.status_code == 302
    for page in hidden:
        path = page.url_path.split("/", 2)[2]
        assert client.get("/api/v2/pages/find/", {"html_path": path}).status_code == 404


def test_logged_in_users_see_no_more_than_anyone(admin_client, public_and_hidden):
    public, hidden = public_and_hidden
    ids = listed_ids(admin_client, "/api/v2/innovations/")
    assert ids == {public.pk}


def test_taxonomy_counts_only_count_public_innovations(client, public_and_hidden):
    public, _hidden = public_and_hidden
    response = client.get(f"/api/v2/regions/{public.agency.region.pk}/")
    assert response.json()["innovation_count"] == 1


@pytest.fixture
def private_collection():
    root = Collection.get_first_root_node()
    private = root.add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    return private.add_child(name="Internal / Rapat")  # restriction covers descendants


def test_private_collection_images_and_documents_are_not_listed_or_served(
    client, private_collection
):
    """GHSA-p5gm-92h4-6pv6."""
    public_image = wagtail_factories.ImageFactory(title="Publik")
    private_image = wagtail_factories.ImageFactory(title="Rahasia", collection=private_collection)
    public_doc = wagtail_factories.DocumentFactory(title="Publik")
    private_doc = wagtail_factories.DocumentFactory(title="Rahasia", collection=private_collection)

    assert listed_ids(client, "/api/v2/images/") == {public_image.pk}
    assert listed_ids(client, "/api/v2/documents/") == {public_doc.pk}
    assert client.get(f"/api/v2/images/{private_image.pk}/").status_code == 404
    assert client.get(f"/api/v2/documents/{private_doc.pk}/").status_code == 404
    assert client.get(f"/api/v2/images/{public_image.pk}/").status_code == 200


def test_private_media_nested_in_an_innovation_are_null(
    client, make_innovation, private_collection
):
    secret_image = wagtail_factories.ImageFactory(title="Rahasia", collection=private_collection)
    secret_doc = wagtail_factories.DocumentFactory(title="Rahasia", collection=private_collection)
    page = make_innovation(hero_image=secret_image)
    InnovationDocument.objects.create(page=page, document=secret_doc)

    data = client.get(f"/api/v2/innovations/{page.pk}/").json()

    assert data["hero_image"] is None
    assert data["documents"][0]["document"] is None
    assert "Rahasia" not in str(data)


def test_admin_api_needs_a_login(client, public_and_hidden):
    """GHSA-3vrh-m9w7-v94f: the admin API is not a second, unchecked public API."""
    public, _hidden = public_and_hidden
    response = client.get(f"/admin/api/main/pages/{public.pk}/")
    assert response.status_code in (302, 401, 403)
    assert b"umum@example.go.id" not in response.content


def test_admin_api_does_not_serve_page_fields_or_pages_outside_permissions(
    client, django_user_model, public_and_hidden, home_page, catalogue
):
    """GHSA-3vrh-m9w7-v94f: an editor of one section reads nothing else through it."""
    public, _hidden = public_and_hidden
    other_section = wagtail_factories.PageFactory(parent=home_page, title="Berita")
    editors = Group.objects.create(name="Editor berita")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=other_section,
        permission=Permission.objects.get(codename="change_page"),
    )
    editor = django_user_model.objects.create_user("editor", password="pw-berita-123")
    editor.groups.add(editors)
    client.force_login(editor)

    response = client.get(f"/admin/api/main/pages/{public.pk}/", {"fields": "contact_email"})

    assert response.status_code == 404
    assert b"umum@example.go.id" not in response.content


def test_admin_api_detail_has_no_api_fields_even_for_superusers(admin_client, public_and_hidden):
    public, _hidden = public_and_hidden
    response = admin_client.get(f"/admin/api/main/pages/{public.pk}/")
    assert response.status_code == 200
    assert b"umum@example.go.id" not in response.content
