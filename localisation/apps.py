from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalisationConfig(AppConfig):
    name = "localisation"
    verbose_name = _("Bahasa dan terjemahan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from search.synonyms import synonyms_changed

        from . import signals
        from .models import GlossaryTerm

        signals.connect()
        # Glossary pairs are synonym groups of search: an edit reaches both backends at once.
        for signal in (post_save, post_delete):
            signal.connect(synonyms_changed, sender=GlossaryTerm, dispatch_uid=f"glossary-{signal}")
