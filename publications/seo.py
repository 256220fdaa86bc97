"""schema.org descriptions of the organisation behind the portal."""

from wagtail.models import Site

from home.models import SiteSettings

ORGANISATION_DEFAULT_NAME = "Biro Organisasi Setda Provinsi Sulawesi Selatan"


def organisation_data(request=None):
    """The GovernmentOrganization that publishes JIPP Sulsel, from the site settings."""
    site = (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )
    data = {
        "@type": "GovernmentOrganization",
        "name": ORGANISATION_DEFAULT_NAME,
        "alternateName": "JIPP Sulsel",
        "areaServed": {"@type": "AdministrativeArea", "name": "Sulawesi Selatan"},
    }
    if site is None:
        return data
    data["url"] = site.root_url + "/"
    settings = SiteSettings.for_request(request) if request else SiteSettings.for_site(site)
    data["name"] = settings.organisation_name or ORGANISATION_DEFAULT_NAME
    if settings.address:
        data["address"] = settings.address
    if settings.email:
        data["email"] = settings.email
    if settings.phone:
        data["telephone"] = settings.phone
    same_as = [
        url
        for url in (
            settings.instagram_url,
            settings.facebook_url,
            settings.youtube_url,
            settings.x_url,
        )
        if url
    ]
    if same_as:
        data["sameAs"] = same_as
    return data


def home_page_data(page, request=None):
    """JSON-LD for the home page: the organisation itself, and the site it publishes."""
    organisation = {"@context": "https://schema.org", **organisation_data(request)}
    organisation["description"] = page.lead
    return organisation
