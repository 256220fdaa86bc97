"""Reports in any state, built through the workflow (participation/services.py) so that the
history, deadlines and timestamps are what the real screens would have left."""

import datetime

from participation import services
from participation.models import Category, Privacy, Status

SECRET = "rahasia-uji-coba-123"


def report_data(**overrides):
    data = {
        "category": Category.COMPLAINT,
        "privacy": Privacy.CONFIDENTIAL,
        "agency": None,
        "innovation": None,
        "region": None,
        "title": "Antrean panjang di loket",
        "description": "Saya menunggu tiga jam untuk mengurus KTP elektronik di loket.",
        "incident_date": datetime.date(2026, 11, 20),
        "incident_place": "Kantor Disdukcapil",
        "name": "Warga Contoh",
        "email": "warga@contoh.test",
        "phone": "0812 0000 0000",
    }
    data.update(overrides)
    return data


_counter = {"n": 0}


def file_report(**overrides):
    """A received report with a unique text; returns (report, secret)."""
    _counter["n"] += 1
    overrides.setdefault(
        "description",
        f"Laporan uji nomor {_counter['n']}: antrean panjang dan petugas tidak ada di loket.",
    )
    return services.file_report(report_data(**overrides))


def report_in(status, agency=None, moderator=None, **overrides):
    """A report taken through the workflow up to ``status``."""
    report, secret = file_report(**overrides)
    if status == Status.RECEIVED:
        return report
    if status == Status.REJECTED:
        services.reject(report, moderator, "Bukan kewenangan pemerintah provinsi.")
        return report
    services.verify(report, moderator, listed_publicly=True, public_text="Antrean panjang.")
    if status == Status.VERIFIED:
        return report
    services.route(report, moderator, agency)
    if status == Status.ROUTED:
        return report
    services.answer(report, moderator, "Loket tambahan dibuka mulai Senin.")
    if status == Status.ANSWERED:
        return report
    services.close(report, moderator)
    return report
