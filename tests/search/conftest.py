import datetime

import pytest
from wagtail.search.index import insert_or_update_object

from publications.models import Regulation
from search import service
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
    region,
    sector,
)


@pytest.fixture(autouse=True)
def _engine_not_paused():
    from search.service import resume_engine

    resume_engine()
    yield
    resume_engine()


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)


@pytest.fixture
def innovations(catalogue):
    """Three innovations with distinct words, regions, sectors and years."""
    makassar = AgencyFactory(
        name="Dinas Kependudukan dan Pencatatan Sipil Kota Makassar",
        acronym="Disdukcapil",
        region=region("73.71"),
    )
    bulukumba = AgencyFactory(
        name="Dinas Kesehatan Kabupaten Bulukumba", acronym="Dinkes", region=region("73.02")
    )
    pages = {
        "sipakainga": InnovationPageFactory(
            parent=catalogue,
            title="Sipakainga: layanan kependudukan keliling",
            slug="sipakainga",
            tagline="Dokumen kependudukan diantar ke desa",
            summary="Pelayanan administrasi kependudukan langsung di desa terpencil.",
            agency=makassar,
            regions=[region("73.71")],
            sectors=[sector("kependudukan")],
            launched_on=datetime.date(2019, 1, 15),
        ),
        "puskesmas": InnovationPageFactory(
            parent=catalogue,
            title="Puskesmas tanpa antre",
            slug="puskesmas-tanpa-antre",
            tagline="Antrean daring untuk pasien",
            summary="Pasien mengambil nomor antrean dari rumah lewat pesan singkat.",
            agency=bulukumba,
            regions=[region("73.02")],
            sectors=[sector("kesehatan")],
            launched_on=datetime.date(2021, 3, 1),
            trial_started_on=datetime.date(2021, 4, 1),
            implemented_on=datetime.date(2021, 9, 1),
        ),
        "sekolah": InnovationPageFactory(
            parent=catalogue,
            title="Sekolah ramah anak",
            slug="sekolah-ramah-anak",
            tagline="",
            summary="Guru dan orang tua merancang sekolah yang aman bagi anak.",
            agency=bulukumba,
            regions=[region("73.02"), region("73.71")],
            sectors=[sector("pendidikan")],
            launched_on=datetime.date(2021, 6, 1),
            trial_started_on=datetime.date(2021, 7, 1),
            implemented_on=datetime.date(2022, 1, 10),
        ),
    }
    # Indexed again once their regions and sectors are written (see many_bridges).
    for page in pages.values():
        insert_or_update_object(page)
    return pages


@pytest.fixture
def regulation(db):
    return Regulation.objects.create(
        kind=Regulation.Kind.PERMEN,
        number="91",
        year=2021,
        issuer="Kementerian PANRB",
        title="Pembinaan inovasi pelayanan publik",
        slug="permenpanrb-91-2021",
        summary="Pedoman pembinaan dan kompetisi inovasi pelayanan publik.",
    )


@pytest.fixture
def many_bridges(catalogue, monkeypatch):
    """14 innovations about bridges: 9 in Makassar, 5 in Bulukumba; more than the old cap."""
    monkeypatch.setattr(service, "MAX_MATCHES", 3)
    pages = []
    for number in range(14):
        makassar = number < 9
        pages.append(
            InnovationPageFactory(
                parent=catalogue,
                title=f"Jembatan gantung desa nomor {number}",
                slug=f"jembatan-{number}",
                summary="Jembatan gantung menghubungkan desa dengan pasar.",
                regions=[region("73.71" if makassar else "73.02")],
                sectors=[sector("kesehatan" if number % 2 else "pendidikan")],
                launched_on=datetime.date(2015 + number % 3, 1, 1),
            )
        )
    # The page's post_save indexed it before its regions and sectors were written (modelcluster
    # commits them after saving the page); publishing re-indexes once all is written.
    for page in pages:
        insert_or_update_object(page)
    return pages
