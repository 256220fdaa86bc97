"""Editors see which English translations are out of date after the source changes, and
translations go through the source's workflow."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Workflow, WorkflowPage

from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.id", "x")
    client.force_login(user)
    return client


@pytest.fixture
def catalogue(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    translate(home_page, title="Home")
    return catalogue


def test_republished_source_marks_its_translation_out_of_date(admin_client, catalogue):
    source = InnovationPageFactory(parent=catalogue, title="Layanan Air Bersih")
    translate(catalogue, title="Innovation catalogue")
    english = translate(source, title="Clean Water Service")

    fresh = admin_client.get("/admin/terjemahan/").content.decode()
    source.summary = "Ringkasan yang diperbarui."
    source.save_revision().publish()
    stale = admin_client.get("/admin/terjemahan/").content.decode()
    editor = admin_client.get(f"/admin/pages/{english.id}/edit/").content.decode()

    assert "Clean Water Service" in fresh
    assert "Usang" not in fresh
    assert "Usang" in stale
    assert "Terjemahan ini usang" in editor


def test_report_query_count_does_not_grow_with_translations(
    admin_client, catalogue, django_assert_max_num_queries
):
    translate(catalogue, title="Innovation catalogue")

    def add(count):
        for _ in range(count):
            translate(InnovationPageFactory(parent=catalogue), title="An innovation")

    add(1)
    with django_assert_max_num_queries(40) as few:
        admin_client.get("/admin/terjemahan/")
    add(5)
    with django_assert_max_num_queries(40) as more:
        admin_client.get("/admin/terjemahan/")

    assert len(more.captured_queries) == len(few.captured_queries)


def test_translated_catalogue_goes_through_the_same_workflow(catalogue):
    # agencies/ attaches the moderation workflow to a new catalogue; a test-made one otherwise.
    link, _made = WorkflowPage.objects.get_or_create(
        page=catalogue, defaults={"workflow": Workflow.objects.create(name="Moderasi")}
    )

    english = translate(catalogue, title="Innovation catalogue")

    assert english.get_workflow() == link.workflow


def test_changed_regulation_marks_its_translation_out_of_date(admin_client):
    from tests.localisation.factories import translate_snippet
    from tests.publications.factories import RegulationFactory

    regulation = RegulationFactory(title="Pelayanan Publik")
    english = translate_snippet(regulation, title="Public Services")

    fresh = admin_client.get("/admin/terjemahan/").content.decode()
    regulation.summary = "Ringkasan yang diperbarui."
    regulation.save()
    stale = admin_client.get("/admin/terjemahan/").content.decode()
    editor = admin_client.get(f"/admin/snippets/publications/regulation/edit/{english.pk}/")

    assert "Public Services" in fresh and "Usang" not in fresh
    assert "Usang" in stale
    assert editor.status_code == 200
    assert "Terjemahan ini usang" in editor.content.decode()
