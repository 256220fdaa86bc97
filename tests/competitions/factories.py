"""A competition with its stages laid out around a moment, and the people who take part.

competition = CompetitionFactory(parent=index, stage_now="desk")  # desk evaluation now
entry = EntryFactory(competition=competition)  # passed the administrative check
juror = JurorFactory(category=competition.categories.first())
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from competitions.models import (
    CompetitionCategory,
    CompetitionGroup,
    CompetitionIndexPage,
    CompetitionPage,
    CompetitionStage,
    Entry,
    Juror,
    JuryAssignment,
    ScoringCriterion,
    StageKind,
)
from innovations.models import Award
from tests.agencies.factories import UserFactory
from tests.innovations.factories import InnovationPageFactory

STAGE_ORDER = [
    StageKind.REGISTRATION,
    StageKind.ADMIN_CHECK,
    StageKind.DESK,
    StageKind.PRESENTATION,
    StageKind.FIELD,
    StageKind.OBJECTION,
    StageKind.ANNOUNCEMENT,
]
TOP_N = {StageKind.DESK: 3, StageKind.PRESENTATION: 2, StageKind.FIELD: 1}
LABELS = {StageKind.DESK: "Top 3", StageKind.PRESENTATION: "Top 2", StageKind.FIELD: "Pemenang"}


def competition_award():
    award, _ = Award.objects.get_or_create(
        slug="kipp-sulsel",
        defaults={"name": "Kompetisi Inovasi Pelayanan Publik Sulsel", "level": "provinsi"},
    )
    return award


def lay_out_stages(page, stage_now, now=None, days=10):
    """Stages of `days` days each, back to back, so that `stage_now` holds `now` (None:
    every stage is over)."""
    now = now or timezone.now()
    index = STAGE_ORDER.index(stage_now) if stage_now else len(STAGE_ORDER)
    start = now - datetime.timedelta(days=days * index + 1)
    stages = []
    for kind in STAGE_ORDER:
        end = start + datetime.timedelta(days=days)
        stages.append(
            CompetitionStage(
                page=page,
                kind=kind,
                starts_at=start,
                ends_at=end,
                top_n=TOP_N.get(kind),
                label=LABELS.get(kind, ""),
            )
        )
        start = end
    CompetitionStage.objects.bulk_create(stages)


class CompetitionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kompetisi"
    slug = "kompetisi"

    class Meta:
        model = CompetitionIndexPage


class CompetitionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kompetisi Inovasi Sulsel {2020 + n}")
    slug = factory.Sequence(lambda n: f"kipp-sulsel-{2020 + n}")
    year = 2025
    award = factory.LazyFunction(competition_award)
    min_implemented_months = 12
    require_verified_report = False

    class Meta:
        model = CompetitionPage
        skip_postgeneration_save = True

    @factory.post_generation
    def stage_now(self, create, extracted, **kwargs):
        """The stage running now (a StageKind), or False/None for a finished competition."""
        if not create:
            return
        CompetitionCategory.objects.create(page=self, name="Pelayanan publik", sort_order=0)
        CompetitionCategory.objects.create(page=self, name="Tata kelola", sort_order=1)
        CompetitionGroup.objects.create(page=self, name="Umum", slug="umum", sort_order=0)
        CompetitionGroup.objects.create(page=self, name="Replikasi", slug="replikasi", sort_order=1)
        for kind, names in {
            StageKind.DESK: [("Kebaruan", 40), ("Dampak", 30), ("Keberlanjutan", 30)],
            StageKind.PRESENTATION: [("Paparan", 100)],
            StageKind.FIELD: [("Kesesuaian lapangan", 100)],
        }.items():
            for order, (name, weight) in enumerate(names):
                ScoringCriterion.objects.create(
                    page=self, stage_kind=kind, name=name, weight=weight, sort_order=order
                )
        lay_out_stages(self, extracted if extracted is not None else StageKind.REGISTRATION)


class EntryFactory(factory.django.DjangoModelFactory):
    competition = factory.SubFactory(CompetitionPageFactory)
    innovation = factory.SubFactory(InnovationPageFactory)
    category = factory.LazyAttribute(lambda o: o.competition.categories.first())
    group = factory.LazyAttribute(lambda o: o.competition.groups.first())
    status = Entry.Status.PASSED
    submitted_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Entry


class JurorFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"juri{n}"))
    institution = "Universitas Uji"

    class Meta:
        model = Juror
        skip_postgeneration_save = True

    @factory.post_generation
    def category(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create:
            self.user.groups.add(Group.objects.get(name="Juri"))
            if extracted:
                JuryAssignment.objects.create(juror=self, category=extracted)
