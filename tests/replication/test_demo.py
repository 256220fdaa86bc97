"""The replication demo covers every state, records its verified replications on the case
studies, renders, and loads only once."""

import io

from django.core.management import call_command
from django.test import TestCase

from demo.loaders import replication as replication_demo
from innovations.models import InnovationPage, InnovationReplication
from replication.models import InnovatorMessage, ReplicationMessage, ReplicationRequest
from tests.agencies.factories import ModeratorFactory


class ReplicationDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=io.StringIO())

    def test_every_state_and_kind_is_there(self):
        requests = ReplicationRequest.objects.all()
        assert {r.state for r in requests} == set(ReplicationRequest.State.values)
        assert {r.kind for r in requests} == set(ReplicationRequest.Kind.values)
        assert requests.filter(verified_at__isnull=False).count() == 2
        assert requests.filter(verified_at__isnull=True, state="diterapkan").exists()
        assert requests.exclude(province="Sulawesi Selatan").exists()
        assert InnovatorMessage.objects.count() == 2

    def test_verified_replications_are_on_the_case_studies_with_counts(self):
        for request in ReplicationRequest.objects.filter(verified_at__isnull=False):
            page = InnovationPage.objects.get(pk=request.innovation_id)
            assert page.verified_replication_count == 1
            assert page.request_count >= 1
            assert InnovationReplication.objects.filter(
                page=page, note__contains="Terverifikasi melalui portal"
            ).exists()
            html = self.client.get(page.url).content.decode()
            assert request.first_results.split(";")[0] in html

    def test_tracking_pages_and_admin_render(self):
        self.client.force_login(ModeratorFactory())
        assert self.client.get("/admin/replikasi/").status_code == 200
        for request in ReplicationRequest.objects.all():
            assert self.client.get(request.get_tracking_url()).status_code == 200
            assert self.client.get(f"/admin/replikasi/{request.pk}/").status_code == 200

    def test_a_second_run_creates_nothing(self):
        counts = (ReplicationRequest.objects.count(), ReplicationMessage.objects.count())
        output = io.StringIO()
        replication_demo.load(output)
        assert output.getvalue() == "replication: 0 requests, 0 innovator messages created\n"
        assert (ReplicationRequest.objects.count(), ReplicationMessage.objects.count()) == counts
