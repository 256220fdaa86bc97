"""The project's Indonesian catalogues: the committed .mo says what the .po says.

locale/id/LC_MESSAGES/*.po are edited by hand and compiled with Debian's gettext
(`msgfmt -o django.mo django.po`, or `manage.py compilemessages -l id`); the .mo is committed
so that a machine without gettext serves the same text. A .po edited without recompiling, or
a translation that drops a placeholder, fails here.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted((Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES").glob("*.po"))
ENTRY_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')
PLACEHOLDERS = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


def _unquote(text):
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def po_entries(path):
    """{(context or None, msgid): msgstr} of a .po file (plural forms: the first msgstr)."""
    entries, current, key = {}, {}, None

    def flush():
        if current.get("msgid"):
            msgstr = current.get("msgstr", current.get("msgstr[0]", ""))
            entries[(current.get("msgctxt"), current["msgid"])] = msgstr

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        match = ENTRY_LINE.match(line)
        if match:
            key = match.group(1)
            if key == "msgctxt" or (key == "msgid" and "msgid" in current):
                flush()
                current = {}
            current[key] = _unquote(match.group(2))
        elif line.startswith('"') and key:
            current[key] += _unquote(line[1:-1])
    flush()
    return entries


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.name)
def test_compiled_catalogue_matches_its_source(po):
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for (context, msgid), msgstr in po_entries(po).items():
        assert msgstr, f"{po.name}: no translation for {msgid!r}"
        if context:
            assert compiled.pgettext(context, msgid) == msgstr, (po.name, context, msgid)
        else:
            assert compiled.gettext(msgid) == msgstr, (po.name, msgid)
        assert sorted(PLACEHOLDERS.findall(msgstr)) == sorted(PLACEHOLDERS.findall(msgid)), msgid
