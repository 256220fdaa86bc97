"""The admin: officers see and write only their agencies' reports and only their own steps
of the workflow; reviewers see only their own assignments; moderators see everything."""

import pytest
from django.urls import reverse

from monitoring.models import MonitoringReport
from tests.agencies.factories import ModeratorFactory, OfficerFactory
from tests.innovations.factories import AgencyFactory, InnovationPageFactory

from .factories import ReportFactory, ReviewFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_monitoring_monitoringreport:list"
EDIT = "wagtailsnippets_monitoring_monitoringreport:edit"
REVIEWS = "wagtailsnippets_monitoring_reviewassignment:list"


@pytest.fixture
def two_agencies(catalogue):
    own = InnovationPageFactory(
        parent=catalogue, title="Inovasi Sendiri", agency=AgencyFactory(name="Dinas A")
    )
    other = InnovationPageFactory(
        parent=catalogue, title="Inovasi Lain", agency=AgencyFactory(name="Dinas B")
    )
    return (
        ReportFactory(innovation=own, year=2025, status="draf"),
        ReportFactory(innovation=other, year=2025, status="draf"),
    )


def test_officer_lists_only_their_agency(client, two_agencies):
    own, other = two_agencies
    client.force_login(OfficerFactory(agency=own.innovation.agency))
    html = client.get(reverse(LIST)).content.decode()
    assert "Inovasi Sendiri" in html
    assert "Inovasi Lain" not in html
    assert client.get(reverse(EDIT, args=[other.pk])).status_code in (302, 403)
    assert client.get(reverse(EDIT, args=[own.pk])).status_code == 200


def test_officer_cannot_verify(client, two_agencies):
    own, _other = two_agencies
    client.force_login(OfficerFactory(agency=own.innovation.agency))
    form = client.get(reverse(EDIT, args=[own.pk])).context["form"]
    statuses = {value for value, _label in form.fields["status"].choices}
    assert statuses == {"draf", "diajukan"}


def test_moderator_lists_everything_and_may_verify(client, two_agencies):
    client.force_login(ModeratorFactory())
    html = client.get(reverse(LIST)).content.decode()
    assert "Inovasi Sendiri" in html and "Inovasi Lain" in html
    own, _other = two_agencies
    form = client.get(reverse(EDIT, args=[own.pk])).context["form"]
    assert MonitoringReport.Status.VERIFIED in dict(form.fields["status"].choices)


def test_reviewer_sees_only_their_assignments(client, catalogue):
    page = InnovationPageFactory(parent=catalogue, title="Dinilai")
    mine, theirs = ReviewFactory(innovation=page), ReviewFactory(innovation=page)
    client.force_login(mine.reviewer)
    response = client.get(reverse(REVIEWS))
    assert response.status_code == 200
    listed = {row.pk for row in response.context["object_list"]}
    assert listed == {mine.pk}
    assert theirs.pk not in listed


def test_overdue_report_is_for_moderators(client, catalogue):
    InnovationPageFactory(parent=catalogue, title="Belum Lapor")
    client.force_login(OfficerFactory())
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    assert client.get(reverse("monitoring_overdue")).status_code in (302, 403)
    client.force_login(ModeratorFactory())
    response = client.get(reverse("monitoring_overdue"))
    assert response.status_code == 200
    assert "Belum Lapor" in response.content.decode()
