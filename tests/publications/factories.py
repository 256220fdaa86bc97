import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from publications.models import (
    EventIndexPage,
    EventPage,
    EventRegistration,
    LearningResourceIndexPage,
    LearningResourcePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    Partner,
    PartnersPage,
    Regulation,
    RegulationIndexPage,
    ResourceTopic,
)


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)


class ResourceTopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topik {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = ResourceTopic
        django_get_or_create = ("slug",)


class RegulationFactory(factory.django.DjangoModelFactory):
    kind = Regulation.Kind.PERMEN
    number = factory.Sequence(lambda n: str(n + 1))
    year = 2014
    title = factory.Sequence(lambda n: f"Pedoman Inovasi {n}")
    slug = factory.LazyAttribute(lambda o: f"{o.kind}-{o.number}-{o.year}")
    summary = "Pedoman bagi instansi pemerintah."

    class Meta:
        model = Regulation


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Mitra {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Partner.Kind.NGO
    website = "https://mitra.example.org"
    description = "Mendukung pertukaran pengetahuan."

    class Meta:
        model = Partner


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Berita"
    slug = "berita"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kabar inovasi {n}")
    date = datetime.date(2021, 3, 10)
    summary = "Ringkasan kabar inovasi pelayanan publik."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Isi berita tentang inovasi pelayanan publik.</p>")]
    )

    class Meta:
        model = NewsPage


class LearningResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Sumber Belajar"
    slug = "sumber-belajar"

    class Meta:
        model = LearningResourceIndexPage


class LearningResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Panduan {n}")
    resource_type = LearningResourcePage.ResourceType.GUIDE
    audience = LearningResourcePage.Audience.FRONT_LINE
    level = LearningResourcePage.Level.BASIC
    duration_minutes = 90
    summary = "Yang akan dipelajari pembaca."

    class Meta:
        model = LearningResourcePage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            # A ParentalManyToManyField is only written to the database on save.
            self.topics.set(extracted)
            self.save()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kegiatan"
    slug = "kegiatan"

    class Meta:
        model = EventIndexPage


def in_days(days, hour=9):
    """An aware datetime `days` from today at `hour` o'clock WITA."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kaji tiru {n}")
    event_type = EventPage.EventType.STUDY_VISIT
    start = factory.LazyFunction(lambda: in_days(10, 9))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=7))
    venue = "Baruga Lounge Kantor Gubernur Sulsel"
    address = "Jl. Urip Sumoharjo, Makassar"
    summary = "Belajar langsung dari inovator."
    capacity = 30

    class Meta:
        model = EventPage


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Peserta {n}")
    agency = "Dinas Kesehatan"
    email = factory.Sequence(lambda n: f"peserta{n}@example.go.id")
    phone = "0812 3456 7890"
    # Confirmed from the mailbox, so it takes a seat (publications.models.events).
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = EventRegistration


class RegulationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Regulasi"
    slug = "regulasi"

    class Meta:
        model = RegulationIndexPage


class PartnersPageFactory(wagtail_factories.PageFactory):
    title = "Mitra"
    slug = "mitra"

    class Meta:
        model = PartnersPage
