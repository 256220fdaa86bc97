"""Each innovation's representation is kept between API answers (api.kept): a client never
reads a kept one after what it shows has changed."""

import pytest
import wagtail_factories
from wagtail.models import Collection, CollectionViewRestriction

from innovations.models import InnovationPage, Region

pytestmark = pytest.mark.django_db

LIST = "/api/v2/innovations/"


def listed(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def test_a_publish_renews_that_innovation_only(client, make_innovation):
    changed = make_innovation(title="Lama")
    other = make_innovation(title="Lain")
    listed(client)

    page = InnovationPage.objects.get(pk=changed.pk)
    page.title = "Baru"
    page.save_revision().publish()

    items = listed(client)
    assert items[changed.pk]["title"] == "Baru"
    assert items[other.pk]["title"] == "Lain"
    detail = client.get(f"{LIST}{changed.pk}/").json()
    assert detail["title"] == "Baru"


def test_a_renamed_region_shows_in_kept_innovations_at_once(client, make_innovation):
    page = make_innovation()
    code = page.regions.first().bps_code
    before = listed(client)[page.pk]
    assert code in [region["bps_code"] for region in before["regions"]]

    Region.objects.filter(bps_code=code).update(name="Nama Baru")
    Region.objects.get(bps_code=code).save()  # the admin's save: a new generation

    names = [region["name"] for region in listed(client)[page.pk]["regions"]]
    assert "Nama Baru" in names


def test_a_new_collection_restriction_hides_kept_media_at_once(client, make_innovation):
    photos = Collection.get_first_root_node().add_child(name="Foto kegiatan")
    image = wagtail_factories.ImageFactory(title="Rapat internal", collection=photos)
    page = make_innovation(hero_image=image)
    assert listed(client)[page.pk]["hero_image"]["id"] == image.pk
    assert client.get(f"{LIST}{page.pk}/").json()["hero_image"]["id"] == image.pk

    restriction = CollectionViewRestriction.objects.create(
        collection=photos, restriction_type="login"
    )

    assert listed(client)[page.pk]["hero_image"] is None
    assert client.get(f"{LIST}{page.pk}/").json()["hero_image"] is None
    restriction.delete()
    assert listed(client)[page.pk]["hero_image"]["id"] == image.pk


def test_other_fields_are_another_question(client, make_innovation):
    page = make_innovation(title="Satu")
    assert "problem" not in listed(client)[page.pk]
    with_problem = listed(client, fields="problem")[page.pk]
    assert with_problem["problem"] == page.problem
    assert "problem" not in listed(client)[page.pk]
