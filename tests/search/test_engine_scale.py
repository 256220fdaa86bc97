"""Totals, facet counts and paging over every match, on a real engine (`-m engine`)."""

import pytest

from .test_engine import engine  # noqa: F401 - the engine fixture (autouse there)
from .test_scale import (  # noqa: F401 - the same behaviour as on the database backend
    test_paging_reaches_every_match,
    test_total_and_facets_count_every_match,
)

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _on_the_engine(engine):  # noqa: F811
    return engine
