"""Open-data exports of any filtered catalogue view, and the one column list they share.

`COLUMNS` is the single definition of an innovation as open data: the CSV, JSON and XLSX
exports use it, and so should the API, so that every channel names and shapes the data
the same way. docs/data-dictionary.md documents it; a test keeps the two in step.

Rows are read in chunks (`iterator(chunk_size=...)` with per-chunk prefetching) and CSV
and JSON are streamed, so 10,000 rows never sit in memory at once.
"""

import csv
import datetime
import tempfile
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from .models import InnovationAward, InnovationIndexPage

CHUNK_SIZE = 500
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, integer, decimal, date, datetime, boolean, list
    description: str
    value: Any  # callable(page, context) -> value

    def get(self, page, context):
        return self.value(page, context)


def _field(name):
    return lambda page, context: getattr(page, name)


def _date(name):
    def value(page, context):
        date = getattr(page, name)
        return date.isoformat() if date else None

    return value


def _related(relation, attribute):
    return lambda page, context: [
        str(getattr(obj, attribute)) for obj in getattr(page, relation).all()
    ]


COLUMNS = [
    Column("id", "integer", "ID halaman Wagtail; tetap selama inovasi ada.", _field("pk")),
    Column("slug", "text", "Slug URL inovasi; tetap kecuali diganti editor.", _field("slug")),
    Column(
        "url", "text", "Alamat lengkap halaman inovasi.", lambda p, c: f"{c['base_url']}{p.slug}/"
    ),
    Column("title", "text", "Nama inovasi.", _field("title")),
    Column("tagline", "text", "Slogan singkat.", _field("tagline")),
    Column("summary", "text", "Ringkasan dua atau tiga kalimat.", _field("summary")),
    Column("agency_slug", "text", "Slug instansi pengelola.", lambda p, c: p.agency.slug),
    Column("agency_name", "text", "Nama instansi pengelola.", lambda p, c: p.agency.name),
    Column(
        "agency_region_bps",
        "text",
        "Kode BPS wilayah instansi pengelola.",
        lambda p, c: p.agency.region.bps_code,
    ),
    Column(
        "region_bps_codes",
        "list",
        "Kode BPS wilayah penerapan (73 = provinsi, 73.xx = kabupaten/kota).",
        _related("regions", "bps_code"),
    ),
    Column("region_names", "list", "Nama wilayah penerapan.", _related("regions", "name")),
    Column("sector_slugs", "list", "Slug urusan pemerintahan.", _related("sectors", "slug")),
    Column("sdg_numbers", "list", "Nomor TPB/SDG (1–17).", _related("sdgs", "number")),
    Column("form", "text", "Bentuk: tata_kelola, pelayanan_publik, lainnya.", _field("form")),
    Column("is_digital", "boolean", "Inovasi digital (berbasis TIK).", _field("is_digital")),
    Column(
        "initiator",
        "text",
        "Inisiator: kepala_daerah, dprd, opd, asn, masyarakat.",
        _field("initiator"),
    ),
    Column("stage", "text", "Tahapan: inisiatif, uji_coba, penerapan.", _field("stage")),
    Column("status", "text", "Status: aktif, terhenti_sementara, dihentikan.", _field("status")),
    Column("launched_on", "date", "Tanggal diluncurkan (YYYY-MM-DD).", _date("launched_on")),
    Column("trial_started_on", "date", "Tanggal mulai uji coba.", _date("trial_started_on")),
    Column("implemented_on", "date", "Tanggal mulai penerapan.", _date("implemented_on")),
    Column("cost", "integer", "Perkiraan biaya per tahun dalam rupiah.", _field("cost")),
    Column(
        "budget_source", "text", "Sumber anggaran (kode, misalnya apbd).", _field("budget_source")
    ),
    Column(
        "budget_band",
        "text",
        "Rentang biaya yang dipakai filter katalog.",
        lambda p, c: p.budget_band.key,
    ),
    Column(
        "beneficiaries_count", "integer", "Jumlah penerima manfaat.", _field("beneficiaries_count")
    ),
    Column(
        "replication_count",
        "integer",
        "Jumlah replikasi yang sedang berjalan atau sudah diterapkan.",
        _field("replication_count"),
    ),
    Column(
        "awards",
        "list",
        "Penghargaan sebagai slug:tahun:peringkat.",
        lambda p, c: [f"{a.award.slug}:{a.year}:{a.rank}" for a in p.awards.all()],
    ),
    Column("website", "text", "Situs atau aplikasi inovasi.", _field("website")),
    Column("contact_name", "text", "Nama narahubung.", _field("contact_name")),
    Column("contact_email", "text", "Surel narahubung.", _field("contact_email")),
    Column(
        "last_published_at",
        "datetime",
        "Waktu terakhir diterbitkan (ISO 8601, UTC).",
        lambda p, c: p.last_published_at.isoformat() if p.last_published_at else None,
    ),
]
COLUMN_NAMES = [column.name for column in COLUMNS]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_queryset(state):
    """The filtered, sorted innovations with everything COLUMNS reads, for chunked iteration."""
    return (
        state.ordered(state.apply())
        .defer_streamfields()
        .select_related("agency__region")
        .prefetch_related(
            "regions",
            "sectors",
            "sdgs",
            Prefetch("awards", queryset=InnovationAward.objects.select_related("award")),
        )
    )


