"""What a query may also mean: corrections, spelling variants, synonyms and acronyms.

`understand(query)` returns other phrasings of the query that both backends search besides
the query itself (each as "all these words"), and a "did you mean" suggestion. Everything is
general and driven by data, never by a list of particular queries:

- the vocabulary (`SearchTerm`): every word of the published content, keyed without case,
  accents, apostrophes or hyphens, so "pabiritta" meets "Pa'biritta" and "ektp" meets "e-KTP";
- typos: a word the vocabulary does not know is replaced by its nearest known word, with a
  limit by word length (no correction under 4 letters, one edit up to 5 letters, two from 6);
  on PostgreSQL the candidates come from pg_trgm similarity (a trigram index), elsewhere from
  difflib over the vocabulary (best effort);
- words run together ("layananpublik"): split into two known words;
- Indonesian spelling variants of loanwords (kwitansi/kuitansi, apotik/apotek,
  sistim/sistem, praktek/praktik, propinsi/provinsi, a final consonant dropped or added), kept
  only when the variant is a known word;
- synonyms (search.conf.SYNONYMS and those moderators keep in the admin) on the database
  backend (the engine applies them in its search analyzer);
- acronyms of agencies (Agency.acronym) expand to the words their names share.
"""

import dataclasses
import difflib
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.functions import Length

from core.cache import derived

from .query import plain_query

WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc`-][^\W_]+)*")
INNER_PUNCTUATION = re.compile(r"['\u2019\u02bc`-]")
MAX_ALTERNATIVES = 8
MAX_KEY_LENGTH = 64
_VERSION_KEY = "search:understanding:version"

# Spelling pairs of Indonesian loanwords and older spellings; either side may be typed.
VARIANT_PAIRS = (
    ("kw", "ku"),
    ("i", "e"),
    ("u", "o"),
    ("f", "p"),
    ("v", "f"),
    ("p", "v"),
    ("ph", "f"),
    ("th", "t"),
    ("kh", "k"),
    ("ch", "kh"),
    ("sy", "s"),
    ("q", "k"),
    ("x", "ks"),
    ("c", "k"),
    ("ua", "wa"),
    ("dj", "j"),
    ("tj", "c"),
    ("nj", "ny"),
    ("oe", "u"),
    ("h", ""),
    ("z", "j"),
    ("is", "isa"),
)
FINAL_CONSONANTS = "hknt"


