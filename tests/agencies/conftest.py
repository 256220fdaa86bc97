import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.hooks import search_for_hooks
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from agencies.roles import ensure_agency_collection
from tests.agencies.factories import ModeratorFactory, OfficerFactory, VerifierFactory
from tests.home.factories import default_site_home
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
)

# Strings that only exist in agency B's unpublished content: none of them may reach an
# officer of agency A through any door.
SECRETS = ("Draf Rahasia B", "Halaman Tersembunyi B", "gambar-rahasia-b", "dokumen-rahasia-b")


class World:
    """Two agencies, their people, and content of each (agency B's partly unpublished)."""


def build_world(home_page):
    search_for_hooks()
    w = World()
    w.catalogue = InnovationIndexPageFactory(parent=home_page)
    w.agency_a, w.agency_b = AgencyFactory(name="Dinas A"), AgencyFactory(name="Dinas B")
    w.officer_a = OfficerFactory(agency=w.agency_a)
    w.officer_b = OfficerFactory(agency=w.agency_b)
    w.verifier_a = VerifierFactory(agency=w.agency_a)
    w.moderator = ModeratorFactory()
    w.own = InnovationPageFactory(parent=w.catalogue, agency=w.agency_a, title="Inovasi Milik A")
    w.own.save_revision(user=w.officer_a).publish()
    w.own.refresh_from_db()
    w.foreign = InnovationPageFactory(
        parent=w.catalogue, agency=w.agency_b, title="Inovasi Publik B"
    )
    w.foreign.title = "Draf Rahasia B"
    w.foreign_revision = w.foreign.save_revision(user=w.officer_b)
    w.foreign.refresh_from_db()
    w.foreign_hidden = InnovationPageFactory(
        parent=w.catalogue, agency=w.agency_b, title="Halaman Tersembunyi B", live=False
    )
    w.foreign_hidden.save_revision(user=w.officer_b)

    images, documents = get_image_model(), get_document_model()
    w.collection_a = ensure_agency_collection(w.agency_a)
    w.collection_b = ensure_agency_collection(w.agency_b)
    w.image_a = images.objects.create(
        title="gambar-milik-a", file=get_test_image_file(), collection=w.collection_a
    )
    w.image_b = images.objects.create(
        title="gambar-rahasia-b",
        file=get_test_image_file(),
        collection=w.collection_b,
        uploaded_by_user=w.officer_b,
    )
    w.document_b = documents.objects.create(
        title="dokumen-rahasia-b",
        file=ContentFile(b"rahasia", name="rahasia.txt"),
        collection=w.collection_b,
        uploaded_by_user=w.officer_b,
    )
    return w


@pytest.fixture
def world(home_page):
    return build_world(home_page)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """`world` built once per module (and per xdist worker), for modules whose tests only read
    it: it lives in a transaction rolled back after the module's last test, and each test runs
    in a savepoint inside it (pytest-django's `db`), so what a test writes is gone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(default_site_home())
        transaction.set_rollback(True)
