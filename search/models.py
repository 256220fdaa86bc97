"""What visitors search for, counted per day, for the top and zero-result queries report."""

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search.utils import normalise_query_string


class SearchQueryDay(models.Model):
    """How often a query was searched on a day, and how often it found nothing."""

    query_string = models.CharField(_("kata pencarian"), max_length=255)
    date = models.DateField(_("tanggal"), db_index=True)
    searches = models.PositiveIntegerField(_("jumlah pencarian"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("pencarian tanpa hasil"), default=0)

    class Meta:
        verbose_name = _("statistik kata pencarian")
        verbose_name_plural = _("statistik kata pencarian")
        constraints = [
            models.UniqueConstraint(fields=["query_string", "date"], name="unique_query_day")
        ]

    def __str__(self):
        return f"{self.query_string} ({self.date})"

    @classmethod
    def record(cls, query_string, result_count):
        """Count one search; two queries in the common case, safe under concurrency."""
        query_string = normalise_query_string(query_string)[:255]
        if not query_string:
            return
        today = timezone.localdate()
        zero = 1 if result_count == 0 else 0
        updates = {
            "searches": F("searches") + 1,
            "zero_result_searches": F("zero_result_searches") + zero,
        }
        if cls.objects.filter(query_string=query_string, date=today).update(**updates):
            return
        try:
            with transaction.atomic():
                cls.objects.create(
                    query_string=query_string, date=today, searches=1, zero_result_searches=zero
                )
        except IntegrityError:
            cls.objects.filter(query_string=query_string, date=today).update(**updates)
