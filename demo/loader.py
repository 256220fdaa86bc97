"""The one entry point of the demo content: each area's loader, in a fixed order.

An area is a module demo/loaders/<area>.py with a function `load(stdout)` that creates
what is missing of its content (usually read from demo/data/<area>.yaml) and writes one
line of what it did. The order matters because later areas look up what earlier ones made:
the page tree and settings first, publications before innovations (innovations link the
regulations), then the areas built on innovations and agencies.
"""

import importlib
import pkgutil

from django.db import transaction

from demo import loaders

AREAS = (
    "site",  # home page, catalogue, site settings
    "publications",  # news, resources, events, regulations, partners
    "innovations",  # agencies and the 70 illustrated innovations, home page picks
    "agencies",  # accounts, roles and memberships (needs the agencies)
    "complaints",  # complaints about public services (need agencies and their liaisons)
    "replication",  # replication requests (need innovations and liaisons)
    "monitoring",  # monitoring reports, peer review, the index (need innovations, officers)
    "competitions",  # competitions, entries, juries (need innovations, monitoring)
    "search",  # synonyms, popular searches, the vocabulary of the content above
    "english",  # translations of what all the others created: last of the content
    "similar",  # "Inovasi serupa" lists of every case study, ranked at the commit
)


def area_modules():
    """The area loaders present in demo/loaders/: those in AREAS in that order, then any
    other in alphabetical order, so a new area runs even before it is listed."""
    present = {info.name for info in pkgutil.iter_modules(loaders.__path__)}
    ordered = [area for area in AREAS if area in present]
    ordered += sorted(present - set(AREAS))
    return [importlib.import_module(f"demo.loaders.{area}") for area in ordered]


def load(stdout):
    """Run every area's loader in one transaction: a failure leaves the database as it was."""
    with transaction.atomic():
        for module in area_modules():
            module.load(stdout)
