"""Alt text is written by an editor, never taken from the image's title (issue 19 item 6).

Wagtail's rich-text image dialog (the "Gambar" button, then the format and alt text form)
pre-fills the alt text with ``image.default_alt_text``: the description, or else the title,
which an upload fills with the file name. An editor who clicks on published the file name as
the image's text alternative; with no description the empty field also ticked "decorative"
by itself. Here the field starts with the description only, "decorative" starts unticked,
and the form (Wagtail's ImageInsertionForm) asks for one of the two. Editing an image already
in the text keeps what was written there (the editor passes it back in the query string).
"""

from wagtail.images.views.chooser import ImageSelectFormatView, ImageUploadView
from wagtail.images.views.chooser import viewset as image_chooser_viewset


class WrittenAltTextMixin:
    def render_select_format_response(self, image, form):
        if not form.is_bound and "alt_text" not in self.request.GET:
            form.initial["alt_text"] = image.description
            form.initial["image_is_decorative"] = False
        return super().render_select_format_response(image, form)


class SelectFormatView(WrittenAltTextMixin, ImageSelectFormatView):
    """Choosing an image already in the library, then its format and alt text."""


class UploadView(WrittenAltTextMixin, ImageUploadView):
    """Uploading an image from the dialog, then its format and alt text."""


def use_written_alt_text():
    """Point Wagtail's image chooser at these views; called before the admin URLs are built."""
    image_chooser_viewset.select_format_view_class = SelectFormatView
    image_chooser_viewset.create_view_class = UploadView
