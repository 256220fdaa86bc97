"""English demo (demo/data/english.yaml): the bilingual glossary, sector names, the home
page, the main sections, 22 case studies, news items and resources, most regulations and
partners (the others show their Indonesian text on /en/), translated through
wagtail-localize as an editor would (source captured, strings translated, translation
published), so the translation editor shows them in sync. Idempotent: a page or snippet
already translated is left as is."""

import re

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from demo import datafiles
from innovations.models import InnovationPage, Sector
from localisation.models import GlossaryTerm
from publications.models import EventPage, LearningResourcePage, NewsPage, Partner, Regulation

PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


def load(stdout):
    data = datafiles.read("english")
    english = Locale.objects.get_or_create(language_code="en")[0]
    sectors = sum(
        Sector.objects.filter(slug=slug).exclude(name_en=name).update(name_en=name)
        for slug, name in data["sectors"].items()
    )
    glossary = sum(
        GlossaryTerm.objects.get_or_create(english=english_term, indonesian=indonesian)[1]
        for english_term, indonesian in data["glossary"]
    )
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        stdout.write("english: no site yet, nothing translated\n")
        return
    home = site.root_page.specific
    made = translate(home, data["home"], english)
    for slug, values in data["sections"].items():
        page = home.get_children().filter(slug=slug).first()
        if page is not None:
            made += translate(page.specific, values, english)
    for model, key in ((InnovationPage, "innovations"), (NewsPage, "news"), (EventPage, "events")):
        made += translate_by_slug(model, data[key], english)
    made += translate_by_slug(LearningResourcePage, data["resources"], english)
    snippets = sum(
        translate(row, data[key][row.slug], english)
        for model, key in ((Regulation, "regulations"), (Partner, "partners"))
        for row in model.objects.sources().filter(slug__in=list(data[key]))
    )
    # After the publishes wagtail-localize defers to the commit (registered before this).
    transaction.on_commit(lambda: recount_children(english))
    stdout.write(
        f"english: {made} pages and {snippets} regulations/partners translated, "
        f"{sectors} sector names, {glossary} glossary pairs\n"
    )


def translate_by_slug(model, entries, english):
    pages = model.objects.filter(
        slug__in=list(entries), locale__language_code=settings.LANGUAGE_CODE
    )
    return sum(translate(page, entries[page.slug], english) for page in pages)


def translate(page, values, english):
    """Translate `page` (or a translatable snippet) into English with `values` (field name ->
    English text); 1 if made."""
    if page.get_translation_or_none(english) is not None:
        return 0
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=english)
    segments = StringSegment.objects.filter(source=source).select_related("context", "string")
    for segment in segments:
        value = values.get(segment.context.path)
        if value:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=english,
                context=segment.context,
                defaults={"data": PARAGRAPH.sub(r"\1", value.strip())},
            )
    translation.save_target(publish=True)
    return 1


def recount_children(english):
    """Set every English page's child count from its rows. wagtail-localize publishes a
    translation when the transaction commits, from the page object it saved the revision
    with; load_demo translates a parent and then its children in one transaction, so that
    object still counts no children and the publish writes numchild 0 over the count the
    children raised. Treebeard then treats the parent as a leaf, and the next child added
    under it, in the admin or by a later run, takes the path of the first
    (IntegrityError on wagtailcore_page_path_key)."""
    for page in Page.objects.filter(locale=english):
        count = Page.objects.child_of(page).count()
        if count != page.numchild:
            Page.objects.filter(pk=page.pk).update(numchild=count)
