"""The OpenAPI document matches what the server does: schemathesis against a live server.

Bounded for CI: few examples per operation (the coverage phase still tries every
documented parameter, boundary and bad value). Takes about a minute and a half.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.innovations.factories import region

SCHEMATHESIS = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
# The checks that hold for a read-only public API; the authorisation checks assume
# write operations and logins, which this API does not have.
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "missing_required_header",
        "unsupported_method",
    ]
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schemathesis_finds_no_failure(live_server, home_page, make_innovation, tmp_path):
    for bps_code in ("73.71", "73.02", "73.03"):
        make_innovation(regions=[region(bps_code)])

    result = subprocess.run(  # noqa: S603 (a pinned dev dependency, our own arguments)
        [
            SCHEMATHESIS,
            "run",
            f"{live_server.url}/api/schema/",
            "--url",
            live_server.url,
            "--checks",
            CHECKS,
            "--max-examples",
            "3",
            "--workers",
            "1",
            "--seed",
            "20261129",
            "--request-timeout",
            "30",
            "--warnings",
            "off",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "passed" in result.stdout
