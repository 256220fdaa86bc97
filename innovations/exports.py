"""Open-data exports of any filtered catalogue view, and the one column list they share.

`COLUMNS` is the single definition of an innovation as open data: the CSV, JSON and XLSX
exports use it, and so should the API, so that every channel names and shapes the data
the same way. Each column reads a record made by `records(state)`: a dictionary of plain
values (RECORD_FIELDS plus the list-valued columns). docs/data-dictionary.md documents
it; a test keeps the two in step.

Rows are read in chunks of CHUNK_SIZE (one value query streamed with a server-side cursor
where the database has one, plus four queries per chunk for the list-valued columns), and CSV
and JSON are streamed, so 10,000 rows never sit in memory at once.
"""

import csv
import datetime
import itertools
import tempfile
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.exports import spreadsheet_row
from core.i18n import in_active_language

from .cache import state_key
from .filters import CatalogueFilter
from .models import BUDGET_BANDS, InnovationAward, InnovationIndexPage, InnovationPage

CHUNK_SIZE = 500
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, integer, decimal, date, datetime, boolean, list
    description: str
    value: Any  # callable(record, context) -> value

    def get(self, record, context):
        return self.value(record, context)


def _key(name):
    return lambda record, context: record[name]


def _date(name):
    def value(record, context):
        date = record[name]
        return date.isoformat() if date else None

    return value


def _budget_band(record, context):
    return next(band.key for band in BUDGET_BANDS if band.contains(record["cost"]))


COLUMNS = [
    Column(
        "id", "integer", gettext_noop("ID halaman Wagtail; tetap selama inovasi ada."), _key("pk")
    ),
    Column(
        "slug",
        "text",
        gettext_noop("Slug URL inovasi; tetap kecuali diganti editor."),
        _key("slug"),
    ),
    Column(
        "language",
        "text",
        gettext_noop(
            "Bahasa halaman: id (Indonesia) atau en (terjemahan bahasa Inggris, di bawah /en/)."
        ),
        _key("locale__language_code"),
    ),
    Column(
        "url",
        "text",
        gettext_noop("Alamat lengkap halaman inovasi."),
        lambda r, c: f"{c['base_url']}{r['slug']}/",
    ),
    Column("title", "text", gettext_noop("Nama inovasi."), _key("title")),
    Column("tagline", "text", gettext_noop("Slogan singkat."), _key("tagline")),
    Column("summary", "text", gettext_noop("Ringkasan dua atau tiga kalimat."), _key("summary")),
    Column("agency_slug", "text", gettext_noop("Slug instansi pengelola."), _key("agency__slug")),
    Column("agency_name", "text", gettext_noop("Nama instansi pengelola."), _key("agency__name")),
    Column(
        "agency_region_bps",
        "text",
        gettext_noop("Kode BPS wilayah instansi pengelola."),
        _key("agency__region__bps_code"),
    ),
    Column(
        "region_bps_codes",
        "list",
        gettext_noop("Kode BPS wilayah penerapan (73 = provinsi, 73.xx = kabupaten/kota)."),
        _key("region_bps_codes"),
    ),
    Column("region_names", "list", gettext_noop("Nama wilayah penerapan."), _key("region_names")),
    Column("sector_slugs", "list", gettext_noop("Slug urusan pemerintahan."), _key("sector_slugs")),
    Column("sdg_numbers", "list", gettext_noop("Nomor TPB/SDG (1–17)."), _key("sdg_numbers")),
    Column(
        "form",
        "text",
        gettext_noop("Bentuk: tata_kelola, pelayanan_publik, lainnya."),
        _key("form"),
    ),
    Column(
        "is_digital", "boolean", gettext_noop("Inovasi digital (berbasis TIK)."), _key("is_digital")
    ),
    Column(
        "initiator",
        "text",
        gettext_noop("Inisiator: kepala_daerah, dprd, opd, asn, masyarakat."),
        _key("initiator"),
    ),
    Column(
        "stage", "text", gettext_noop("Tahapan: inisiatif, uji_coba, penerapan."), _key("stage")
    ),
    Column(
        "status",
        "text",
        gettext_noop("Status: aktif, terhenti_sementara, dihentikan."),
        _key("status"),
    ),
    Column(
        "launched_on",
        "date",
        gettext_noop("Tanggal diluncurkan (YYYY-MM-DD)."),
        _date("launched_on"),
    ),
    Column(
        "trial_started_on",
        "date",
        gettext_noop("Tanggal mulai uji coba."),
        _date("trial_started_on"),
    ),
    Column(
        "implemented_on", "date", gettext_noop("Tanggal mulai penerapan."), _date("implemented_on")
    ),
    Column(
        "cost", "integer", gettext_noop("Perkiraan biaya per tahun dalam rupiah."), _key("cost")
    ),
    Column(
        "budget_source",
        "text",
        gettext_noop("Sumber anggaran (kode, misalnya apbd)."),
        _key("budget_source"),
    ),
    Column(
        "budget_band",
        "text",
        gettext_noop("Rentang biaya yang dipakai filter katalog."),
        _budget_band,
    ),
    Column(
        "beneficiaries_count",
        "integer",
        gettext_noop("Jumlah penerima manfaat."),
        _key("beneficiaries_count"),
    ),
    Column(
        "replication_count",
        "integer",
        gettext_noop("Jumlah replikasi yang sedang berjalan atau sudah diterapkan."),
        _key("replication_count"),
    ),
    Column(
        "awards", "list", gettext_noop("Penghargaan sebagai slug:tahun:peringkat."), _key("awards")
    ),
    Column("website", "text", gettext_noop("Situs atau aplikasi inovasi."), _key("website")),
    Column("contact_name", "text", gettext_noop("Nama narahubung."), _key("contact_name")),
    Column("contact_email", "text", gettext_noop("Surel narahubung."), _key("contact_email")),
    Column(
        "last_published_at",
        "datetime",
        gettext_noop("Waktu terakhir diterbitkan (ISO 8601, UTC)."),
        _date("last_published_at"),
    ),
]
COLUMN_NAMES = [column.name for column in COLUMNS]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# Plain values, not model instances: at 10,000 rows, building pages and prefetching through
# modelcluster's managers cost about 2 ms a row; these value queries cost a tenth of that.
RECORD_FIELDS = [
    "pk",
    "slug",
    "locale__language_code",
    "title",
    "tagline",
    "summary",
    "agency__slug",
    "agency__name",
    "agency__region__bps_code",
    "form",
    "is_digital",
    "initiator",
    "stage",
    "status",
    "launched_on",
    "trial_started_on",
    "implemented_on",
    "cost",
    "budget_source",
    "beneficiaries_count",
    "replication_count",
    "website",
    "contact_name",
    "contact_email",
    "last_published_at",
]


