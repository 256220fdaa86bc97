"""Rich text is cleaned whenever it is stored, whoever stores it.

The admin's editor converts what editors type into Wagtail's stored format and drops unsafe
markup on the way, but imports, the shell, data migrations, the demo loader and the API write
``RichTextField`` values directly. One ``pre_save`` receiver runs every RichTextField value
through the same whitelist as ``SafeRichTextBlock``, so ``javascript:`` links, scripts and
event-handler attributes never reach a template.
"""

from functools import cache

from django.db.models.signals import pre_save
from wagtail.fields import RichTextField

from .blocks import sanitize_rich_text


@cache
def rich_text_fields(model):
    return tuple(
        field.attname for field in model._meta.concrete_fields if isinstance(field, RichTextField)
    )


def clean_rich_text(value):
    """The whitelisted value; text without markup is left as it is (the common case)."""
    if not isinstance(value, str) or "<" not in value:
        return value
    return sanitize_rich_text(value)


def clean_rich_text_fields(sender, instance, raw=False, **kwargs):
    # Fixtures (raw) are loaded as they were dumped.
    if raw:
        return
    for name in rich_text_fields(type(instance)):
        setattr(instance, name, clean_rich_text(getattr(instance, name)))


def connect():
    pre_save.connect(clean_rich_text_fields, dispatch_uid="core.clean_rich_text_fields")
