from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Inti"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import bruteforce, richtext

        richtext.connect()
        bruteforce.connect()
