from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Inti"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from . import (
            bruteforce,
            cache,
            lookups,  # noqa: F401 - registers the `__any` lookup
            public_url,
            richtext,
        )

        richtext.connect()
        bruteforce.connect()
        # Publishes drop the cached answers that show the page (core/cache.py).
        cache.connect()
        # After Wagtail's migrations have made the default Site, give it the public origin.
        post_migrate.connect(
            public_url.sync_default_site, sender=apps.get_app_config("wagtailcore")
        )
