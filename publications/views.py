"""Site-wide views the publications work owns: robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.public_url import public_url


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Let crawlers in, keep them out of the admin and the search results, point at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /cari/",
        "Allow: /",
        "",
        f"Sitemap: {public_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
