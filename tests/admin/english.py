"""Find English strings on admin screens an Indonesian-speaking editor reads (issue 19 item 7).

The reference is the English message catalogues of the installed packages (Wagtail, Django,
taggit...): a catalogue string whose Indonesian translation (Wagtail's own ``id_ID``
catalogue, Django's, and the project's ``locale/id/`` on top) is still the English text is
English when it appears on a screen. Screen text is every visible text node plus the
attributes a person reads or hears (title, aria-label, placeholder, alt, button values).

Used by tests/admin/test_admin_indonesian.py (server-rendered screens) and by the officer's
day browser test (text that the admin's JavaScript draws, from the ``djangojs`` catalogues).
"""

import functools
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

JSON_LABEL_KEYS = {"label", "title", "help_text", "helpText", "placeholder", "description"}
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
# Catalogue strings that are the same word in Indonesian, and names that stay as they are.
SAME_IN_INDONESIAN = {
    "Admin",
    "Administrator",
    "April",
    "Email",
    "Facebook",
    "Format",
    "GitHub",
    "Global",
    "ID",
    "Instagram",
    "Logo",
    "Media",
    "Minimum",
    "Moderator",
    "Normal",
    "November",
    "September",
    "Slug",
    "Status",
    "Tag",
    "Total",
    "Twitter",
    "URL",
    "Wagtail",
    "YouTube",
}


def _catalogue_files(domain):
    seen = set()
    for config in apps.get_app_configs():
        for po in Path(config.path).rglob(f"locale/en/LC_MESSAGES/{domain}.po"):
            if po not in seen:
                seen.add(po)
                yield po
    import django

    for po in Path(django.__file__).parent.rglob(f"locale/en/LC_MESSAGES/{domain}.po"):
        if po not in seen:
            seen.add(po)
            yield po


def _unquote(text):
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def read_msgids(path):
    """The singular and plural msgids of a .po file (contexts dropped)."""
    msgids = []
    current = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith(("msgid ", "msgid_plural ")):
            if current:
                msgids.append(current)
            current = _unquote(line.split(" ", 1)[1][1:-1])
        elif line.startswith('"') and current is not None:
            current += _unquote(line[1:-1])
        elif line.startswith("msgstr"):
            if current:
                msgids.append(current)
            current = None
    return msgids


def _english(domain):
    """{msgid: (domain, untranslated)} of every catalogue msgid with a letter in it."""
    translation.activate("id")
    catalogue = DjangoTranslation("id", domain=domain)
    english = {}
    for po in _catalogue_files(domain):
        for msgid in read_msgids(po):
            if not re.search(r"[A-Za-z]{2}", msgid) or "\n" in msgid:
                continue
            english[msgid] = catalogue.gettext(msgid) == msgid
    return english


@functools.cache
def untranslated_patterns():
    """({screen text: msgid}, [(full-match regex, msgid)] of strings with placeholders)."""
    exact, patterns = {}, []
    for domain in ("django", "djangojs"):
        for msgid, untranslated in _english(domain).items():
            if not untranslated or msgid.strip().rstrip(":") in SAME_IN_INDONESIAN:
                continue
            text = " ".join(msgid.split())
            if PLACEHOLDER.search(text):
                literal = PLACEHOLDER.sub("", text)
                if len(re.findall(r"[A-Za-z]{3,}", literal)) < 2:
                    continue  # too little English text around the placeholders to tell
                parts = [re.escape(part) for part in PLACEHOLDER.split(text)]
                patterns.append((re.compile(".+?".join(parts)), msgid))
            else:
                exact[text] = msgid
                # Verbose names reach the screen with a capital first letter.
                capital = text[:1].upper() + text[1:]
                if capital not in SAME_IN_INDONESIAN:
                    exact.setdefault(capital, msgid)
    return exact, patterns


def _match(text, exact, patterns):
    for candidate in (text, text.rstrip(":*").strip(), text.rstrip(".…").strip()):
        if candidate in exact:
            return exact[candidate]
    for pattern, msgid in patterns:
        if pattern.fullmatch(text):
            return msgid
    return None


def _json_labels(value):
    """Labels inside the admin's JSON props (the sidebar menu is drawn from them)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in JSON_LABEL_KEYS and isinstance(item, str):
                yield item
            else:
                yield from _json_labels(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_labels(item)


def screen_texts(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all("script", type="application/json"):
        try:
            data = json.loads(tag.string or "null")
        except ValueError:
            continue
        for label in _json_labels(data):
            yield " ".join(label.split())
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    for node in soup.find_all(string=True):
        text = " ".join(node.split())
        if text:
            yield text
    for tag in soup.find_all(True):
        for name in READ_ATTRIBUTES:
            value = tag.get(name)
            if isinstance(value, str) and value.strip():
                yield " ".join(value.split())
        if tag.name == "input" and tag.get("type") in BUTTON_INPUT_TYPES and tag.get("value"):
            yield " ".join(tag["value"].split())


def english_strings(html):
    """The English catalogue msgids a person reads on this HTML, in order, once each."""
    exact, patterns = untranslated_patterns()
    found = []
    for text in dict.fromkeys(screen_texts(html)):
        msgid = _match(text, exact, patterns)
        if msgid and msgid not in found:
            found.append(msgid)
    return found
