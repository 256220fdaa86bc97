"""Search demo: moderators' synonyms, the curated "Pencarian populer" list and the search
vocabulary of the demo content (demo/data/search.yaml)."""

from demo import datafiles
from search.models import PopularSearch, SearchSynonym
from search.understanding import rebuild_vocabulary


def load(stdout):
    data = datafiles.read("search")
    synonyms = 0
    for terms in data["synonyms"]:
        _synonym, made = SearchSynonym.objects.get_or_create(terms=terms)
        synonyms += made
    popular = 0
    for order, entry in enumerate(data["popular"]):
        _entry, made = PopularSearch.objects.get_or_create(
            query_string=entry["query"],
            defaults={"pinned": entry["pinned"], "sort_order": order},
        )
        popular += made
    words = rebuild_vocabulary()
    stdout.write(f"search: {synonyms} synonyms, {popular} popular searches, {words} words\n")
