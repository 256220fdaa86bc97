import datetime

import factory

from innovations.models import InnovationPage
from replication.models import ReplicationRequest
from tests.innovations.factories import InnovationPageFactory, KeyFigureFactory, region


class ReplicationRequestFactory(factory.django.DjangoModelFactory):
    kind = ReplicationRequest.Kind.VISIT
    requester_name = factory.Sequence(lambda n: f"Pemohon {n}")
    institution = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Gowa"
    region = factory.LazyFunction(lambda: region("73.06"))
    role = "Kepala Bidang Pelayanan"
    email = factory.Sequence(lambda n: f"pemohon{n}@gowa.example.go.id")
    phone = "0811-4000-123"
    purpose = "Kami ingin meniru layanan jemput bola ke desa."
    visit_start = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    visit_end = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=31))

    class Meta:
        model = ReplicationRequest


def innovation_with_contact(catalogue):
    """An innovation whose innovator has an address the portal must never show."""
    page = InnovationPageFactory(
        parent=catalogue,
        title="Dukcapil Jemput Bola",
        contact_name="Andi Baso",
        contact_email="inovator@maros.example.go.id",
        cost=60_000_000,
        budget_source=InnovationPage.BudgetSource.APBD,
    )
    KeyFigureFactory(page=page, label="Waktu layanan", value=2, unit="hari", baseline=14)
    return page