def export_context():
    index = InnovationIndexPage.objects.live().first()
    base_url = index.get_full_url() if index else ""
    return {"base_url": base_url or ""}


def rows(state, flatten=True):
    context = export_context()
    for page in export_queryset(state).iterator(chunk_size=CHUNK_SIZE):
        row = [column.get(page, context) for column in COLUMNS]
        if flatten:
            row = [LIST_SEPARATOR.join(v) if isinstance(v, list) else v for v in row]
        yield row


class _Echo:
    def write(self, value):
        return value


def _csv_stream(state):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read UTF-8
    yield writer.writerow(COLUMN_NAMES)
    for row in rows(state):
        yield writer.writerow(["" if value is None else value for value in row])


def _json_stream(state):
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    meta = {
        "generated_at": timezone.now().isoformat(),
        "filters": dict_of_lists(state.params()),
        "columns": [
            {"name": c.name, "type": c.kind, "description": c.description} for c in COLUMNS
        ],
    }
    head = encoder.encode(meta)
    yield head[:-1] + ', "results": ['
    first = True
    for row in rows(state, flatten=False):
        yield (
            ("" if first else ",")
            + "\n"
            + encoder.encode(dict(zip(COLUMN_NAMES, row, strict=True)))
        )
        first = False
    yield "\n]}\n"


def dict_of_lists(pairs):
    result = {}
    for name, value in pairs:
        result.setdefault(name, []).append(value)
    return result


def _xlsx_file(state):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("inovasi")
    sheet.append(COLUMN_NAMES)
    for row in rows(state):
        sheet.append(row)
    columns = workbook.create_sheet("kolom")
    columns.append(["name", "type", "description"])
    for column in COLUMNS:
        columns.append([column.name, column.kind, column.description])
    # FileResponse closes the file once it is sent.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return handle


def export_response(state, fmt):
    """The export of `state` in `fmt`; 400 with the reasons if the filters could not be used.

    Machine clients must not receive an unfiltered file when they asked for a filtered one.
    """
    if state.notices:
        message = "\n".join(["Filter tidak valid:", *state.notices, ""])
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    filename = f"inovasi-jipp-sulsel-{datetime.date.today():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_stream(state), content_type=FORMATS[fmt])
    elif fmt == "json":
        response = StreamingHttpResponse(_json_stream(state), content_type=FORMATS[fmt])
    else:
        return FileResponse(
            _xlsx_file(state), as_attachment=True, filename=filename, content_type=FORMATS[fmt]
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


__all__ = ["COLUMNS", "COLUMN_NAMES", "Column", "export_queryset", "export_response"]
