"""Elasticsearch 7.10 through the OpenSearch client.

OpenSearch forked from Elasticsearch 7.10.2 and its client speaks that engine's REST API. The
`elasticsearch` 7.x client would hold urllib3 below 2 (under the releases that fix
CVE-2025-66418 and CVE-2025-66471), and the 7.14+ clients refuse the codelibs runner's build
flavour; modelsearch's OpenSearch 3 backend (keyword arguments on every index call) serves
Elasticsearch 7.10 unchanged, so `SEARCH_ENGINE=elasticsearch7` uses it.
"""

from . import load_backend

SearchBackend = load_backend("opensearch3")
