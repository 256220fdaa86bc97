"""The migrations that make regulations and partners translatable keep the rows that exist:
each becomes an Indonesian row with its own translation key, and the same slug may then be
used once per language (SQLite and PostgreSQL)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("publications", "0003_registration_confirmation")]
AFTER = [("publications", "0006_translatable_snippets")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Flushed after the test: serialized_rollback restores the reference data for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_regulations_and_partners_become_indonesian_rows():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        old.get_model("publications", "Regulation").objects.create(
            kind="uu", number="25", year=2009, title="Pelayanan Publik", slug="uu-25-2009"
        )
        old.get_model("publications", "Regulation").objects.create(
            kind="permen", number="30", year=2014, title="Pedoman", slug="permen-30-2014"
        )
        old.get_model("publications", "Partner").objects.create(
            name="KOMPAK", slug="kompak", kind="mitra_pembangunan"
        )

        new = migrate(AFTER)
        regulation_model = new.get_model("publications", "Regulation")
        partner_model = new.get_model("publications", "Partner")
        regulations = list(regulation_model.objects.select_related("locale"))
        partner = partner_model.objects.select_related("locale").get()

        assert {row.locale.language_code for row in regulations} == {"id"}
        assert partner.locale.language_code == "id" and partner.translation_key
        keys = [row.translation_key for row in regulations]
        assert None not in keys and len(set(keys)) == 2
        english = new.get_model("wagtailcore", "Locale").objects.get(language_code="en")
        first = regulations[0]
        # A translation keeps the slug, number and year of its source...
        regulation_model.objects.create(
            kind=first.kind,
            number=first.number,
            year=first.year,
            title="Public Services",
            slug=first.slug,
            translation_key=first.translation_key,
            locale=english,
        )
        # ...but one language holds one regulation per slug.
        with pytest.raises(IntegrityError), transaction.atomic():
            regulation_model.objects.create(
                kind="se", number="9", year=2014, title="X", slug=first.slug, locale=first.locale
            )
    finally:
        migrate(latest)
