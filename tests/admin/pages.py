"""One page of every page type under a home page, for tests that walk the admin's page screens."""

from tests.competitions.factories import CompetitionIndexPageFactory, CompetitionPageFactory
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.publications import factories as pub


def one_page_of_each_type(home):
    innovations = InnovationIndexPageFactory(parent=home)
    news = pub.NewsIndexPageFactory(parent=home)
    resources = pub.LearningResourceIndexPageFactory(parent=home)
    events = pub.EventIndexPageFactory(parent=home)
    regulations = pub.RegulationIndexPageFactory(parent=home)
    partners = pub.PartnersPageFactory(parent=home)
    competitions = CompetitionIndexPageFactory(parent=home)
    children = [
        InnovationPageFactory(parent=innovations),
        pub.NewsPageFactory(parent=news),
        pub.LearningResourcePageFactory(parent=resources),
        pub.EventPageFactory(parent=events),
        CompetitionPageFactory(parent=competitions),
    ]
    indexes = [innovations, news, resources, events, regulations, partners, competitions]
    return [home, *indexes, *children]
