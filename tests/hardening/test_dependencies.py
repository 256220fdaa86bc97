"""Issue 17, item 13: no engine client pins urllib3 under the releases that fix CVE-2025-66418
(unbounded decompression chain) and CVE-2025-66471 (streaming decompression bomb)."""

from importlib import metadata

from packaging.version import Version

from search.backends import elasticsearch7


def test_urllib3_includes_the_decompression_fixes():
    assert Version(metadata.version("urllib3")) >= Version("2.6.0")


def test_elasticsearch_7_is_served_by_the_opensearch_client():
    assert elasticsearch7.SearchBackend.client_class.__module__.startswith("opensearchpy")
