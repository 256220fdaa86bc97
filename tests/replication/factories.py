import datetime

import factory

from replication.models import ReplicationRequest
from tests.innovations.factories import region


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
