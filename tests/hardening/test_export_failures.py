"""Issue 17, item 6: a database failure while an export starts is a 5xx, never a 200 with a
truncated file."""

import pytest
from django.db import DatabaseError

from innovations import exports
from tests.innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db


def failing(*args, **kwargs):
    raise DatabaseError("connection lost")


@pytest.fixture
def innovation(catalogue):
    return InnovationPageFactory(parent=catalogue)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("broken", ["export_queryset", "_related_values"])
def test_export_whose_query_fails_answers_500(client, innovation, monkeypatch, fmt, broken):
    monkeypatch.setattr(exports, broken, failing)
    client.raise_request_exception = False
    response = client.get(f"/inovasi/ekspor.{fmt}")
    assert response.status_code == 500
    assert not response.has_header("Content-Disposition")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_stream_has_read_the_first_rows_before_it_answers(client, innovation, fmt):
    response = client.get(f"/inovasi/ekspor.{fmt}")
    assert response.status_code == 200
    assert innovation.title in b"".join(response.streaming_content).decode()