def export_queryset(state):
    """The filtered, sorted innovations as dictionaries of RECORD_FIELDS."""
    return state.ordered(state.apply()).values(*RECORD_FIELDS)


def _grouped(pairs):
    grouped = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def _related_values(ids):
    """List-valued columns for one chunk of innovations: four queries per chunk."""
    regions = InnovationPage.regions.through.objects.filter(innovationpage_id__in=ids)
    region_rows = list(
        regions.order_by("region__bps_code").values_list(
            "innovationpage_id", "region__bps_code", "region__name"
        )
    )
    sectors = InnovationPage.sectors.through.objects.filter(innovationpage_id__in=ids)
    sdgs = InnovationPage.sdgs.through.objects.filter(innovationpage_id__in=ids)
    awards = InnovationAward.objects.filter(page_id__in=ids).order_by("page_id", "sort_order")
    return {
        "region_bps_codes": _grouped((pk, code) for pk, code, _name in region_rows),
        "region_names": _grouped((pk, name) for pk, _code, name in region_rows),
        "sector_slugs": _grouped(
            sectors.order_by("sector__slug").values_list("innovationpage_id", "sector__slug")
        ),
        "sdg_numbers": _grouped(
            (pk, str(number))
            for pk, number in sdgs.order_by("sustainabledevelopmentgoal__number").values_list(
                "innovationpage_id", "sustainabledevelopmentgoal__number"
            )
        ),
        "awards": _grouped(
            (pk, f"{slug}:{year}:{rank}")
            for pk, slug, year, rank in awards.values_list("page_id", "award__slug", "year", "rank")
        ),
    }


def records(state):
    """One dictionary per innovation with every field COLUMNS reads, in chunks."""
    chunk = []
    for record in export_queryset(state).iterator(chunk_size=CHUNK_SIZE):
        chunk.append(record)
        if len(chunk) == CHUNK_SIZE:
            yield from _complete(chunk)
            chunk = []
    if chunk:
        yield from _complete(chunk)