def term_key(word):
    """A word without case, accents, apostrophes or hyphens."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(char for char in word if not unicodedata.combining(char))
    return INNER_PUNCTUATION.sub("", word)[:MAX_KEY_LENGTH]


def words_of(text):
    return WORD.findall(text or "")


@dataclass
class Understanding:
    query: str
    alternatives: list = field(default_factory=list)
    suggestion: str = ""
    # Every word is in the published vocabulary (or a number): no word to correct, so the
    # engine's term suggester has nothing to add.
    all_known: bool = False


def engine_text(text):
    """Words with their inner apostrophes and hyphens (the engine's analyzers handle them)."""
    return " ".join(words_of(text))


def database_text(text):
    """Words only: the database backends' parsers split at punctuation themselves."""
    return plain_query(INNER_PUNCTUATION.sub(" ", text))


# Vocabulary


def version():
    return cache.get_or_set(_VERSION_KEY, 1, None)


def changed():
    """Forget cached synonyms, acronyms and vocabulary (after an edit or a rebuild)."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, None)


def content_texts():
    """Every published text worth knowing the words of."""
    from wagtail.models import Page

    from innovations.models import Agency, InnovationPage, Region, Sector
    from publications.models import Regulation

    yield from Page.objects.live().values_list("title", flat=True).iterator()
    for row in InnovationPage.objects.live().values_list("tagline", "summary", "beneficiaries"):
        yield from row
    for row in Regulation.objects.values_list("title", "summary"):
        yield from row
    for row in Agency.objects.values_list("name", "acronym"):
        yield from row
    yield from Region.objects.values_list("name", flat=True)
    yield from Sector.objects.values_list("name", flat=True)


def count_words(texts):
    """{key: (form, frequency)}; a hyphenated word also counts its parts."""
    counts, forms = Counter(), {}
    for text in texts:
        for word in words_of(text):
            parts = (
                [word, *INNER_PUNCTUATION.split(word)] if INNER_PUNCTUATION.search(word) else [word]
            )
            for part in parts:
                key = term_key(part)
                if len(key) < 2 or key.isdigit():
                    continue
                counts[key] += 1
                form = part.lower()
                # Keep the punctuated form ("pa'biritta"): the database backend's parser needs it.
                if key not in forms or INNER_PUNCTUATION.search(form):
                    forms[key] = form[:MAX_KEY_LENGTH]
    return {key: (forms[key], count) for key, count in counts.items()}


def rebuild_vocabulary():
    """Replace the vocabulary with the words of the published content; returns its size."""
    from .models import SearchTerm

    words = count_words(content_texts())
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            [SearchTerm(key=key, form=form, frequency=n) for key, (form, n) in words.items()],
            batch_size=2000,
        )
    changed()
    return len(words)


def add_to_vocabulary(texts):
    """Add the words of newly published texts (counts of known words stay as they are)."""
    from .models import SearchTerm

    words = count_words(texts)
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(key=key, form=form, frequency=n) for key, (form, n) in words.items()],
            ignore_conflicts=True,
        )
        changed()


def known(keys):
    """{key: (form, frequency)} of the keys the vocabulary knows, in one query."""
    from .models import SearchTerm

    keys = {key for key in keys if key}
    if not keys:
        return {}
    rows = SearchTerm.objects.filter(key__in=keys).values_list("key", "form", "frequency")
    return {key: (form, frequency) for key, form, frequency in rows}


def max_edits(key):
    if len(key) < 4:
        return 0
    return 1 if len(key) <= 5 else 2


def edit_distance(a, b, limit):
    """Damerau-Levenshtein distance, or limit + 1 once it is exceeded."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _similar_keys(key):
    """Candidate known keys for a misspelt key: (key, form, frequency)."""
    from .models import SearchTerm

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT key, form, frequency FROM search_searchterm "
                "WHERE key %% %s ORDER BY similarity(key, %s) DESC, frequency DESC LIMIT 20",
                [key, key],
            )
            return cursor.fetchall()
    # SQLite and others: difflib over the keys that share the first letter (best effort).
    rows = (
        SearchTerm.objects.filter(key__startswith=key[0])
        .annotate(length=Length("key"))
        .filter(length__gte=len(key) - 2, length__lte=len(key) + 2)
        .values_list("key", "form", "frequency")
    )
    rows = list(rows[:5000])
    close = set(difflib.get_close_matches(key, [row[0] for row in rows], n=20, cutoff=0.7))
    return [row for row in rows if row[0] in close]


def correct(key):
    """(form, frequency) of the nearest known word within the edit limit, or None."""
    limit = max_edits(key)
    if not limit:
        return None
    best = None
    for candidate, form, frequency in _similar_keys(key):
        distance = edit_distance(key, candidate, limit)
        if distance > limit:
            continue
        rank = (distance, -frequency)
        if best is None or rank < best[0]:
            best = (rank, form, frequency)
    return (best[1], best[2]) if best else None


def variants(key):
    """Spelling variants of a key (not checked against the vocabulary)."""
    found = set()
    for a, b in VARIANT_PAIRS:
        for source, target in ((a, b), (b, a)):
            if not source:
                continue
            start = key.find(source)
            while start != -1:
                found.add(key[:start] + target + key[start + len(source) :])
                start = key.find(source, start + 1)
    if len(key) >= 4:
        found |= {key + consonant for consonant in FINAL_CONSONANTS}
        if key[-1] in FINAL_CONSONANTS:
            found.add(key[:-1])
    found.discard(key)
    return {variant for variant in found if len(variant) >= 3}


