"""get_FOO_display() of the models that use core.choices.ChoiceLabelsMixin says what Django's
own says: the label in the language being read, an unknown value as it is."""

import pytest
from django.utils import translation

from innovations.models import Agency, Award, InnovationDocument, InnovationPage, Region
from publications.models import Regulation

pytestmark = pytest.mark.django_db


def test_labels_follow_the_language_being_read():
    page = InnovationPage(stage=InnovationPage.Stage.IMPLEMENTATION, form="pelayanan_publik")
    with translation.override("id"):
        assert (page.get_stage_display(), page.get_form_display()) == (
            "Penerapan",
            "Inovasi pelayanan publik",
        )
    with translation.override("en"):
        assert (page.get_stage_display(), page.get_form_display()) == (
            "Implementation",
            "Public-service innovation",
        )


def test_each_model_says_what_djangos_own_method_says():
    from django.db.models import Model

    objects = [
        InnovationPage(stage="uji_coba", status="aktif", budget_source=""),
        InnovationDocument(kind=InnovationDocument.Kind.SOP),
        Regulation(kind=Regulation._meta.get_field("kind").choices[0][0]),
        InnovationPage(stage="tidak_dikenal"),
        Region(kind=Region.Kind.REGENCY, name="Gowa"),
        Agency(kind=Agency._meta.get_field("kind").choices[0][0]),
        Award(level=Award._meta.get_field("level").choices[-1][0]),
    ]
    for language in ("id", "en"):
        with translation.override(language):
            for obj in objects:
                for field in obj._meta.fields:
                    if field.choices:
                        expected = Model._get_FIELD_display(obj, field)
                        assert obj._get_FIELD_display(field) == expected, field.name


def test_an_unknown_value_is_shown_as_it_is():
    assert InnovationPage(stage="tidak_dikenal").get_stage_display() == "tidak_dikenal"
