"""Moderators keep the search vocabulary (synonyms, curated popular searches) in the admin."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

URLS = ["/admin/snippets/search/searchsynonym/", "/admin/snippets/search/popularsearch/"]


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="rahasia-123")
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


@pytest.mark.parametrize("url", URLS)
def test_a_moderator_lists_and_adds_vocabulary(client, moderator, url):
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    assert client.get(url + "add/").status_code == 200


@pytest.mark.parametrize("url", URLS)
def test_an_officer_cannot(client, django_user_model, url):
    officer = django_user_model.objects.create_user("petugas", password="rahasia-123")
    officer.groups.add(Group.objects.get(name="Petugas Inovasi"))
    client.force_login(officer)
    assert client.get(url).status_code in (302, 403)
