"""What visitors search for, counted per day, for the top and zero-result queries report."""

import hashlib
import hmac

from django.conf import settings
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
        """Count one search today; see `add`."""
        cls.add(query_string, timezone.localdate(), 1, 1 if result_count == 0 else 0)

    @classmethod
    def add(cls, query_string, date, searches, zero_result_searches):
        """Add counted searches of a day: two queries in the common case, safe under
        concurrency (the buffered log of search.log adds many at once)."""
        query_string = normalise_query_string(query_string)[:255]
        if not query_string or not searches:
            return
        updates = {
            "searches": F("searches") + searches,
            "zero_result_searches": F("zero_result_searches") + zero_result_searches,
        }
        if cls.objects.filter(query_string=query_string, date=date).update(**updates):
            return
        try:
            with transaction.atomic():
                cls.objects.create(
                    query_string=query_string,
                    date=date,
                    searches=searches,
                    zero_result_searches=zero_result_searches,
                )
        except IntegrityError:
            cls.objects.filter(query_string=query_string, date=date).update(**updates)


class SearchSynonym(models.Model):
    """A group of words that mean the same in a search, kept by moderators in the admin.

    Applied when searching, never when indexing: on the engine the search analyzer's synonym
    filter is updated in place (search.synonyms), on the database backend the query is
    expanded; no reindex is needed.
    """

    terms = models.CharField(
        _("kata dan frasa"),
        max_length=500,
        help_text=_(
            "Kata atau frasa yang bermakna sama, dipisah koma, misalnya: "
            "“apotek, apotik” atau “bpjs, badan penyelenggara jaminan sosial”."
        ),
    )
    active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("sinonim pencarian")
        verbose_name_plural = _("sinonim pencarian")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def phrases(self):
        return normalised_group(self.terms)

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(self.phrases()) < 2:
            raise ValidationError({"terms": _("Isi paling sedikit dua kata atau frasa.")})


def normalised_group(text):
    """The distinct phrases of a comma-separated group, lower-case, printable."""
    phrases = []
    for part in text.split(","):
        phrase = " ".join("".join(c for c in part if c.isprintable()).lower().split())
        phrase = phrase.replace("=>", " ").replace("#", " ").strip()
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


class PopularSearch(models.Model):
    """A query staff choose to show under "Pencarian populer" on the search page."""

    query_string = models.CharField(_("kata pencarian"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    allowed = models.BooleanField(
        _("boleh tampil"),
        default=True,
        help_text=_(
            "Tampilkan kata ini di daftar populer. Kata yang tidak dicentang tidak pernah "
            "ditampilkan meskipun sering dicari."
        ),
    )
    pinned = models.BooleanField(
        _("selalu tampil"),
        default=False,
        help_text=_("Tampil di urutan teratas meskipun jarang dicari."),
    )

    class Meta:
        verbose_name = _("pencarian populer")
        verbose_name_plural = _("pencarian populer")
        ordering = ["sort_order", "query_string"]
        constraints = [
            models.UniqueConstraint(fields=["query_string"], name="unique_popular_search")
        ]

    def __str__(self):
        return self.query_string

    def save(self, *args, **kwargs):
        self.query_string = normalise_query_string(self.query_string)[:120]
        super().save(*args, **kwargs)


class SearchQueryClient(models.Model):
    """One client searched a query on a day; counts distinct clients, never stores the IP.

    `client` is a keyed hash of the address and the day: it cannot be reversed into an
    address and it changes every day, so it does not follow a person from day to day.
    Rows older than SEARCH_LOG_RETENTION_DAYS are deleted by `purge_search_log`.
    """

    query_string = models.CharField(_("kata pencarian"), max_length=255)
    date = models.DateField(_("tanggal"), db_index=True)
    client = models.CharField(_("klien (hash harian)"), max_length=32)

    class Meta:
        verbose_name = _("klien pencarian")
        verbose_name_plural = _("klien pencarian")
        constraints = [
            models.UniqueConstraint(
                fields=["query_string", "date", "client"], name="unique_query_client_day"
            )
        ]

    def __str__(self):
        return f"{self.query_string} ({self.date})"

    @staticmethod
    def digest(address, date):
        """The keyed hash of an address on a day: not reversible, new every day."""
        return hmac.new(
            settings.SECRET_KEY.encode(), f"{date}:{address}".encode(), hashlib.sha256
        ).hexdigest()[:32]

    @classmethod
    def record(cls, query_string, address):
        """Count the client once per query and day, by a keyed hash of address and day."""
        if address:
            today = timezone.localdate()
            cls.add(query_string, today, [cls.digest(address, today)])

    @classmethod
    def add(cls, query_string, date, digests):
        """Count each client (by `digest`) once for the query and the day: one query."""
        query_string = normalise_query_string(query_string)[:255]
        if not query_string or not digests:
            return
        cls.objects.bulk_create(
            [cls(query_string=query_string, date=date, client=digest) for digest in digests],
            ignore_conflicts=True,
        )


class SearchTerm(models.Model):
    """A word of the published content: the vocabulary for typo and variant correction."""

    key = models.CharField(_("kunci"), max_length=64, unique=True)
    form = models.CharField(_("bentuk"), max_length=64)
    frequency = models.PositiveIntegerField(_("frekuensi"), default=1)

    class Meta:
        verbose_name = _("kosakata pencarian")
        verbose_name_plural = _("kosakata pencarian")

    def __str__(self):
        return self.form
