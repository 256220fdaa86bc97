import pytest
from bs4 import BeautifulSoup

from core.blocks import BodyStreamBlock, sanitize_rich_text
from tests.publications.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

XSS_RICH_TEXT = (
    '<p>Baca <a href="javascript:alert(1)">ini</a> dan '
    '<a href=" JaVaScRiPt:alert(2)">itu</a> atau <a href="https://jipp.example/">aman</a>'
    ' <a linktype="page" id="3">halaman</a></p>'
    '<script>alert(3)</script><p onclick="alert(4)">klik</p>'
    '<img src="x" onerror="alert(5)">'
)
XSS_TABLE = {
    "caption": "Tabel <b>uji</b>",
    "table": {
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "data": [
            ["Kolom", "<script>alert(6)</script>"],
            ['<img src=x onerror="alert(7)">', "Nilai"],
        ],
        "cell": [{"row": 1, "col": 0, "className": '"><script>alert(8)</script>'}],
    },
    "source": "",
}


def render(block_type, value):
    block = BodyStreamBlock()
    stream = block.to_python([{"type": block_type, "value": value}])
    return block.render(stream)


def test_rich_text_loses_scripts_handlers_and_javascript_links():
    clean = sanitize_rich_text(XSS_RICH_TEXT)
    assert "javascript" not in clean.lower()
    assert "<script" not in clean and "alert(3)" not in clean
    assert "onclick" not in clean and "onerror" not in clean
    assert 'href="https://jipp.example/"' in clean
    assert 'linktype="page"' in clean  # internal links survive for Wagtail to expand


def test_paragraph_block_renders_sanitised_html():
    html = str(render("paragraph", XSS_RICH_TEXT))
    assert "javascript:" not in html.lower() and "<script" not in html


def test_table_cells_and_classes_are_escaped():
    html = str(render("table", XSS_TABLE))
    soup = BeautifulSoup(html, "html.parser")
    assert [th.get_text(strip=True) for th in soup.select("table thead th")] == [
        "Kolom",
        "<script>alert(6)</script>",
    ]
    assert not soup.find("script")
    assert not soup.find("img")
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in html
    assert not any(tag.has_attr("onerror") for tag in soup.find_all(True))
    assert soup.find("figcaption").get_text() == "Tabel <b>uji</b>"


def test_every_block_has_a_template_icon_and_description():
    for name, block in BodyStreamBlock().child_blocks.items():
        assert block.meta.template, name
        assert block.meta.icon and block.meta.icon != "placeholder", name
        assert block.meta.description, name


@pytest.mark.parametrize(
    "block_type",
    ["heading", "paragraph", "quote", "callout", "key_figures", "table"],
)
def test_blocks_with_a_preview_value_render_it(block_type):
    block = BodyStreamBlock().child_blocks[block_type]
    assert block.meta.preview_value
    html = block.render(block.normalize(block.meta.preview_value))
    assert html.strip()


def test_body_with_unsafe_markup_is_stored_and_served_safely(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(
        parent=index,
        body=[("paragraph", XSS_RICH_TEXT), ("table", XSS_TABLE)],
    )

    html = client.get(news.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert "javascript:" not in html.lower()
    assert "alert(3)" not in html and "<script>alert" not in html
    assert [s["type"] for s in soup.find_all("script")] == ["application/ld+json"]
    assert not any(
        tag.has_attr("onerror") or tag.has_attr("onclick") for tag in soup.find_all(True)
    )
    assert "<script>alert(6)</script>" in soup.find("table").get_text()  # shown, not run
