"""Renditions the API serves are made when an image is uploaded or a page published.

Made on read instead, the first listing with ``fields=*`` after an import generated hundreds
of renditions in one request (over 60 s cold) and held a worker the whole time.
"""

import logging

from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, SourceImageIOError
from wagtail.signals import page_published

from .serializers import RENDITIONS

logger = logging.getLogger(__name__)


def make_renditions(image):
    try:
        image.get_renditions(*RENDITIONS.values())
    except (SourceImageIOError, OSError, ValueError):
        logger.warning("Renditions of image %s not made: its file cannot be read", image.pk)


def _image_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        make_renditions(instance)


def _page_published(sender, instance, **kwargs):
    """Images the page points at directly (hero, lead image) that still lack a rendition."""
    for field in instance._meta.concrete_fields:
        if field.is_relation and issubclass(field.related_model, AbstractImage):
            image = getattr(instance, field.name)
            if image is not None:
                make_renditions(image)


def connect():
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="api.renditions")
    page_published.connect(_page_published, dispatch_uid="api.renditions.published")
