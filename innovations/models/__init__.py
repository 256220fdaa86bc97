from .pages import (
    BUDGET_BANDS,
    BudgetBand,
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
    "BUDGET_BANDS",
    "BudgetBand",
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
