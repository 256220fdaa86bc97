"""The editors' view of translations: which English pages are out of date."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from wagtail.admin.admin_url_finder import AdminURLFinder

from . import status


def translation_report(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    rows = status.translation_rows("en")
    snippet_rows = status.snippet_translation_rows("en")
    urls = AdminURLFinder(request.user)
    for row in snippet_rows:
        row.source_url = urls.get_edit_url(row.source)
        row.translation_url = urls.get_edit_url(row.translation)
    return render(
        request,
        "localisation/translation_report.html",
        {
            "rows": rows,
            "out_of_date": sum(row.out_of_date for row in rows),
            "snippet_rows": snippet_rows,
            "snippets_out_of_date": sum(row.out_of_date for row in snippet_rows),
        },
    )
