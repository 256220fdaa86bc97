"""The editors' view of translations: which English pages are out of date."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import status


def translation_report(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    rows = status.translation_rows("en")
    return render(
        request,
        "localisation/translation_report.html",
        {"rows": rows, "out_of_date": sum(row.out_of_date for row in rows)},
    )
