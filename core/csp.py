"""Content-Security-Policy header (Django 5.2 has none built in).

The public site gets a strict policy: everything from our own origin, no inline script or
style, no plugins, no framing. The Wagtail admin (and Django's admin) run inline scripts and
styles of their own, so paths under ``CSP_ADMIN_PATH_PREFIXES`` get the looser
``CSP_ADMIN_POLICY``. A page previewed in the admin keeps the public policy but may be framed
by the admin (Wagtail renders previews through this middleware with a dummy request for the
page's public URL). A response that already carries a policy keeps it.

Settings (all optional): ``CSP_POLICY`` and ``CSP_ADMIN_POLICY`` (dicts of directive to list
of sources), ``CSP_ADMIN_PATH_PREFIXES``, and ``CSP_REPORT_ONLY``, which defaults to DEBUG so
that Django's debug pages keep working in development while violations still show in the
browser console.
"""

from urllib.parse import urlsplit

from django.conf import settings

SELF = "'self'"
NONE = "'none'"

# Video embeds in case studies and news (wagtail.embeds) come from these players.
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]

DEFAULT_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": [SELF, *EMBED_FRAME_SOURCES],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

DEFAULT_ADMIN_POLICY = {
    **DEFAULT_POLICY,
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    # The admin previews pages in a frame of its own origin.
    "frame-ancestors": [SELF],
}

DEFAULT_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")


def _media_origin():
    """Media on another host (object storage, CDN) must be allowed for images and video."""
    parts = urlsplit(settings.MEDIA_URL)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def build_policy(directives):
    media_origin = _media_origin()
    rendered = []
    for name, sources in directives.items():
        sources = list(sources)
        if media_origin and name in {"img-src", "media-src"}:
            sources.append(media_origin)
        rendered.append(" ".join([name, *sources]))
    return "; ".join(rendered)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        public = getattr(settings, "CSP_POLICY", DEFAULT_POLICY)
        self.policy = build_policy(public)
        self.preview_policy = build_policy({**public, "frame-ancestors": [SELF]})
        self.admin_policy = build_policy(
            getattr(settings, "CSP_ADMIN_POLICY", DEFAULT_ADMIN_POLICY)
        )
        self.admin_prefixes = tuple(
            getattr(settings, "CSP_ADMIN_PATH_PREFIXES", DEFAULT_ADMIN_PATH_PREFIXES)
        )
        report_only = getattr(settings, "CSP_REPORT_ONLY", settings.DEBUG)
        self.header = (
            "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" in response or self.header in response:
            return response
        if request.path_info.startswith(self.admin_prefixes):
            response[self.header] = self.admin_policy
        elif getattr(request, "is_preview", False):
            # Set by Wagtail's preview handler; the admin's preview panel frames the page.
            response[self.header] = self.preview_policy
        else:
            response[self.header] = self.policy
        return response
