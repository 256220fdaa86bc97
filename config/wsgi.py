import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

from core.startup import freeze_startup_objects  # noqa: E402 - needs the configured Django

freeze_startup_objects()
