from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "public_api"
    verbose_name = "API"

    def ready(self):
        from . import renditions

        renditions.connect()
