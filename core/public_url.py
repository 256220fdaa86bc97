"""The portal's one public origin (settings.PUBLIC_BASE_URL) and the Site record kept in step.

Every absolute URL the portal writes comes from here or from Wagtail's Site record (page
`full_url`, the API's `html_url`), never from the request's Host header: the same page
reached through two host names must name one canonical address, and robots.txt must point
at a sitemap on the host its URLs use. The default Site is rewritten to the setting's host
and port after every `migrate` and by `load_demo`.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """The public origin without a trailing slash, e.g. https://jipp.sulselprov.go.id."""
    return settings.PUBLIC_BASE_URL.rstrip("/")


def public_url(path):
    """The absolute public URL of a site path; an absolute URL is returned unchanged."""
    if not path:
        return base_url() + "/"
    if path.startswith(("http://", "https://", "//")):
        return path
    return base_url() + ("" if path.startswith("/") else "/") + path


def site_address():
    """(hostname, port) of the default Site record that matches the public origin."""
    parts = urlsplit(base_url())
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(**kwargs):
    """Give the default Site the public origin's host and port (a post_migrate receiver)."""
    from wagtail.models import Site

    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    if Site.objects.exclude(pk=site.pk).filter(hostname=hostname, port=port).exists():
        return
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
