"""What search engines and social networks read about a page: one mixin, one template.

A page type mixes in `SeoMixin` and, where it has more to say, overrides `schema_type`,
`og_type`, `social_image`, `social_description` or `structured_data()`. The template
`core/seo.html` (included by base.html for every page) writes the meta description with
its fallback, the canonical link, Open Graph, the Twitter card and the JSON-LD from them.
Views of routable pages may override per response with the context variables
`canonical_url`, `og_title`, `seo_description` and `structured_data`.
"""

import json
import logging

from django.apps import apps
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from core.public_url import public_url

ORGANISATION_DEFAULT_NAME = "Biro Organisasi Setda Provinsi Sulawesi Selatan"
# The site settings that name the publisher. Looked up by name, not imported: core sits
# below the domain apps (home owns the settings model).
PUBLISHER_SETTINGS_MODEL = "home.SiteSettings"
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"

logger = logging.getLogger(__name__)

# JSON inside <script> must not be able to close the element or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def social_rendition(image):
    """The link-preview rendition of an image, or None when there is no image or its
    original file cannot be read (the page is served without a preview image, not a 500)."""
    if image is None:
        return None
    try:
        return image.get_rendition(SOCIAL_IMAGE_SPEC)
    except (SourceImageIOError, OSError):
        logger.warning("Social image of image %s not made: its file cannot be read", image.pk)
        return None


def json_ld_script(data):
    """schema.org JSON-LD as a data block: never executed, so allowed by the strict CSP."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 - escaped above for the script context
    )


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
    data["url"] = public_url("/")
    model = apps.get_model(PUBLISHER_SETTINGS_MODEL)
    settings = model.for_request(request) if request else model.for_site(site)
    data["name"] = settings.organisation_name or ORGANISATION_DEFAULT_NAME
    contact = {"address": settings.address, "email": settings.email, "telephone": settings.phone}
    data.update({key: value for key, value in contact.items() if value})
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


class SeoMixin:
    """Open Graph, Twitter card and schema.org data of a page type."""

    schema_type = "WebPage"
    og_type = "website"

    @property
    def social_image(self):
        return getattr(self, "lead_image", None)

    @property
    def social_description(self):
        return self.search_description or getattr(self, "summary", "") or ""

    def social_image_url(self, request):
        """Absolute URL of the 1200x630 JPEG that link previews show, or None."""
        rendition = social_rendition(self.social_image)
        return public_url(rendition.url) if rendition else None

    def structured_data(self, request=None):
        data = {
            "@context": "https://schema.org",
            "@type": self.schema_type,
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": "id",
            "description": self.social_description,
            "publisher": organisation_data(request),
        }
        image_url = self.social_image_url(request)
        if image_url:
            data["image"] = image_url
        return data
