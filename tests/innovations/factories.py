import datetime

import factory
import wagtail_factories
from django.utils.text import slugify

from innovations.models import (
    Agency,
    Award,
    InnovationAward,
    InnovationIndexPage,
    InnovationKeyFigure,
    InnovationPage,
    InnovationReplication,
    Region,
    Sector,
)


def region(bps_code="73.71"):
    """Regions are reference data loaded by migration; tests pick them by BPS code."""
    return Region.objects.get(bps_code=bps_code)


def sector(slug="kesehatan"):
    return Sector.objects.get(slug=slug)


class AgencyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dinas Uji Coba {n}")
    acronym = factory.Sequence(lambda n: f"DUC{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Agency.Kind.LOCAL_OPD
    region = factory.LazyFunction(region)

    class Meta:
        model = Agency


class InnovationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Katalog Inovasi"
    slug = "inovasi"

    class Meta:
        model = InnovationIndexPage


class InnovationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inovasi Layanan {n}")
    summary = "Pelayanan administrasi kependudukan langsung di desa."
    agency = factory.SubFactory(AgencyFactory)
    form = InnovationPage.Form.PUBLIC_SERVICE
    initiator = InnovationPage.Initiator.OPD
    stage = InnovationPage.Stage.IMPLEMENTATION
    launched_on = datetime.date(2019, 1, 15)
    trial_started_on = datetime.date(2019, 6, 1)
    implemented_on = datetime.date(2020, 1, 2)
    problem = "<p>Warga harus menempuh perjalanan jauh.</p>"
    approach = "<p>Petugas datang ke desa.</p>"

    class Meta:
        model = InnovationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            self.regions.set(extracted if extracted is not None else [self.agency.region])

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create:
            self.sectors.set(extracted if extracted is not None else [sector()])

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create and extracted:
            self.sdgs.set(extracted)

    @factory.post_generation
    def persist_relations(self, create, extracted, **kwargs):
        """ParentalManyToManyField values set above are written by the page's save()."""
        if create:
            self.save()


class KeyFigureFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(InnovationPageFactory)
    label = "Waktu layanan"
    value = 2
    unit = "hari"
    baseline = 14

    class Meta:
        model = InnovationKeyFigure


class AwardItemFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(InnovationPageFactory)
    award = factory.LazyFunction(lambda: Award.objects.get(slug="kipp"))
    year = 2021
    rank = "Top 99"

    class Meta:
        model = InnovationAward


class ReplicationFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(InnovationPageFactory)
    region = factory.LazyFunction(lambda: region("73.02"))
    year = 2022
    status = InnovationReplication.Status.REPLICATED

    class Meta:
        model = InnovationReplication
        skip_postgeneration_save = True

    @factory.post_generation
    def recount(self, create, extracted, **kwargs):
        """The page keeps its replication count up to date when it is saved."""
        if create:
            self.page.save()
