"""The template backend: Django's, with `{% load i18n %}` loading
core/templatetags/i18n_kept.py (Django's library with constant `translate` tags rendered once
per language) in every template, the admin's included.

Django warns (templates.W003) when a library name points at two modules; this override of
Django's own `i18n` is deliberate, so the check leaves out exactly that pair and still
reports any other (a third `i18n` module included)."""

from django.template.backends.django import DjangoTemplates

# {name: (our module, the module it replaces)}
KEPT_LIBRARIES = {"i18n": ("core.templatetags.i18n_kept", "django.templatetags.i18n")}


def _override_warning(name, modules):
    items = ", ".join(repr(module) for module in sorted(modules))
    return f"{name!r} is used for multiple template tag modules: {items}"


DELIBERATE = {_override_warning(name, modules) for name, modules in KEPT_LIBRARIES.items()}


class Templates(DjangoTemplates):
    def __init__(self, params):
        options = params.setdefault("OPTIONS", {})
        kept = {name: modules[0] for name, modules in KEPT_LIBRARIES.items()}
        options["libraries"] = {**kept, **options.get("libraries", {})}
        super().__init__(params)

    def _check_for_template_tags_with_the_same_name(self):
        checked = super()._check_for_template_tags_with_the_same_name()
        return [warning for warning in checked if warning.msg not in DELIBERATE]
