import json
from io import StringIO

import pytest
from django.core.management import call_command

from search.relevance import load_judgements, ndcg, recall, reciprocal_rank


def test_metrics():
    assert ndcg([3, 2, 0], [3, 2]) == pytest.approx(1.0)
    assert ndcg([0, 3], [3]) == pytest.approx(1 / 1.58496, rel=1e-4)
    assert ndcg([], [3]) == 0.0
    assert reciprocal_rank([0, 1, 2]) == pytest.approx(1 / 3)
    assert recall([3, 0, 2], [3, 2, 2, 1]) == pytest.approx(2 / 3)


def test_judged_set_covers_the_issue():
    queries = load_judgements()
    assert len(queries) >= 40
    categories = {query["category"] for query in queries}
    assert {"morfologi", "salah ketik", "akronim", "wilayah", "kebutuhan"} <= categories
    texts = {query["query"].lower() for query in queries}
    assert {"layanan kesehatan", "pelayanan kesehatan", "berinovasi", "kipp", "spbe"} <= texts
    assert any("opd" in text for text in texts)
    for query in queries:
        assert query["judgements"] and all(
            0 <= grade <= 3 for grade in query["judgements"].values()
        )


@pytest.mark.django_db
def test_evaluate_search_command(innovations, regulation, tmp_path):
    path = tmp_path / "judgements.json"
    path.write_text(
        json.dumps(
            {
                "queries": [
                    {
                        "id": "t1",
                        "category": "uji",
                        "query": "Sipakainga",
                        "judgements": {"Sipakainga: layanan kependudukan keliling": 3},
                    },
                    {
                        "id": "t2",
                        "category": "uji",
                        "query": "pembinaan inovasi",
                        "judgements": {"regulation:permenpanrb-91-2021": 3},
                    },
                ]
            }
        )
    )
    out = StringIO()
    call_command(
        "evaluate_search", backend="database", judgements=str(path), details=True, stdout=out
    )
    output = out.getvalue()
    assert "Backend: database" in output, output
    all_line = next(line for line in output.splitlines() if line.strip().startswith("ALL"))
    assert all_line.split()[-3:] == ["1.000", "1.000", "1.000"], output


@pytest.mark.django_db
def test_rebuild_command_on_the_database_backend(innovations):
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "rebuilt" in out.getvalue()
