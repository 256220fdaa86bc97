import datetime

import pytest
import wagtail_factories

from innovations.models import (
    Award,
    InnovationAward,
    InnovationDocument,
    InnovationGalleryImage,
    InnovationStep,
    SustainableDevelopmentGoal,
)
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
    KeyFigureFactory,
    ReplicationFactory,
    region,
    sector,
)


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    """Most tests look at the work behind an answer, the count included; test_http.py turns
    the caches back on."""
    settings.API_CACHE_SECONDS = 0
    settings.API_COUNT_CACHE_SECONDS = 0


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)


@pytest.fixture
def make_innovation(catalogue):
    def make(**kwargs):
        return InnovationPageFactory(parent=catalogue, **kwargs)

    return make


@pytest.fixture
def full_innovation(make_innovation, home_page):
    """An innovation with every kind of field filled, as an API client would see it."""
    hero = wagtail_factories.ImageFactory(
        title="Petugas melayani warga", file__width=1600, file__height=1200
    )
    document = wagtail_factories.DocumentFactory(title="SOP Layanan Keliling")
    gallery = wagtail_factories.ImageFactory(
        title="Mobil layanan", file__width=800, file__height=600
    )
    page = make_innovation(
        title="Adminduk Keliling",
        tagline="Dokumen kependudukan diantar ke desa",
        hero_image=hero,
        is_digital=True,
        cost=120_000_000,
        budget_source="apbd",
        results=f'<p>Lihat <a linktype="page" id="{home_page.pk}">beranda</a>.</p>',
        contact_email="inovasi@example.go.id",
        regions=[region("73.71"), region("73.02")],
        sectors=[sector("kesehatan")],
    )
    page.sdgs.set([SustainableDevelopmentGoal.objects.get(number=3)])
    page.tags.add("adminduk", "jemput bola")
    KeyFigureFactory(page=page)
    ReplicationFactory(page=page, agency=AgencyFactory(region=region("73.02")))
    InnovationStep.objects.create(page=page, title="Uji coba di dua desa", period="2019")
    InnovationAward.objects.create(
        page=page, award=Award.objects.get(slug="kipp"), year=2021, rank="Top 99"
    )
    InnovationDocument.objects.create(page=page, document=document, kind="sop")
    InnovationGalleryImage.objects.create(page=page, image=gallery, caption="Mobil layanan")
    page.launched_on = datetime.date(2019, 1, 15)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
