"""Relevance measures over the judged query set (search/relevance/judgements.json)."""

import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.utils import translation
from wagtail.models import Page

from core.i18n import DEFAULT_LANGUAGE
from publications.models import Regulation

from .service import find_matches

JUDGEMENTS = Path(__file__).resolve().parent / "relevance" / "judgements.json"
RELEVANT_GRADE = 2
DEPTH = 10


def load_judgements(path=JUDGEMENTS):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["queries"]


def dcg(grades):
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg(ranked_grades, all_grades, depth=DEPTH):
    ideal = dcg(sorted(all_grades, reverse=True)[:depth])
    return dcg(ranked_grades[:depth]) / ideal if ideal else 0.0


def reciprocal_rank(ranked_grades, threshold=RELEVANT_GRADE):
    for rank, grade in enumerate(ranked_grades, start=1):
        if grade >= threshold:
            return 1 / rank
    return 0.0


def recall(ranked_grades, all_grades, depth=DEPTH, threshold=RELEVANT_GRADE):
    relevant = sum(1 for grade in all_grades if grade >= threshold)
    found = sum(1 for grade in ranked_grades[:depth] if grade >= threshold)
    return found / relevant if relevant else 0.0


@dataclass
class QueryScore:
    id: str
    category: str
    query: str
    ndcg: float
    mrr: float
    recall: float
    top: list


def result_keys(ranked):
    """Judgement keys (page title or regulation:<slug>) for ranked (kind, pk) pairs.

    A translation is judged as its source page (the judged title is the Indonesian one):
    an English reader's result is relevant when its Indonesian original is."""
    pages = Page.objects.filter(pk__in=[pk for kind, pk in ranked if kind == "page"])
    page_titles = dict(pages.values_list("pk", "title"))
    source_titles = dict(
        Page.objects.filter(
            translation_key__in=pages.exclude(locale__language_code=DEFAULT_LANGUAGE).values(
                "translation_key"
            ),
            locale__language_code=DEFAULT_LANGUAGE,
        ).values_list("translation_key", "title")
    )
    for pk, key in pages.exclude(locale__language_code=DEFAULT_LANGUAGE).values_list(
        "pk", "translation_key"
    ):
        page_titles[pk] = source_titles.get(key, page_titles[pk])
    regulation_slugs = dict(
        Regulation.objects.filter(
            pk__in=[pk for kind, pk in ranked if kind == "regulation"]
        ).values_list("pk", "slug")
    )
    keys = []
    for kind, pk in ranked:
        if kind == "page" and pk in page_titles:
            keys.append(page_titles[pk])
        elif kind == "regulation" and pk in regulation_slugs:
            keys.append("regulation:" + regulation_slugs[pk])
    return keys


def evaluate(queries, use_engine):
    scores = []
    for entry in queries:
        # A query in English is searched as a reader of the English pages searches (/en/cari/).
        with translation.override(entry.get("language", DEFAULT_LANGUAGE)):
            matches = find_matches(entry["query"], use_engine=use_engine, highlight=False)
        keys = result_keys(matches.ranked[:DEPTH])
        judged = entry["judgements"]
        grades = [judged.get(key, 0) for key in keys]
        all_grades = list(judged.values())
        scores.append(
            QueryScore(
                entry["id"],
                entry["category"],
                entry["query"],
                ndcg(grades, all_grades),
                reciprocal_rank(grades),
                recall(grades, all_grades),
                keys[:3],
            )
        )
    return scores


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0
