"""Django's `i18n` template library, with `{% translate "constant text" %}` rendered once per
language: the template backend (core/templates.py) names this module as the `i18n` library,
so `{% load i18n %}` loads it in every template, the admin's included.

Django's tag makes a lazy string on each render, which the output then translates (two
catalogue lookups that miss in Indonesian, the source language) and escapes: about 6 us a
tag, and a case study renders 74 of them. A tag whose text is a literal, with no filter and
no message context, gives the same output for a language as long as the catalogues are
those loaded; each compiled template keeps that output per language and autoescape.
Everything else (variables, filters, `noop`, `context`, `blocktranslate`) is Django's own.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Library
from django.template.base import render_value_in_context
from django.templatetags import i18n as django_i18n
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)

# Settings whose change reloads the translation catalogues (Django resets its own caches on
# the same signal): the outputs kept before it are not used after it.
CATALOGUE_SETTINGS = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}
_catalogues = [0]


@receiver(setting_changed)
def _catalogues_changed(setting, **kwargs):
    if setting in CATALOGUE_SETTINGS:
        _catalogues[0] += 1


class KeptTranslateNode(django_i18n.TranslateNode):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        expression = self.filter_expression
        self.constant = (
            not self.noop
            and self.message_context is None
            and not expression.filters
            and getattr(expression.var, "literal", None) is not None
        )
        self.outputs = {}

    def render(self, context):
        if not self.constant:
            return super().render(context)
        key = (get_language(), context.autoescape, _catalogues[0])
        value = self.outputs.get(key)
        if value is None:
            value = self.outputs[key] = self._translated(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def _translated(self, context):
        """The output of Django's render without `as` (the node itself is never changed:
        threads may render it at once)."""
        self.filter_expression.var.translate = True
        value = render_value_in_context(self.filter_expression.resolve(context), context)
        # Percent signs are doubled in template text, as Django's tag restores them.
        restored = value.replace("%%", "%")
        return mark_safe(restored) if isinstance(value, SafeData) else restored  # noqa: S308 - safe before the percent signs were restored


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = django_i18n.do_translate(parser, token)
    return KeptTranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)
