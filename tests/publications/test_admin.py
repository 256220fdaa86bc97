import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    LearningResourceIndexPageFactory,
    LearningResourcePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnersPageFactory,
    RegulationIndexPageFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaksi", "redaksi@example.go.id", "rahasia")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["newspage", "learningresourcepage", "eventpage"])
def test_editors_can_open_the_add_form_of_each_page_type(editor_client, home_page, model):
    parents = {
        "newspage": NewsIndexPageFactory,
        "learningresourcepage": LearningResourceIndexPageFactory,
        "eventpage": EventIndexPageFactory,
    }
    parent = parents[model](parent=home_page)

    response = editor_client.get(f"/admin/pages/add/publications/{model}/{parent.pk}/")

    assert response.status_code == 200
    assert b"Publish" in response.content or b"Terbitkan" in response.content


@pytest.mark.parametrize(
    "factory",
    [
        NewsIndexPageFactory,
        LearningResourceIndexPageFactory,
        EventIndexPageFactory,
        RegulationIndexPageFactory,
        PartnersPageFactory,
    ],
)
def test_index_pages_preview(editor_client, home_page, factory):
    index = factory(parent=home_page)
    index.title = "Judul draf indeks"
    index.save_revision()

    response = editor_client.get(f"/admin/pages/{index.pk}/view_draft/")

    assert response.status_code == 200
    assert b"Judul draf indeks" in response.content


@pytest.mark.parametrize(
    ("factory", "parent_factory"),
    [
        (LearningResourcePageFactory, LearningResourceIndexPageFactory),
        (EventPageFactory, EventIndexPageFactory),
    ],
)
def test_child_pages_preview_their_draft(editor_client, home_page, factory, parent_factory):
    child = factory(parent=parent_factory(parent=home_page))
    child.title = "Judul draf baru"
    child.save_revision()

    response = editor_client.get(f"/admin/pages/{child.pk}/view_draft/")

    assert response.status_code == 200
    assert b"Judul draf baru" in response.content


def test_news_preview_renders_the_draft(editor_client, home_page):
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page), title="Terbit")
    news.title = "Judul draf baru"
    news.save_revision()

    response = editor_client.get(f"/admin/pages/{news.pk}/view_draft/")

    assert response.status_code == 200
    assert b"Judul draf baru" in response.content


def test_dashboard_shows_drafts_scheduled_items_and_events_without_registrations(
    editor_client, home_page
):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Draf berita", live=False)
    scheduled = NewsPageFactory(parent=news_index, title="Berita terjadwal", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=2)
    scheduled.save_revision().publish()
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, title="Diskusi sepi", start=in_days(7))
    busy = EventPageFactory(parent=events, title="Diskusi ramai", start=in_days(8))
    EventRegistrationFactory(event=busy)

    response = editor_client.get("/admin/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find(id="publications-due-section")
    assert panel, "the publications panel is on the dashboard"
    text = panel.get_text(" ", strip=True)
    assert "Draf berita" in text
    assert "Berita terjadwal" in text
    assert "Diskusi sepi" in text and "Diskusi ramai" not in text


def test_staff_export_registrations_as_csv(editor_client, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Bimtek SPM")
    EventRegistrationFactory(event=event, name='=HYPERLINK("http://jahat")', agency="Dinkes")
    andi = EventRegistrationFactory(event=event, name="Andi", agency="Disdukcapil")

    listing = editor_client.get("/admin/pendaftaran-kegiatan/")
    assert listing.status_code == 200 and b"Andi" in listing.content

    response = editor_client.get("/admin/pendaftaran-kegiatan/?export=csv")

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Kegiatan", "Mulai (WITA)", "Nama lengkap"]
    assert "Waktu mendaftar (WITA)" in rows[0]
    # Local time to the minute, as the admin shows it (issue 19 item 9), not UTC.
    andi_row = next(row for row in rows if row[2] == "Andi")
    registered = andi_row[rows[0].index("Waktu mendaftar (WITA)")]
    assert registered == timezone.localtime(andi.created_at).strftime("%Y-%m-%d %H:%M")
    assert andi_row[1] == timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M")
    names = {row[2] for row in rows[1:]}
    assert names == {"Andi", '\'=HYPERLINK("http://jahat")'}  # no formula runs in Excel
    assert all(row[0] == "Bimtek SPM" for row in rows[1:])


def test_event_editor_links_to_its_registrations(editor_client, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    EventRegistrationFactory.create_batch(2, event=event)

    response = editor_client.get(f"/admin/pages/{event.pk}/edit/")

    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.find("a", string="Lihat dan unduh daftar peserta")
    assert link["href"] == f"/admin/pendaftaran-kegiatan/?event={event.pk}"
    assert "2 orang sudah mendaftar dan mengonfirmasi." in soup.get_text()
    listing = editor_client.get(link["href"])
    assert listing.status_code == 200


def test_registrations_are_hidden_from_editors_without_permission(
    client, django_user_model, home_page
):
    user = django_user_model.objects.create_user("opd", "opd@example.go.id", "rahasia")
    group = Group.objects.create(name="Petugas OPD")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    response = client.get("/admin/pendaftaran-kegiatan/?export=csv")

    assert response.status_code in (302, 403)
