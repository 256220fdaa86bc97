"""The page tree's top (demo/data/site.yaml): the home page replacing Wagtail's welcome
page, the catalogue, and the site settings with the Biro Organisasi's contact details."""

from wagtail.models import Page, Site

from core.public_url import site_address
from demo import datafiles
from demo.pages import get_or_add_child, save_changed
from home.models import HomePage, SiteSettings
from innovations.models import InnovationIndexPage


def load(stdout):
    data = datafiles.read("site")
    home = load_home_page(data)
    load_catalogue(home, data["catalogue"])
    load_site_settings(data["contact"])
    stdout.write(f"site: {home.title}\n")


def load_home_page(data):
    """The HomePage at the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code="id").first()
    if home is None:
        fields = data["home"]
        home = root.add_child(instance=HomePage(live=False, **fields))
        home.save_revision().publish()
    hostname, port = site_address()
    wanted = {**data["site"], "hostname": hostname, "port": port, "root_page_id": home.pk}
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(is_default_site=True, **wanted)
    elif any(getattr(site, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(site, field, value)
        site.save()
    # Wagtail's initial migration leaves a plain "Welcome" page as the site root.
    for welcome in root.get_children().exact_type(Page).filter(slug="home"):
        welcome.delete()
    return home


def load_catalogue(home, fields):
    fields = dict(fields)
    return get_or_add_child(
        home, InnovationIndexPage, fields.pop("slug"), show_in_menus=True, **fields
    )[0]


def load_site_settings(contact):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return save_changed(settings, contact)
