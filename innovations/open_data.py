"""The open-data page at /data-terbuka/ and the reference-data downloads.

The innovations dataset is the catalogue's export (innovations.exports, same columns and
identifiers as the API); regions and agencies are small and are written here, with the
same Column definitions so one data dictionary template describes all three.
"""

import csv
import io
import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_safe
from wagtail.models import ModelLogEntry

from core.cache import conditional_get
from core.exports import spreadsheet_row

from .exports import COLUMNS as INNOVATION_COLUMNS
from .exports import FORMATS, Column
from .models import Agency, InnovationPage, Region

LICENCE = {
    "name": "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.id",
}


def _attr(name):
    return lambda obj, context: getattr(obj, name)


def _decimal(name):
    def value(obj, context):
        number = getattr(obj, name)
        return None if number is None else float(number)

    return value


REGION_COLUMNS = [
    Column(
        "bps_code",
        "text",
        gettext_noop("Kode wilayah BPS (73 = provinsi, 73.xx = kabupaten/kota)."),
        _attr("bps_code"),
    ),
    Column("name", "text", gettext_noop("Nama wilayah."), _attr("name")),
    Column("slug", "text", gettext_noop("Slug wilayah."), _attr("slug")),
    Column("kind", "text", gettext_noop("Jenis: province, kabupaten, kota."), _attr("kind")),
    Column("seat", "text", gettext_noop("Ibu kota."), _attr("seat")),
    Column("latitude", "decimal", gettext_noop("Lintang (WGS 84)."), _decimal("latitude")),
    Column("longitude", "decimal", gettext_noop("Bujur (WGS 84)."), _decimal("longitude")),
    Column(
        "innovation_count",
        "integer",
        gettext_noop("Jumlah inovasi terbit yang diterapkan di wilayah ini."),
        _attr("innovation_count"),
    ),
]

AGENCY_COLUMNS = [
    Column(
        "slug",
        "text",
        gettext_noop("Slug instansi; dipakai filter agency di katalog dan API."),
        _attr("slug"),
    ),
    Column("name", "text", gettext_noop("Nama instansi."), _attr("name")),
    Column("acronym", "text", gettext_noop("Singkatan."), _attr("acronym")),
    Column(
        "kind", "text", gettext_noop("Jenis instansi (kode, misalnya opd_provinsi)."), _attr("kind")
    ),
    Column(
        "region_bps",
        "text",
        gettext_noop("Kode BPS wilayah instansi."),
        lambda a, c: a.region.bps_code,
    ),
    Column("website", "text", gettext_noop("Situs web."), _attr("website")),
    Column(
        "innovation_count",
        "integer",
        gettext_noop("Jumlah inovasi terbit yang dikelola instansi ini."),
        _attr("innovation_count"),
    ),
]


def _public_innovations():
    return InnovationPage.objects.live().public().values("pk")


def regions():
    return Region.objects.annotate(
        innovation_count=Count(
            "innovations", filter=Q(innovations__in=_public_innovations()), distinct=True
        )
    ).order_by("bps_code")


def agencies():
    return (
        Agency.objects.select_related("region")
        .annotate(
            innovation_count=Count(
                "innovations", filter=Q(innovations__in=_public_innovations()), distinct=True
            )
        )
        .order_by("slug")
    )


REFERENCE_DATASETS = {
    "wilayah": (_("Wilayah"), Region, REGION_COLUMNS, regions),
    "instansi": (_("Instansi"), Agency, AGENCY_COLUMNS, agencies),
}


def reference_last_changed(model):
    """When editors last changed the model's entries, else when the reference data loaded."""
    content_type = ContentType.objects.get_for_model(model)
    logged = ModelLogEntry.objects.filter(content_type=content_type).aggregate(
        last=Max("timestamp")
    )
    if logged["last"]:
        return logged["last"]
    loaded = MigrationRecorder.Migration.objects.filter(app="innovations").aggregate(
        last=Max("applied")
    )
    return loaded["last"]


def innovations_last_changed():
    return InnovationPage.objects.live().public().aggregate(last=Max("last_published_at"))["last"]


@require_safe
def open_data_page(request):
    datasets = [
        {
            "slug": "inovasi",
            "title": _("Inovasi"),
            "description": _(
                "Semua inovasi yang terbit: identitas, klasifikasi, tahapan, biaya, replikasi "
                "dan penghargaan. Bisa difilter seperti katalog, misalnya ?wilayah=73.71."
            ),
            "downloads": [
                (fmt.upper(), reverse("innovations:export", kwargs={"fmt": fmt})) for fmt in FORMATS
            ],
            "last_changed": innovations_last_changed(),
            "columns": INNOVATION_COLUMNS,
            "api": "/api/v2/innovations/",
        }
    ]
    descriptions = {
        "wilayah": _("Provinsi Sulawesi Selatan dan 24 kabupaten/kota dengan kode BPS."),
        "instansi": _("Instansi pengelola inovasi: OPD, UPT, puskesmas, sekolah, BUMD."),
    }
    api_paths = {"wilayah": "/api/v2/regions/", "instansi": "/api/v2/agencies/"}
    for slug, (title, model, columns, _rows) in REFERENCE_DATASETS.items():
        datasets.append(
            {
                "slug": slug,
                "title": title,
                "description": descriptions[slug],
                "downloads": [
                    (
                        fmt.upper(),
                        reverse("open_data_download", kwargs={"dataset": slug, "fmt": fmt}),
                    )
                    for fmt in FORMATS
                ],
                "last_changed": reference_last_changed(model),
                "columns": columns,
                "api": api_paths[slug],
            }
        )
    response = render(request, "api/open_data.html", {"datasets": datasets, "licence": LICENCE})
    patch_cache_control(response, public=True, max_age=300)
    return response


def _rows(columns, objects):
    return [[column.get(obj, {}) for column in columns] for obj in objects]


@require_safe
@conditional_get
def download(request, dataset, fmt):
    if dataset not in REFERENCE_DATASETS or fmt not in FORMATS:
        raise Http404
    if request.GET:
        return HttpResponse(
            "Dataset ini tidak menerima parameter.\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    _title, _model, columns, queryset = REFERENCE_DATASETS[dataset]
    names = [column.name for column in columns]
    rows = _rows(columns, queryset())
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(names)
        writer.writerows([spreadsheet_row("" if v is None else v for v in row) for row in rows])
        body = buffer.getvalue().encode()
    elif fmt == "json":
        body = json.dumps(
            {
                "licence": LICENCE,
                "columns": [
                    {"name": c.name, "type": c.kind, "description": str(c.description)}
                    for c in columns
                ],
                "results": [dict(zip(names, row, strict=True)) for row in rows],
            },
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
        ).encode()
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(dataset)
        sheet.append(names)
        for row in rows:
            sheet.append(spreadsheet_row(row))
        dictionary = workbook.create_sheet("kolom")
        dictionary.append(["name", "type", "description"])
        for column in columns:
            dictionary.append([column.name, column.kind, str(column.description)])
        buffer = io.BytesIO()
        workbook.save(buffer)
        body = buffer.getvalue()
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{dataset}-jipp-sulsel.{fmt}"'
    patch_cache_control(response, public=True, max_age=3600)
    return response


urlpatterns = [
    path("", open_data_page, name="open_data"),
    path("<slug:dataset>.<str:fmt>", download, name="open_data_download"),
]
