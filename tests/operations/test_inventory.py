"""The inventory that the restore drill compares: equal for equal content, different when a
single row or media file differs."""

import json

import pytest
from django.core.management import CommandError, call_command

from core.management.commands.inventory import inventory

pytestmark = pytest.mark.django_db


def test_same_content_gives_the_same_inventory_and_a_changed_row_does_not(home_page, tmp_path):
    first = inventory()
    assert first["tables"]["wagtailcore.Page"]["count"] >= 2
    assert inventory() == first
    home_page.title = "Beranda yang diubah"
    home_page.save()
    assert inventory()["tables"]["wagtailcore.Page"] != first["tables"]["wagtailcore.Page"]


def test_compare_reports_each_table_and_fails_on_a_difference(home_page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.txt").write_text("isi")
    saved = tmp_path / "inventory.json"
    saved.write_text(json.dumps(inventory()))
    call_command("inventory", compare=str(saved))
    (tmp_path / "media" / "a.txt").write_text("isi lain")
    with pytest.raises(CommandError, match="1 perbedaan"):
        call_command("inventory", compare=str(saved))


def test_stream_fields_are_hashed_as_stored_not_rendered(home_page, monkeypatch):
    from wagtail.blocks import StreamValue

    first = inventory()

    def render(self):
        raise AssertionError("the inventory rendered a StreamField")

    monkeypatch.setattr(StreamValue, "__str__", render)
    monkeypatch.setattr(StreamValue, "__html__", render)
    assert inventory() == first
