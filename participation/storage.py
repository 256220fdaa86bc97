"""Where attachments live: a folder outside MEDIA_ROOT that no URL maps to.

Files are read back only by participation.views_admin.attachment, after the staff member's
access to the report has been checked. The location is read from settings at every use so
that tests (and deployments) can point it elsewhere.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(settings.PARTICIPATION_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Complaint attachments have no public URL.")

    def deconstruct(self):
        return ("participation.storage.PrivateStorage", (), {})


private_storage = PrivateStorage()