MAX_WORD_LENGTH = 24  # longer "words" are noise: no split, no correction
MAX_CORRECTED_WORDS = 3


def splits(key):
    """Ways to read a run-together key as two words of three letters or more."""
    if not 7 <= len(key) <= MAX_WORD_LENGTH:
        return []
    return [(key[:i], key[i:]) for i in range(3, len(key) - 2)]


# Synonyms and acronyms (cached per version)


def synonym_groups():
    """Static and moderator-kept synonym groups, each a list of lower-case phrases."""
    key = f"search:understanding:synonyms:{version()}"
    groups = cache.get(key)
    if groups is None:
        from .conf import SYNONYMS
        from .models import SearchSynonym, normalised_group

        groups = [normalised_group(line) for line in SYNONYMS]
        groups += [synonym.phrases() for synonym in SearchSynonym.objects.filter(active=True)]
        # The bilingual glossary: English queries find Indonesian text (localisation/).
        from localisation.models import glossary_groups

        groups += glossary_groups()
        groups = [group for group in groups if len(group) >= 2]
        cache.set(key, groups, 600)
    return groups


def acronyms():
    """{acronym key: the leading words the names of its agencies share}."""
    key = f"search:understanding:acronyms:{version()}"
    found = cache.get(key)
    if found is None:
        from innovations.models import Agency

        names = {}
        for acronym, name in Agency.objects.exclude(acronym="").values_list("acronym", "name"):
            words = name.lower().replace(",", " ").split()
            names.setdefault(term_key(acronym), []).append(words)
            # "Dinkes Makassar", "Dinkes Selayar": "dinkes" alone stands for what they share.
            first = term_key(acronym.split()[0])
            if first != term_key(acronym):
                names.setdefault(first, []).append(words)
        found = {}
        for acronym, lists in names.items():
            shared = []
            for words in zip(*lists, strict=False):
                if len(set(words)) != 1:
                    break
                shared.append(words[0])
            if len(shared) >= 2:
                found[acronym] = " ".join(shared)
        cache.set(key, found, 600)
    return found


def _replace_phrase(words, phrase, replacement):
    """Words with the first run equal to `phrase` replaced, or None when absent."""
    target = phrase.split()
    for start in range(len(words) - len(target) + 1):
        if words[start : start + len(target)] == target:
            return [*words[:start], *replacement.split(), *words[start + len(target) :]]
    return None


# How long an understood query is kept in its vocabulary version: as long as the synonyms
# and acronyms it was read with (a vocabulary, synonym or agency edit starts a new version).
UNDERSTOOD_SECONDS = 600


def understand(query, *, synonyms=True):
    """Other phrasings of `query` and a "did you mean" suggestion (see the module), kept
    per vocabulary version for the same words: a query asked again reads no vocabulary,
    and a misspelt one runs no similarity search."""
    words = [word.lower() for word in words_of(query)][:12]
    if not words:
        return Understanding(query)
    digest = hashlib.sha256("\x1f".join(words).encode()).hexdigest()[:32]
    key = f"search:understanding:query:{version()}:{int(synonyms)}:{digest}"
    found = derived.get_or_set(key, lambda: _understand(words, synonyms), UNDERSTOOD_SECONDS)
    return dataclasses.replace(found, query=query)


