from .pages import (
    InnovationAward,
    InnovationDocument,
    InnovationGalleryImage,
    InnovationIndexPage,
    InnovationKeyFigure,
    InnovationPage,
    InnovationPageTag,
    InnovationReplication,
    InnovationStep,
)
from .taxonomies import Agency, Award, Region, Sector, SustainableDevelopmentGoal

__all__ = [
    "Agency",
    "Award",
    "InnovationAward",
    "InnovationDocument",
    "InnovationGalleryImage",
    "InnovationIndexPage",
    "InnovationKeyFigure",
    "InnovationPage",
    "InnovationPageTag",
    "InnovationReplication",
    "InnovationStep",
    "Region",
    "Sector",
    "SustainableDevelopmentGoal",
]
