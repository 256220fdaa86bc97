"""Demo content for `manage.py load_demo`: page tree, agencies, innovations, media.

Every step looks up what it would create first, so a second run changes nothing.
"""

from django.db import transaction

from home.models import HomePageFeaturedInnovation
from innovations.models import InnovationPage
from publications import demo as publications_demo

from .agencies import load_agencies
from .innovations import InnovationBuilder
from demo.media import demo_collection
from .site import load_catalogue, load_home_page, load_site_settings

FEATURED = ["home-care-dottorota", "brigade-siaga-bencana", "dukcapil-goes-to-school"]


def load(stdout):
    with transaction.atomic():
        home = load_home_page()
        catalogue = load_catalogue(home)
        load_site_settings()
        # Publications first: the innovations link the regulations it creates.
        publications_demo.load(home, stdout)
        agencies = load_agencies()
        builder = InnovationBuilder(catalogue, agencies, demo_collection(), stdout)
        created = builder.build_all()
        if not home.featured_innovations.exists():
            feature(home, catalogue)
    stdout.write(f"innovations: {created} created, {len(agencies)} agencies\n")
    return created


def feature(home, catalogue):
    """Pick the editors' choice on the home page, published as a revision like an edit."""
    pages = {page.slug: page for page in InnovationPage.objects.child_of(catalogue)}
    home.featured_innovations = [
        HomePageFeaturedInnovation(innovation=pages[slug], sort_order=order)
        for order, slug in enumerate(FEATURED)
        if slug in pages
    ]
    home.save_revision().publish()
