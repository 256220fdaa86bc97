from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalisationConfig(AppConfig):
    name = "localisation"
    verbose_name = _("Bahasa dan terjemahan")
    default_auto_field = "django.db.models.BigAutoField"
