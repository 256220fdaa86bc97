"""Issue 17, item 9: rich text stored through code (imports, shell, data migrations) is
cleaned on save, as the admin's converter and SafeRichTextBlock clean it."""

import pytest

from innovations.models import InnovationPage
from tests.innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db

UNSAFE = (
    '<p onclick="steal()">Warga <a href="javascript:alert(1)">klik</a>'
    '<script>steal()</script><b>tebal</b> <a linktype="page" id="3">tautan</a></p>'
    '<iframe src="https://penyerang.example/"></iframe>'
)


def assert_clean(html):
    assert "script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "iframe" not in html
    assert "<b>tebal</b>" in html
    assert '<a id="3" linktype="page">tautan</a>' in html or 'linktype="page"' in html


def test_rich_text_written_by_code_is_cleaned_on_save(catalogue):
    page = InnovationPageFactory(parent=catalogue, problem=UNSAFE)
    stored = InnovationPage.objects.get(pk=page.pk)
    assert_clean(stored.problem)


def test_rich_text_cleaned_when_a_revision_is_published(client, catalogue):
    page = InnovationPageFactory(parent=catalogue)
    page.lessons_learned = UNSAFE
    page.save_revision().publish()
    assert_clean(InnovationPage.objects.get(pk=page.pk).lessons_learned)
    html = client.get(page.url).content.decode()
    assert "steal()" not in html and "javascript:alert" not in html


def test_plain_text_and_safe_markup_are_kept(catalogue):
    page = InnovationPageFactory(
        parent=catalogue, problem="<p>Biaya &amp; waktu <i>turun</i>.</p>", approach="Tanpa tag"
    )
    stored = InnovationPage.objects.get(pk=page.pk)
    assert stored.problem == "<p>Biaya &amp; waktu <i>turun</i>.</p>"
    assert stored.approach == "Tanpa tag"
