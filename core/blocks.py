"""The one shared set of StreamField blocks used by every body field in the project.

Each block has a template under core/templates/core/blocks/, an icon and, where it can
be rendered without uploads or calls to other hosts, a preview value for the admin's
block picker.
"""

from bs4 import BeautifulSoup
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, Whitelister, attribute_rule, check_url

PARAGRAPH_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class StoredRichTextWhitelister(Whitelister):
    """Whitelist for rich text in Wagtail's stored ("database") format.

    The editor already strips unsafe markup, but content also arrives through imports,
    the demo loader and the API; this keeps `javascript:` links and scripts out of all of it
    while preserving the `linktype`/`embedtype` references Wagtail expands at render time.
    """

    element_rules = {
        **DEFAULT_ELEMENT_RULES,
        "a": attribute_rule({"href": check_url, "linktype": True, "id": True}),
        "embed": attribute_rule(
            {"embedtype": True, "id": True, "format": True, "alt": True, "url": check_url}
        ),
        "img": attribute_rule({"alt": True}),
        "blockquote": DEFAULT_ELEMENT_RULES["p"],
        "code": DEFAULT_ELEMENT_RULES["p"],
    }

    def clean(self, html):
        doc = BeautifulSoup(html, "html.parser")
        # Drop executable elements with their content rather than unwrapping them.
        for tag in doc.find_all(["script", "style", "iframe", "object", "template"]):
            tag.decompose()
        self.clean_node(doc, doc)
        return doc.decode(formatter=escape)


def sanitize_rich_text(html):
    return StoredRichTextWhitelister().clean(html or "")


class SafeRichTextBlock(blocks.RichTextBlock):
    """A rich text block that whitelists its HTML whenever it is stored or loaded."""

    def get_prep_value(self, value):
        return sanitize_rich_text(super().get_prep_value(value))

    def to_python(self, value):
        return RichText(sanitize_rich_text(value))


