"""Previews in a separate front end, next to the site's own template preview.

A page type that mixes in HeadlessPreviewModeMixin gets a second preview mode, "Front end
terpisah", when HEADLESS_PREVIEW_CLIENT_URL is set; the default mode stays the page's own
template. The front end receives ?content_type=...&token=... and fetches the draft from
/api/v2/page_preview/ (api/endpoints.py). docs/api.md describes the set-up.
"""

from django.utils.translation import gettext_lazy as _
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings

HEADLESS_MODE = "headless"


def client_url_configured():
    return bool(headless_preview_settings.CLIENT_URLS.get("default"))


class HeadlessPreviewModeMixin(HeadlessPreviewMixin):
    @property
    def preview_modes(self):
        modes = list(super().preview_modes)
        if client_url_configured():
            modes.append((HEADLESS_MODE, _("Front end terpisah")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name == HEADLESS_MODE and client_url_configured():
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
