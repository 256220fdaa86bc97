"""`{% load i18n %}` loads core/templatetags/i18n_kept.py: a constant `translate` tag is rendered
once per language, and still says what Django's own tag says in each language and context."""

from django.template import Context, Engine, Template, engines
from django.test import override_settings
from django.utils import translation

from core.templates import Templates
from core.templatetags.i18n_kept import KeptTranslateNode


def render(source, language, **values):
    with translation.override(language):
        return Template("{% load i18n %}" + source).render(Context(values))


def test_the_i18n_library_is_the_kept_one():
    template = engines["django"].from_string("{% load i18n %}{% translate 'Angka kunci' %}")
    nodes = template.template.nodelist.get_nodes_by_type(KeptTranslateNode)
    assert len(nodes) == 1 and nodes[0].constant


def test_a_constant_tag_says_its_text_in_each_language_in_turn():
    template = Template("{% load i18n %}{% translate 'Angka kunci' %}")
    outputs = []
    for language in ("id", "en", "id", "en"):
        with translation.override(language):
            outputs.append(template.render(Context()))
    assert outputs == ["Angka kunci", "Key figures", "Angka kunci", "Key figures"]


def test_as_a_variable_and_escaped_or_not_as_djangos_own_tag():
    assert render("{% translate 'Angka kunci' as label %}[{{ label }}]", "en") == "[Key figures]"
    engine = Engine(libraries={"django_i18n": "django.templatetags.i18n"})
    for body in (
        "{% translate 'Cari' %}",
        "{% translate 'Naik 100% & <b>tuntas</b>' %}",
        '{% translate "Cari" as label %}[{{ label }}]',
    ):
        kept = Template("{% load i18n %}" + body)
        django = Template("{% load django_i18n %}" + body, engine=engine)
        for language in ("en", "id"):
            for autoescape in (True, False, True):
                with translation.override(language):
                    assert kept.render(Context(autoescape=autoescape)) == django.render(
                        Context(autoescape=autoescape)
                    ), (body, language, autoescape)


def test_variables_filters_noop_and_context_are_djangos_own():
    source = (
        "{% translate word %}|{% translate 'Angka kunci'|upper %}"
        "|{% translate 'Angka kunci' noop %}"
    )
    assert render(source, "en", word="Angka kunci") == "Key figures|KEY FIGURES|Angka kunci"
    assert render(source, "en", word="Cari") == "Search|KEY FIGURES|Angka kunci"
    template = Template("{% load i18n %}{% translate 'Angka kunci' context 'nothing' %}")
    assert not template.nodelist.get_nodes_by_type(KeptTranslateNode)[0].constant


def test_outputs_kept_before_the_catalogues_change_are_not_used_after_it():
    template = Template("{% load i18n %}{% translate 'Angka kunci' %}")
    with translation.override("en"):
        assert template.render(Context()) == "Key figures"
    # No catalogue of this project's: the source text, not the translation kept before.
    with override_settings(LOCALE_PATHS=[]), translation.override("en"):
        assert template.render(Context()) == "Angka kunci"
    with translation.override("en"):
        assert template.render(Context()) == "Key figures"


def test_the_template_check_reports_any_other_library_under_two_modules():
    def warnings(libraries):
        backend = Templates(
            {"NAME": "checked", "DIRS": [], "APP_DIRS": True, "OPTIONS": {"libraries": libraries}}
        )
        return [warning.msg for warning in backend.check() if warning.id == "templates.W003"]

    assert warnings({}) == []
    reported = warnings({"static": "core.templatetags.seo_tags"})
    assert len(reported) == 1 and reported[0].startswith("'static' is used")
