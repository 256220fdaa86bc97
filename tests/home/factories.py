import factory
import wagtail_factories
from wagtail.models import Page, Site

from core.public_url import site_address
from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Jaringan Inovasi Pelayanan Publik Sulawesi Selatan"
    slug = "beranda"
    lead = "Wadah berbagi inovasi pelayanan publik se-Sulawesi Selatan."
    about = factory.LazyFunction(lambda: "<p>JIPP Sulsel menghubungkan para inovator.</p>")

    class Meta:
        model = HomePage


def default_site_home():
    """A home page at the root of the default site, as load_demo builds it."""
    home = HomePageFactory(parent=Page.get_first_root_node())
    hostname, port = site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "root_page": home,
            "site_name": "JIPP Sulsel",
        },
    )
    return home