def _understand(words, synonyms):
    result = Understanding(" ".join(words))
    keys = [term_key(word) for word in words]
    candidates = {
        key: variants(key) for key in keys if not key.isdigit() and len(key) <= MAX_WORD_LENGTH
    }
    split_parts = {key: splits(key) for key in keys}
    lookup = set(keys)
    for found in candidates.values():
        lookup |= found
    for pairs in split_parts.values():
        for left, right in pairs:
            lookup |= {left, right}
    vocabulary = known(lookup)
    result.all_known = all(key in vocabulary or key.isdigit() for key in keys)

    corrected, varied, changed_words, corrections = [], [], False, 0
    for word, key in zip(words, keys, strict=True):
        form = word
        if key in vocabulary:
            form = vocabulary[key][0]
        elif not key.isdigit():
            pairs = [
                (left, right)
                for left, right in split_parts[key]
                if left in vocabulary and right in vocabulary
            ]
            if pairs:
                left, right = max(
                    pairs, key=lambda pair: min(vocabulary[pair[0]][1], vocabulary[pair[1]][1])
                )
                form = f"{vocabulary[left][0]} {vocabulary[right][0]}"
            else:
                known_variants = [vocabulary[v] for v in candidates.get(key, ()) if v in vocabulary]
                fixed = max(known_variants, key=lambda item: item[1]) if known_variants else None
                if not fixed and corrections < MAX_CORRECTED_WORDS and len(key) <= MAX_WORD_LENGTH:
                    corrections += 1
                    fixed = correct(key)
                if fixed:
                    form = fixed[0]
        corrected.append(form)
        if form != word:
            changed_words = True
        # A known word may have a more common known spelling (apotik -> apotek): only a
        # variant more frequent than the word itself stands in for it.
        known_variants = [vocabulary[v] for v in candidates.get(key, ()) if v in vocabulary]
        best = max(known_variants, key=lambda item: item[1]) if known_variants else None
        own = vocabulary.get(key, (form, 0))[1]
        varied.append(best[0] if best and best[1] > own else form)

    alternatives = []

    def add(phrase_words):
        # Punctuation inside words stays: each backend reads it its own way (engine_text,
        # database_text).
        text = " ".join(" ".join(phrase_words).split())
        if text and text != " ".join(words) and text not in alternatives:
            alternatives.append(text)

    if changed_words:
        add(corrected)
        # The suggestion keeps the words people typed where they were right.
        result.suggestion = " ".join(corrected)
    if varied != words:
        add(varied)
    base = corrected
    base_keys = [term_key(word) for word in base]
    present = set(base_keys)
    for acronym, expansion in acronyms().items():
        # Hundreds of agency acronyms: only those whose first word the query holds are tried.
        first = acronym.split(maxsplit=1)
        if not first or first[0] not in present:
            continue
        replaced = _replace_phrase(base_keys, acronym, expansion)
        if replaced:
            add(replaced)
    if synonyms:
        lowered = " ".join(base)
        for group in synonym_groups():
            for phrase in group:
                if f" {phrase} " not in f" {lowered} ":
                    continue
                for other in group:
                    if other != phrase:
                        replaced = _replace_phrase(base, phrase, other)
                        if replaced:
                            add(replaced)
                break
    result.alternatives = alternatives[:MAX_ALTERNATIVES]
    return result


# Laws and regulations cited by number ("UU 25 2009", "Permenpan RB 30/2014")

REGULATION_KINDS = {
    "uu": "uu",
    "undang": "uu",
    "undangundang": "uu",
    "pp": "pp",
    "perpres": "perpres",
    "permen": "permen",
    "permenpan": "permen",
    "permenpanrb": "permen",
    "se": "se",
    "edaran": "se",
    "pergub": "pergub",
    "perda": "perda",
    "sk": "sk",
}


def cited_regulations(query):
    """Primary keys of the regulations a query cites by number (and year and kind, if given)."""
    from publications.models import Regulation

    keys = [term_key(word) for word in words_of(query)]
    numbers = [key for key in keys if key.isdigit()]
    if not numbers:
        return []
    years = [int(key) for key in numbers if len(key) == 4 and 1945 <= int(key) <= 2100]
    others = [key.lstrip("0") or "0" for key in numbers if not (years and int(key) in years)]
    if not others:
        return []
    found = Regulation.objects.sources().filter(number__in=others)
    if years:
        found = found.filter(year__in=years)
    kinds = {REGULATION_KINDS[key] for key in keys if key in REGULATION_KINDS}
    if kinds:
        found = found.filter(kind__in=kinds)
    return list(found.order_by("-year", "pk").values_list("pk", flat=True)[:10])
