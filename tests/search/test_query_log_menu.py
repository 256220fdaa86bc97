"""Editors meet one query log: the project's reports, not Wagtail's never-fed one."""

import pytest
from wagtail.admin.menu import reports_menu

pytestmark = pytest.mark.django_db


def test_reports_menu_has_the_project_query_reports_and_not_wagtails_search_terms(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user

    names = {item.name for item in reports_menu.menu_items_for_request(request)}

    assert {"search-top-queries", "search-zero-results"} <= names
    assert "search-terms" not in names
