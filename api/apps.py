from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "public_api"
    verbose_name = "API"

    def ready(self):
        from core.cache import register_hit_hook

        from . import renditions
        from .endpoints import RATE_LIMIT_HOOK, over_rate_limit

        renditions.connect()
        # Answers served from the response cache count against the client's limit too.
        register_hit_hook(RATE_LIMIT_HOOK, over_rate_limit)
