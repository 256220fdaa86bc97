"""Admin look shared by every area: one stylesheet added to every admin page; the image
chooser asks for written alt text (core/images.py)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from core.images import use_written_alt_text

# Before the admin builds its URLs, which it does after importing every wagtail_hooks module.
use_written_alt_text()


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))