# The blocks below share one shape (fields, then Meta with icon, label, template, preview
# value, description) and the duplicates scan pairs them: kept as is, because each block
# is a form editors fill in and reading its fields in one place beats a generated class.
class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("teks judul"), max_length=160)
    size = blocks.ChoiceBlock(
        label=_("tingkat"),
        choices=[("h2", _("Judul bagian (H2)")), ("h3", _("Subjudul (H3)")), ("h4", "H4")],
        default="h2",
        help_text=_("Gunakan tingkat berurutan: H2, lalu H3 di bawahnya."),
    )

    class Meta:
        icon = "title"
        label = _("Judul")
        template = "core/blocks/heading.html"
        preview_value = {"text": "Pelajaran dari kaji tiru", "size": "h2"}
        description = _("Judul bagian di dalam isi halaman.")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("gambar"))
    alt_text = blocks.CharBlock(
        label=_("teks alternatif"),
        required=False,
        max_length=250,
        help_text=_("Gambarkan isi gambar bagi pembaca layar. Kosongkan bila hanya hiasan."),
    )
    caption = blocks.CharBlock(label=_("keterangan"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("sumber/kredit foto"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = "core/blocks/image.html"
        description = _("Gambar dengan keterangan dan kredit foto.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("kutipan"))
    attribution = blocks.CharBlock(label=_("sumber kutipan"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Kutipan")
        template = "core/blocks/quote.html"
        preview_value = {
            "text": "Inovasi bukan pilihan, melainkan kewajiban setiap perangkat daerah.",
            "attribution": "Biro Organisasi Setda Provinsi Sulawesi Selatan",
        }
        description = _("Kutipan pernyataan narasumber.")


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(
        label=_("tautan media"),
        help_text=_("Tautan YouTube, Vimeo atau media lain yang didukung."),
    )
    caption = blocks.CharBlock(label=_("keterangan"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Video/media sematan")
        template = "core/blocks/embed.html"
        # No preview value: rendering one would fetch oEmbed data from another host.
        description = _("Video atau media dari layanan lain, disematkan di halaman.")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokumen"))
    title = blocks.CharBlock(
        label=_("judul tautan"),
        required=False,
        max_length=200,
        help_text=_("Kosongkan untuk memakai judul dokumen."),
    )
    description = blocks.CharBlock(label=_("keterangan"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Tautan dokumen")
        template = "core/blocks/document.html"
        description = _("Tautan unduhan ke dokumen (PDF, DOCX, XLSX...).")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("jenis"),
        choices=[("info", _("Informasi")), ("tip", _("Kiat")), ("warning", _("Perhatian"))],
        default="info",
    )
    heading = blocks.CharBlock(label=_("judul"), required=False, max_length=120)
    text = SafeRichTextBlock(label=_("isi"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Kotak sorotan")
        template = "core/blocks/callout.html"
        preview_value = {
            "kind": "tip",
            "heading": "Kiat replikasi",
            "text": "<p>Mulailah dengan uji coba di satu unit layanan.</p>",
        }
        description = _("Kotak yang menonjolkan informasi, kiat atau peringatan.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("nilai"), max_length=20)
    unit = blocks.CharBlock(label=_("satuan"), required=False, max_length=40)
    label = blocks.CharBlock(label=_("keterangan"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Angka")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("judul"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("angka"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        label = _("Angka kunci")
        template = "core/blocks/key_figures.html"
        preview_value = {
            "heading": "Capaian 2021",
            "figures": [
                {"value": "356", "unit": "inovasi", "label": "tercatat di JIPP Sulsel"},
                {"value": "24", "unit": "kab/kota", "label": "terjangkau"},
            ],
        }
        description = _("Dua sampai enam angka penting dengan satuan dan keterangan.")


TABLE_OPTIONS = {
    "contextMenu": [
        "row_above",
        "row_below",
        "---------",
        "col_left",
        "col_right",
        "---------",
        "remove_row",
        "remove_col",
        "---------",
        "undo",
        "redo",
    ],
    # Cells are plain text: the HTML renderer would let markup through.
    "renderer": "text",
}


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("judul tabel"),
        max_length=200,
        help_text=_("Judul singkat yang menjelaskan isi tabel (dibacakan pembaca layar)."),
    )
    table = TableBlock(label=_("tabel"), table_options=TABLE_OPTIONS)
    source = blocks.CharBlock(label=_("sumber data"), required=False, max_length=200)

    class Meta:
        icon = "table"
        label = _("Tabel")
        template = "core/blocks/table.html"
        preview_value = {
            "caption": "Jumlah inovasi per tahun",
            "table": {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Tahun", "Inovasi"], ["2020", "120"], ["2021", "356"]],
            },
            "source": "Biro Organisasi Setda Prov. Sulsel",
        }
        description = _("Tabel data sederhana dengan judul dan sumber.")


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = SafeRichTextBlock(
        label=_("Paragraf"),
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="core/blocks/paragraph.html",
        preview_value=(
            "<p>JIPP Sulsel adalah wadah berbagi pengetahuan inovasi pelayanan publik.</p>"
        ),
        description=_("Teks biasa dengan tautan, daftar dan subjudul."),
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    embed = EmbedWithCaptionBlock()
    document = DocumentLinkBlock()
    callout = CalloutBlock()
    key_figures = KeyFiguresBlock()
    table = CaptionedTableBlock()

    def clean(self, value):
        # Autosave stores a block the editor added and left empty; it must not stop a later
        # publish or schedule with "required" errors, so untouched blocks are dropped.
        kept = [child for child in value if not _untouched(child)]
        if len(kept) != len(value):
            value = blocks.StreamValue(self, [(c.block_type, c.value, c.id) for c in kept])
        return super().clean(value)


def _only_blank_text(data):
    if isinstance(data, dict):
        return all(_only_blank_text(item) for item in data.values())
    if isinstance(data, list):
        return all(_only_blank_text(item) for item in data)
    return data is None or (isinstance(data, str) and not data.strip())


def _untouched(child):
    """A stream child still as it was added: its default value, or nothing but blank text."""
    block = child.block
    prepared = block.get_prep_value(child.value)
    return prepared == block.get_prep_value(block.get_default()) or _only_blank_text(prepared)
