"""No English string on the editorial screens of the admin (issue 19 item 7).

The screens an editor works on: login, dashboard, explorer, the add and edit form of every
page type (with the scheduling dialog and the side panels they carry), workflows, images,
documents, every snippet listing and form, and the reports. Each is fetched as a logged-in
user whose admin language is Indonesian; tests/admin/english.py lists what is English.

`ADMIN_ENGLISH_REPORT=1 pytest tests/admin/test_admin_indonesian.py -s` prints every English
string per screen (the measurement reported in the issue).
"""

import os

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Workflow
from wagtail.snippets.models import get_snippet_models

from tests.admin.english import english_strings
from tests.admin.pages import one_page_of_each_type
from tests.agencies.factories import UserFactory

pytestmark = pytest.mark.django_db


def screens(home):
    pages = one_page_of_each_type(home)
    image = get_image_model().objects.create(title="Foto kegiatan", file=get_test_image_file())
    document = get_document_model().objects.create(title="SOP layanan", file="sop.pdf")
    urls = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore_root"),
        "explorer home": reverse("wagtailadmin_explore", args=[home.pk]),
        "images": reverse("wagtailimages:index"),
        "image add": reverse("wagtailimages:add_multiple"),
        "image edit": reverse("wagtailimages:edit", args=[image.pk]),
        "documents": reverse("wagtaildocs:index"),
        "document add": reverse("wagtaildocs:add_multiple"),
        "document edit": reverse("wagtaildocs:edit", args=[document.pk]),
        "snippets": reverse("wagtailsnippets:index"),
        "workflows": reverse("wagtailadmin_workflows:index"),
        "workflow tasks": reverse("wagtailadmin_workflows:task_index"),
        "report locked": reverse("wagtailadmin_reports:locked_pages"),
        "report workflow": reverse("wagtailadmin_reports:workflow"),
        "report workflow tasks": reverse("wagtailadmin_reports:workflow_tasks"),
        "report site history": reverse("wagtailadmin_reports:site_history"),
        "report aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "account": reverse("wagtailadmin_account"),
    }
    workflow = Workflow.objects.filter(active=True).first()
    if workflow:
        urls["workflow edit"] = reverse("wagtailadmin_workflows:edit", args=[workflow.pk])
    for page in pages:
        model = page.specific_class._meta
        urls[f"edit {model.label}"] = reverse("wagtailadmin_pages:edit", args=[page.pk])
        parent = page.get_parent()
        if page.specific_class.can_create_at(parent):
            urls[f"add {model.label}"] = reverse(
                "wagtailadmin_pages:add", args=[model.app_label, model.model_name, parent.pk]
            )
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        urls[f"snippets {model._meta.label}"] = reverse(viewset.get_url_name("list"))
        urls[f"snippet add {model._meta.label}"] = reverse(viewset.get_url_name("add"))
    return urls


def english_by_screen(client, home):
    found = {}
    response = client.get(reverse("wagtailadmin_login"))
    found["login"] = english_strings(response.content.decode())
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for name, url in screens(home).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        found[name] = english_strings(response.content.decode())
    return {name: strings for name, strings in found.items() if strings}


def test_editorial_screens_have_no_english(client, home_page):
    found = english_by_screen(client, home_page)
    if os.environ.get("ADMIN_ENGLISH_REPORT") == "1":
        distinct = {s for strings in found.values() for s in strings}
        for name, strings in found.items():
            print(f"{name}: {len(strings)}: {strings}")
        print(f"screens with English: {len(found)}; distinct English strings: {len(distinct)}")
    assert found == {}
