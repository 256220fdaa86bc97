import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from innovations.models import InnovationKeyFigure, InnovationPage, InnovationReplication
from tests.innovations.factories import InnovationPageFactory, region, sector

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def build(**overrides):
    page = InnovationPageFactory.build(**overrides)
    page.agency.save()
    page.agency_id = page.agency.pk
    page.slug = page.slug or "uji"
    return page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"trial_started_on": datetime.date(2018, 1, 1)},
            "trial_started_on",
            "Uji coba tidak boleh sebelum inovasi diluncurkan.",
        ),
        (
            {"implemented_on": datetime.date(2019, 3, 1)},
            "implemented_on",
            "Penerapan tidak boleh sebelum uji coba dimulai.",
        ),
        (
            {"launched_on": TODAY + datetime.timedelta(days=3), "stage": "inisiatif"},
            "launched_on",
            "Tanggal tidak boleh di masa depan.",
        ),
        (
            {"stage": "uji_coba", "trial_started_on": None, "implemented_on": None},
            "trial_started_on",
            "Inovasi pada tahap uji coba memerlukan tanggal uji coba.",
        ),
        (
            {"stage": "penerapan", "implemented_on": None},
            "implemented_on",
            "Inovasi pada tahap penerapan memerlukan tanggal penerapan.",
        ),
        (
            {"stage": "inisiatif", "implemented_on": None},
            "stage",
            "Inovasi yang sudah memiliki tanggal uji coba tidak lagi pada tahap inisiatif.",
        ),
        (
            {"stage": "uji_coba"},
            "stage",
            "Inovasi yang sudah memiliki tanggal penerapan berada pada tahap penerapan, "
            "bukan uji coba.",
        ),
        ({"cost": 5_000_000}, "budget_source", "Pilih sumber anggaran untuk biaya yang diisi."),
    ],
)
def test_model_validation_explains_what_is_wrong(home_page, fields, field, message):
    page = build(**fields)

    assert message in errors_of(page)[field]


def test_consistent_innovation_is_valid(home_page):
    build(cost=5_000_000, budget_source="apbd").full_clean(exclude=["path", "depth"])


def test_key_figure_value_must_be_numeric():
    figure = InnovationKeyFigure(label="Waktu layanan", value="dua hari")

    with pytest.raises(ValidationError) as caught:
        figure.clean_fields(exclude=["page"])
    assert "value" in caught.value.message_dict


def test_replication_needs_an_adopter_and_a_plausible_year():
    record = InnovationReplication(region=region("73.02"), year=TODAY.year + 5, status="diterapkan")

    with pytest.raises(ValidationError) as caught:
        record.clean()
    assert caught.value.message_dict == {
        "year": ["Tahun replikasi terlalu jauh di masa depan."],
        "adopter_name": ["Pilih instansi pereplikasi atau tuliskan namanya."],
    }


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="editor", password="rahasia-123", email="editor@example.org"
    )
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


def edit_form_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "agency": page.agency_id,
        "form": page.form,
        "initiator": page.initiator,
        "stage": page.stage,
        "status": page.status,
        "launched_on": page.launched_on.isoformat(),
        "trial_started_on": page.trial_started_on.isoformat() if page.trial_started_on else "",
        "implemented_on": page.implemented_on.isoformat() if page.implemented_on else "",
        "problem": rich_text(page.problem),
        "approach": rich_text(page.approach),
        "results": rich_text(""),
        "lessons_learned": rich_text(""),
        "sustainability": rich_text(""),
        "how_to_replicate": rich_text(""),
        "steps": inline_formset([]),
        "key_figures": inline_formset([]),
        "replications": inline_formset([]),
        "awards": inline_formset([]),
        "documents": inline_formset([]),
        "gallery_images": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    flat = nested_form_data(data)
    # Multiple-choice fields post a list; nested_form_data would split it into keys.
    flat["regions"] = [r.pk for r in page.regions.all()]
    flat["sectors"] = [s.pk for s in page.sectors.all()]
    return flat


def test_admin_edit_shows_indonesian_messages_and_keeps_stored_data(client, home_page, editor):
    from tests.innovations.factories import InnovationIndexPageFactory

    catalogue = InnovationIndexPageFactory(parent=home_page)
    page = InnovationPageFactory(parent=catalogue, title="Dukcapil Goes to Village")
    client.force_login(editor)
    url = f"/admin/pages/{page.pk}/edit/"

    response = client.post(
        url,
        edit_form_data(
            page,
            title="Judul baru yang tidak boleh tersimpan",
            implemented_on="2018-01-01",
            key_figures=inline_formset([{"label": "Waktu", "value": "dua", "unit": "hari"}]),
        ),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Penerapan tidak boleh sebelum uji coba dimulai." in content
    assert "Masukkan" in content  # Django's Indonesian "enter a number" message
    page.refresh_from_db()
    assert page.title == "Dukcapil Goes to Village"
    assert page.implemented_on == datetime.date(2020, 1, 2)
    assert page.key_figures.count() == 0


def test_admin_edit_saves_a_valid_change_and_counts_replications(client, home_page, editor):
    from tests.innovations.factories import InnovationIndexPageFactory

    catalogue = InnovationIndexPageFactory(parent=home_page)
    page = InnovationPageFactory(parent=catalogue, regions=[region("73.71")], sectors=[sector()])
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form_data(
            page,
            tagline="Layanan sampai ke desa",
            replications=inline_formset(
                [
                    {
                        "region": region("73.02").pk,
                        "adopter_name": "Disdukcapil Bulukumba",
                        "year": 2022,
                        "status": "diterapkan",
                        "agency": "",
                        "note": "",
                    },
                    {
                        "region": region("73.03").pk,
                        "adopter_name": "Disdukcapil Bantaeng",
                        "year": 2023,
                        "status": "direncanakan",
                        "agency": "",
                        "note": "",
                    },
                ]
            ),
        ),
    )

    assert response.status_code == 302
    # Editors submit changes as a revision for moderators to publish.
    latest = InnovationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.tagline == "Layanan sampai ke desa"
    assert latest.replication_count == 1
