"""Uploaded files served by the development server, without the private ones.

Documents may be private (collection privacy, page restrictions), and only Wagtail's serve
view (/dokumen/) checks that, so a document's file URL under /media/documents/ must never
answer, in development as in production (the web-server rule in docs/deployment.md, the
bucket policy with MEDIA_STORAGE=s3).
"""

import posixpath
import re

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

PRIVATE_PREFIXES = ("documents/",)


def serve_media(request, path):
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.startswith(PRIVATE_PREFIXES) or normalised.startswith(".."):
        raise Http404
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)


def development_media_urls():
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media)]