def _complete(chunk):
    related = _related_values([record["pk"] for record in chunk])
    for record in chunk:
        for name, values in related.items():
            record[name] = values.get(record["pk"], [])
        yield record


def export_context():
    # The catalogue of the language being read: English exports link the English pages.
    index = in_active_language(InnovationIndexPage.objects.live()).first()
    base_url = index.get_full_url() if index else ""
    return {"base_url": base_url or ""}


def rows(state, flatten=True):
    context = export_context()
    for record in records(state):
        row = [column.get(record, context) for column in COLUMNS]
        if flatten:
            row = [LIST_SEPARATOR.join(v) if isinstance(v, list) else v for v in row]
        yield row


class _Echo:
    def write(self, value):
        return value


def started_rows(state, flatten=True):
    """``rows`` with the first chunk already read from the database.

    A streamed response sends its status line and headers before its body: had the first
    query failed inside the stream, the client would get a 200 and a truncated file. Reading
    the first chunk here lets a database failure raise before the response exists (a 500).
    """
    iterator = rows(state, flatten)
    first = list(itertools.islice(iterator, 1))
    return itertools.chain(first, iterator)


def _csv_stream(state, row_iterator):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read UTF-8
    yield writer.writerow(COLUMN_NAMES)
    for row in row_iterator:
        yield writer.writerow(spreadsheet_row("" if value is None else value for value in row))


def _json_stream(state, row_iterator):
    from .open_data import LICENCE  # the open-data page imports this module

    encoder = DjangoJSONEncoder(ensure_ascii=False)
    meta = {
        "licence": LICENCE,
        "generated_at": timezone.now().isoformat(),
        "filters": dict_of_lists(state.params()),
        "columns": [
            {"name": c.name, "type": c.kind, "description": c.description} for c in COLUMNS
        ],
    }
    head = encoder.encode(meta)
    yield head[:-1] + ', "results": ['
    first = True
    for row in row_iterator:
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


DATE_COLUMNS = [index for index, column in enumerate(COLUMNS) if column.kind == "date"]


def _typed_cells(row):
    """Date columns as date cells, so a spreadsheet sorts and filters them as dates."""
    row = list(row)
    for index in DATE_COLUMNS:
        if row[index]:
            row[index] = datetime.date.fromisoformat(row[index])
    return row


def _xlsx_file(state):
    from openpyxl import Workbook

    row_iterator = started_rows(state)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("inovasi")
    sheet.append(COLUMN_NAMES)
    for row in row_iterator:
        sheet.append(spreadsheet_row(_typed_cells(row)))
    columns = workbook.create_sheet("kolom")
    columns.append(["name", "type", "description"])
    for column in COLUMNS:
        columns.append([column.name, column.kind, column.description])
    # FileResponse closes the file once it is sent.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return handle


def export_validators(request, fmt):
    """(fingerprint, last change) of an export, known before a row is read: the filter state
    under the catalogue's cache token (renewed by every publish and taxonomy edit), and the
    newest publication. A client holding the same file gets a 304 (core.conditional)."""
    state = CatalogueFilter.from_query(request.GET)
    last = InnovationPage.objects.live().public().aggregate(last=Max("last_published_at"))
    return f"{fmt}:{state_key(state, include_sort=True)}", last["last"]


def export_response(state, fmt):
    """The export of `state` in `fmt`; 400 with the reasons if the filters could not be used.

    Machine clients must not receive an unfiltered file when they asked for a filtered one.
    """
    if state.notices:
        message = "\n".join(["Filter tidak valid:", *state.notices, ""])
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    filename = f"inovasi-jipp-sulsel-{datetime.date.today():%Y%m%d}.{fmt}"
    if fmt == "csv":
        stream = _csv_stream(state, started_rows(state))
        response = StreamingHttpResponse(stream, content_type=FORMATS[fmt])
    elif fmt == "json":
        stream = _json_stream(state, started_rows(state, flatten=False))
        response = StreamingHttpResponse(stream, content_type=FORMATS[fmt])
    else:
        return FileResponse(
            _xlsx_file(state), as_attachment=True, filename=filename, content_type=FORMATS[fmt]
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "Column",
    "export_queryset",
    "export_response",
    "export_validators",
]
