"""Search backend configuration from the environment.

Imported by the settings module, so it must not import Django models.

- No ``SEARCH_URL``: Wagtail's database backend (SQLite FTS5 or PostgreSQL full text).
- ``SEARCH_URL`` and ``SEARCH_ENGINE`` (elasticsearch7, elasticsearch8, elasticsearch9,
  opensearch2, opensearch3): Wagtail's backend for that engine, extended by
  ``search.backends.<engine>`` with Indonesian analysis and a suggestion field.

The database backend is always configured as well, under the name ``database``, and kept up
to date, so that search can fall back to it when the engine is down or slow.
"""

import os

ENGINES = ("elasticsearch7", "elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")

# Acronyms and spelling variants common in Indonesian public-service writing, expanded when
# searching (not when indexing), so that "SPBE" finds "sistem pemerintahan berbasis
# elektronik" and "antri" finds "antre".
SYNONYMS = [
    "spbe, sistem pemerintahan berbasis elektronik, e-government, pemerintahan digital",
    "kipp, kompetisi inovasi pelayanan publik",
    "ptsp, pelayanan terpadu satu pintu",
    "opd, organisasi perangkat daerah, perangkat daerah",
    "uu, undang-undang",
    "perpres, peraturan presiden",
    "permen, peraturan menteri",
    "pergub, peraturan gubernur",
    "perda, peraturan daerah",
    "adminduk, administrasi kependudukan",
    "dukcapil, disdukcapil, kependudukan dan pencatatan sipil",
    "ktp-el, e-ktp, ktp elektronik",
    "umkm, ukm, usaha mikro kecil dan menengah",
    "asn, aparatur sipil negara, pns, pegawai negeri",
    "bumdes, badan usaha milik desa",
    "puskesmas, pusat kesehatan masyarakat",
    "rsud, rumah sakit umum daerah",
    "apbd, anggaran pendapatan dan belanja daerah",
    "tte, tanda tangan elektronik",
    "bpbd, badan penanggulangan bencana daerah",
    "antre, antri, antrean, antrian",
    "stunting, tengkes",
]

# Text in Indonesian: lower case, accents folded (café -> cafe), Indonesian stop words and the
# Indonesian (Tala) stemmer, so that "pelayanan" and "layanan" meet at "layan".
INDONESIAN_ANALYSIS = {
    # Names are written with and without their apostrophes (Pa'biritta, Pabiritta): an
    # apostrophe inside a word is dropped, in documents and queries alike.
    "char_filter": {
        "inner_apostrophe": {
            "type": "pattern_replace",
            "pattern": "(?<=\\p{L})['\u2019\u02bc`](?=\\p{L})",
            "replacement": "",
        }
    },
    "filter": {
        "indonesian_stop": {"type": "stop", "stopwords": "_indonesian_"},
        "indonesian_stemmer": {"type": "stemmer", "language": "indonesian"},
        "edgengram": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
        "indonesian_synonyms": {"type": "synonym_graph", "synonyms": SYNONYMS, "lenient": True},
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "english_stop": {"type": "stop", "stopwords": "_english_"},
        "english_stemmer": {"type": "stemmer", "language": "english"},
    },
    "analyzer": {
        # Used for every text field the mapping does not give an analyzer of its own.
        "default": {
            "type": "custom",
            "char_filter": ["inner_apostrophe"],
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "indonesian_stop", "indonesian_stemmer"],
        },
        # The same analysis for queries, with the synonyms above.
        "default_search": {
            "type": "custom",
            "char_filter": ["inner_apostrophe"],
            "tokenizer": "standard",
            "filter": [
                "lowercase",
                "asciifolding",
                "indonesian_synonyms",
                "indonesian_stop",
                "indonesian_stemmer",
            ],
        },
        # Autocomplete: prefixes of every word, from two letters on.
        "edgengram_analyzer": {
            "type": "custom",
            "char_filter": ["inner_apostrophe"],
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "edgengram"],
        },
        # English text (issue 15): the `_english` copy of every text field and `title.english`
        # (search.backends), searched beside the Indonesian fields when the reader reads English.
        "english_analyzer": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "english_possessive",
                "lowercase",
                "asciifolding",
                "english_stop",
                "english_stemmer",
            ],
        },
        # Whole words for the "did you mean" term suggester: stems would read oddly.
        "suggest_analyzer": {
            "type": "custom",
            "char_filter": ["inner_apostrophe"],
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        },
    },
}

# Title and tagline weigh most; these boosts apply on the engine, where modelsearch copies
# each boosted field into an `_all_text_boost_<n>` field.
FIELD_BOOSTS = {"title": 4, "tagline": 3, "summary": 2}


def env_float(environ, name, default):
    try:
        return float(environ.get(name, default))
    except ValueError:
        return float(default)


def search_backends_from_environment(environ=None):
    """Return WAGTAILSEARCH_BACKENDS for the environment (os.environ by default)."""
    environ = os.environ if environ is None else environ
    database_backend = {
        # Wagtail's database backend; on PostgreSQL with a faster index build (its docstring).
        "BACKEND": "search.backends.database",
        # PostgreSQL's `indonesian` text-search configuration (Snowball stemmer); SQLite ignores it.
        "SEARCH_CONFIG": environ.get("SEARCH_DATABASE_CONFIG", "indonesian"),
    }
    url = environ.get("SEARCH_URL", "").strip()
    engine = environ.get("SEARCH_ENGINE", "").strip().lower()
    if not url:
        return {"default": database_backend, "database": database_backend}
    if engine not in ENGINES:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"SEARCH_ENGINE must be one of {', '.join(ENGINES)} when SEARCH_URL is set "
            f"(got {engine!r})."
        )
    query_timeout = env_float(environ, "SEARCH_TIMEOUT", "2")
    index_timeout = env_float(environ, "SEARCH_INDEX_TIMEOUT", "10")
    engine_urls = [part.strip() for part in url.split(",") if part.strip()]
    engine_backend = {
        "BACKEND": f"search.backends.{engine}",
        "URLS": engine_urls,
        "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "jipp_"),
        # Queries: a short timeout and no retries, so that a slow engine does not hold a page
        # (the page then answers from the database backend). Writes (publishing) may wait
        # longer; rebuild_search_index allows more still.
        "QUERY_TIMEOUT": query_timeout,
        "TIMEOUT": index_timeout,
        # A node that refuses the connection is retried on the next node of a cluster.
        "OPTIONS": {"max_retries": len(engine_urls) - 1, "retry_on_timeout": False},
        # `update_index` builds a new index and then moves the alias: no downtime.
        "ATOMIC_REBUILD": True,
        "INDEX_SETTINGS": {
            "settings": {
                "analysis": INDONESIAN_ANALYSIS,
                # One replica per shard on a cluster (SEARCH_INDEX_REPLICAS=1), so that losing
                # a node loses no data and searches go on; none on a single node.
                "index": {
                    "number_of_shards": 1,
                    "number_of_replicas": int(environ.get("SEARCH_INDEX_REPLICAS", "0")),
                },
            }
        },
    }
    return {"default": engine_backend, "database": database_backend}
