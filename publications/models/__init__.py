from .directory import PartnersPage, RegulationIndexPage
from .events import EventIndexPage, EventPage, EventRegistration, RegistrationClosed
from .news import NewsIndexPage, NewsPage, NewsPageAuthor
from .resources import LearningResourceDocument, LearningResourceIndexPage, LearningResourcePage
from .snippets import NewsCategory, Partner, Regulation, ResourceTopic

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "LearningResourceDocument",
    "LearningResourceIndexPage",
    "LearningResourcePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageAuthor",
    "Partner",
    "PartnersPage",
    "RegulationIndexPage",
    "Regulation",
    "RegistrationClosed",
    "ResourceTopic",
]
