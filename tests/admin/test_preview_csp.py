"""The admin's preview panel can show every page type under the enforced production policy.

Issue 19 item 2: Wagtail renders a preview through the middleware with a dummy request for
the page's public URL, so the preview got the public policy and its `frame-ancestors 'none'`;
with the policy enforced the preview panel stayed blank. A preview keeps the public policy
(no inline script) but may be framed by the admin's own origin.
"""

import pytest
from django.test import RequestFactory, override_settings
from wagtail.models import Page, get_page_models

from tests.admin.pages import one_page_of_each_type
from tests.agencies.factories import UserFactory

pytestmark = pytest.mark.django_db


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@override_settings(CSP_REPORT_ONLY=False)
def test_every_page_type_previews_inside_the_admin_under_the_enforced_policy(home_page):
    pages = one_page_of_each_type(home_page)
    covered = {page.specific_class for page in pages}
    assert set(get_page_models()) - {Page} <= covered
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    for page in pages:
        page = page.specific
        response = page.make_preview_request(request, page.default_preview_mode)
        assert response.status_code == 200, page
        assert "Content-Security-Policy-Report-Only" not in response
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["'self'"], page
        assert policy["script-src"] == ["'self'"], page


@override_settings(CSP_REPORT_ONLY=False)
def test_the_public_page_still_refuses_every_frame(client, home_page):
    response = client.get(home_page.url)
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
