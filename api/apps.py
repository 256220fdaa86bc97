from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "public_api"
    verbose_name = "API"
