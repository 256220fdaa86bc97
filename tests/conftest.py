import pytest
from wagtail.models import Page, Site

from tests.home.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    """A home page at the root of the default site, as load_demo builds it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "JIPP Sulsel",
        },
    )
    return home
