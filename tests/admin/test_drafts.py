"""Drafts an editor left behind can be found and finished (issue 19 item 4)."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.blocks import StreamValue

from core.blocks import BodyStreamBlock
from tests.agencies.factories import ModeratorFactory, OfficerFactory
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
)

pytestmark = pytest.mark.django_db


def drafts_panel_text(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").find(id="publications-due-section")
    return panel.get_text(" ", strip=True)


def test_innovation_drafts_are_listed_for_their_agency_and_moderators(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    own, other = AgencyFactory(), AgencyFactory()
    InnovationPageFactory(parent=catalogue, title="Draf inovasi sendiri", agency=own, live=False)
    InnovationPageFactory(parent=catalogue, title="Draf OPD lain", agency=other, live=False)

    officer_sees = drafts_panel_text(client, OfficerFactory(agency=own))
    assert "Draf inovasi sendiri" in officer_sees
    assert "Draf OPD lain" not in officer_sees

    moderator_sees = drafts_panel_text(client, ModeratorFactory())
    assert "Draf inovasi sendiri" in moderator_sees and "Draf OPD lain" in moderator_sees


def test_an_empty_block_left_by_autosave_does_not_block_publishing():
    block = BodyStreamBlock()
    value = StreamValue(
        block,
        [
            ("heading", block.child_blocks["heading"].get_default()),
            ("paragraph", block.child_blocks["paragraph"].to_python("<p>Isi yang ditulis.</p>")),
            ("paragraph", block.child_blocks["paragraph"].to_python("")),
        ],
    )
    cleaned = block.clean(value)
    assert [child.block_type for child in cleaned] == ["paragraph"]


def test_a_taken_slug_is_explained_in_indonesian():
    with translation.override("id"):
        message = translation.gettext(
            "The slug '%(page_slug)s' is already in use within the parent page."
        ) % {"page_slug": "layanan-desa"}
    assert message.startswith("Alamat (slug) 'layanan-desa' sudah dipakai")
    assert "draf" in message
