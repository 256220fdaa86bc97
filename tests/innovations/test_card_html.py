"""Innovation cards kept rendered in the worker's memory (innovation_tags.innovation_card):
rendered once until their innovation is published again, and never showing what no longer
holds (a badge that moved with the date, the compare box of another list)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from innovations.models import InnovationPage, KeptCard, cached_cards
from innovations.templatetags import innovation_tags
from tests.innovations.factories import InnovationPageFactory, region, sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncached(settings):
    # Whole answers not cached: every request renders its page and asks for its cards.
    settings.PAGE_CACHE_SECONDS = 0
    settings.CATALOGUE_CACHE_SECONDS = 0


@pytest.fixture
def rendered(monkeypatch):
    """The ids of the innovations whose card template was rendered, in order."""
    ids = []
    render = innovation_tags.render_to_string

    def counting(template_name, context=None, *args, **kwargs):
        if template_name == innovation_tags.CARD_TEMPLATE:
            ids.append(context["innovation"].pk)
        return render(template_name, context, *args, **kwargs)

    monkeypatch.setattr(innovation_tags, "render_to_string", counting)
    return ids


def card_titles(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [title.get_text(strip=True) for title in soup.select(".icard__title")]


def card_images(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [image["src"] for image in soup.select(".icard img")]


def badges(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [badge.get_text(strip=True) for badge in soup.select(".icard .badge--warning")]


def test_a_card_is_rendered_once_until_its_innovation_is_published(
    client, catalogue, uncached, rendered
):
    # Unrelated (no sector or region in common): a publish of one renews only its own token.
    first = InnovationPageFactory(
        parent=catalogue,
        title="Puskesmas Keliling",
        sectors=[sector("kesehatan")],
        regions=[region("73.71")],
    )
    second = InnovationPageFactory(
        parent=catalogue,
        title="Sekolah Pintar",
        sectors=[sector("pendidikan")],
        regions=[region("73.01")],
    )
    assert sorted(card_titles(client.get(catalogue.url))) == [
        "Puskesmas Keliling",
        "Sekolah Pintar",
    ]
    assert sorted(rendered) == sorted([first.pk, second.pk])

    rendered.clear()
    assert len(card_titles(client.get(catalogue.url))) == 2
    assert rendered == []

    first.title = "Puskesmas Keliling Terapung"
    first.save_revision().publish()
    assert "Puskesmas Keliling Terapung" in card_titles(client.get(catalogue.url))
    assert rendered == [first.pk]


def test_the_needs_update_badge_follows_the_date_without_a_publish(
    client, catalogue, uncached, settings
):
    today = timezone.localdate()
    innovation = InnovationPageFactory(parent=catalogue, title="Dipantau Sembilan Bulan Lalu")
    InnovationPage.objects.filter(pk=innovation.pk).update(
        last_verified_on=today - datetime.timedelta(days=270)
    )
    assert badges(client.get(catalogue.url)) == []

    # A shorter monitoring period moves the cutoff, as the passing days do.
    settings.MONITORING_PERIOD_MONTHS = 6
    settings.MONITORING_GRACE_DAYS = 0
    assert badges(client.get(catalogue.url)) == ["Perlu pembaruan"]


def test_the_compare_box_is_on_the_catalogues_cards_only(client, catalogue, uncached):
    health = {"sectors": [sector("kesehatan")], "regions": [region("73.71")]}
    shown = InnovationPageFactory(parent=catalogue, title="Dokter Terbang", **health)
    related = InnovationPageFactory(parent=catalogue, title="Puskesmas Keliling", **health)
    compare_box = f'id="compare-{related.pk}"'

    assert compare_box in client.get(catalogue.url).content.decode()
    page = client.get(shown.url)
    assert "Puskesmas Keliling" in card_titles(page)
    assert compare_box not in page.content.decode()
    assert compare_box in client.get(catalogue.url).content.decode()


def test_without_a_local_cache_in_the_settings_cards_are_rendered_each_time(
    client, catalogue, uncached, rendered, settings
):
    # An operator's own CACHES may name the shared cache only.
    settings.CACHES = {"default": settings.CACHES["default"]}
    innovation = InnovationPageFactory(parent=catalogue, title="Puskesmas Keliling")
    for _ in range(2):
        assert card_titles(client.get(catalogue.url)) == ["Puskesmas Keliling"]
    assert rendered == [innovation.pk, innovation.pk]


def test_a_changed_image_shows_on_the_cards_that_carry_it(client, catalogue, uncached, rendered):
    image = Image.objects.create(title="Posyandu", file=get_test_image_file(size=(1600, 1000)))
    innovation = InnovationPageFactory(parent=catalogue, title="Posyandu Digital", hero_image=image)
    before = card_images(client.get(catalogue.url))
    assert len(before) == 1

    # A new focal point: Wagtail makes new renditions, under other file names.
    image.focal_point_x, image.focal_point_y = 100, 100
    image.focal_point_width, image.focal_point_height = 200, 200
    image.save()

    after = card_images(client.get(catalogue.url))
    assert rendered == [innovation.pk, innovation.pk]
    assert len(after) == 1 and after != before


def test_a_kept_cards_page_is_not_read_while_its_html_is_kept(
    client, catalogue, uncached, monkeypatch
):
    # Unpickling a card's page with its relations cost as much as rendering it: a list whose
    # cards' HTML this worker keeps reads none of them.
    InnovationPageFactory(parent=catalogue, title="Puskesmas Keliling")
    InnovationPageFactory(parent=catalogue, title="Sekolah Pintar")
    assert len(card_titles(client.get(catalogue.url))) == 2

    def unexpected(card):
        raise AssertionError(f"card {card.pk} read although its HTML is kept")

    monkeypatch.setattr(KeptCard, "page", unexpected)
    assert sorted(card_titles(client.get(catalogue.url))) == [
        "Puskesmas Keliling",
        "Sekolah Pintar",
    ]


def test_a_card_unpublished_after_its_list_was_read_is_left_out(client, catalogue, uncached):
    kept = InnovationPageFactory(parent=catalogue, title="Puskesmas Keliling")
    gone = InnovationPageFactory(parent=catalogue, title="Sekolah Pintar")
    assert len(card_titles(client.get(catalogue.url))) == 2
    cards = cached_cards([kept.pk, gone.pk])

    gone.unpublish()
    caches["local"].clear()
    caches["default"].clear()
    assert cards[kept.pk].page().title == "Puskesmas Keliling"
    assert cards[gone.pk].page() is None
