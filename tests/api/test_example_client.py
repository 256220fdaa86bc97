"""docs/examples/api_client.py, run as a user would against a live server."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.innovations.factories import region

CLIENT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "api_client.py"


# Flushed after the test: serialized_rollback restores the reference data for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_example_client_pulls_every_innovation_of_a_region_page_by_page(
    live_server, home_page, make_innovation
):
    wanted = {make_innovation(regions=[region("73.02")]).pk for _ in range(5)}
    make_innovation(regions=[region("73.71")])

    result = subprocess.run(  # noqa: S603 (our own script)
        [
            sys.executable,
            str(CLIENT),
            "--base-url",
            live_server.url,
            "--region",
            "73.02",
            "--page-size",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    items = json.loads(result.stdout)
    assert {item["id"] for item in items} == wanted
    assert len(items) == 5
    assert all("problem" in item for item in items)  # fields=* brings the whole case study
    assert "5 innovations in region 73.02" in result.stderr

    refused = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(CLIENT), "--base-url", live_server.url, "--region", "99.99"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0
    assert "refused" in refused.stderr
