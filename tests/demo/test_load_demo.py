"""`manage.py load_demo`: a complete, valid, idempotent demo site.

The demo is loaded once for the class (it draws about 200 images), then each test reads it.
"""

import csv
import io
import tempfile
from pathlib import Path
from unittest import mock

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from demo.loaders import agencies
from demo.loaders import replication as replication_demo
from home.models import HomePage, SiteSettings
from innovations.models import (
    Agency,
    InnovationAward,
    InnovationGalleryImage,
    InnovationIndexPage,
    InnovationKeyFigure,
    InnovationPage,
    InnovationReplication,
    InnovationStep,
    Region,
    Sector,
)
from localisation.status import snippet_translation_rows
from publications.models import EventPage, NewsPage, Partner, Regulation
from replication.models import (
    InnovatorMessage,
    ReplicationMessage,
    ReplicationRequest,
    SimilarInnovations,
)
from tests.agencies.factories import ModeratorFactory


def table_counts():
    models = [
        Page,
        Revision,
        InnovationPage,
        InnovationStep,
        InnovationKeyFigure,
        InnovationReplication,
        InnovationAward,
        Agency,
        Site,
        SiteSettings,
        get_image_model(),
        get_document_model(),
        InnovationPage.regions.through,
        InnovationPage.sectors.through,
        InnovationPage.tags.through,
        Regulation,
        Partner,
    ]
    return {model._meta.label: model.objects.count() for model in models}


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = io.StringIO()
        # As on `make run`: what load_demo defers to its commit (wagtail-localize publishes
        # the translations then) runs, in the order it was registered.
        with cls.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=cls.output)

    def innovations(self):
        """The Indonesian case studies (the English ones are their translations)."""
        return (
            InnovationPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .prefetch_related("regions", "sectors", "sdgs", "regulations", "tags")
        )

    def test_every_printed_role_signs_in_to_the_admin(self):
        # `make run` prints these logins (ensure_dev_admin); a newcomer walks each role's flow.
        with (
            tempfile.TemporaryDirectory() as directory,
            mock.patch.object(agencies, "PASSWORD_FILE", Path(directory) / "passwords"),
        ):
            logins = agencies.ensure_passwords()

        labels = {label for label, _, _ in logins}
        self.assertLessEqual({"Petugas inovasi", "Verifikator OPD", "Juri kompetisi"}, labels)
        for label, username, password in logins:
            with self.subTest(role=label):
                self.assertTrue(self.client.login(username=username, password=password))
                self.assertEqual(self.client.get("/admin/").status_code, 200)
                self.client.logout()

    def test_every_page_counts_its_children_so_editors_can_add_pages(self):
        # Treebeard gives a page that counts no children a first child's path: adding a page
        # under it in the admin would fail (IntegrityError on the path), in both languages.
        self.assertTrue(Page.objects.filter(locale__language_code="en", live=True).exists())
        wrong = [
            (page.url_path, page.numchild, Page.objects.child_of(page).count())
            for page in Page.objects.all()
            if page.numchild != Page.objects.child_of(page).count()
        ]
        self.assertEqual(wrong, [])

    def test_a_second_run_adds_no_rows_and_no_revisions(self):
        before = table_counts()
        latest_revision = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()

        call_command("load_demo", stdout=io.StringIO())

        self.assertEqual(table_counts(), before)
        self.assertEqual(
            Revision.objects.order_by("-pk").values_list("pk", flat=True).first(), latest_revision
        )
        # The second run leaves the Indonesian regulations and partners as they were, so
        # their English translations are not marked out of date.
        self.assertEqual([row for row in snippet_translation_rows("en") if row.out_of_date], [])

    def test_regulations_and_partners_read_in_english_or_fall_back(self):
        self.assertEqual(Regulation.objects.filter(locale__language_code="en").count(), 4)
        self.assertEqual(Partner.objects.filter(locale__language_code="en").count(), 3)
        regulations = self.client.get("/en/regulasi/").content.decode()
        partners = self.client.get("/en/mitra/").content.decode()

        self.assertIn("Public Services", regulations)
        # Perpres 81/2010 has no translation: its Indonesian title, once.
        self.assertEqual(regulations.count("Grand Design Reformasi Birokrasi"), 1)
        self.assertIn("BaKTI Foundation", partners)
        self.assertIn("STIA LAN Makassar", partners)
        self.assertNotIn("BaKTI Foundation", self.client.get("/mitra/").content.decode())

    def test_upcoming_events_are_translated_and_share_their_seats(self):
        upcoming = EventPage.objects.live().filter(start__gte=timezone.now())
        english = list(upcoming.filter(locale__language_code="en"))

        self.assertEqual(len(english), 4)
        for page in english:
            source = page.seat_event()
            self.assertNotEqual(source.pk, page.pk)
            self.assertEqual(page.registration_count(), source.registration_count())

    def test_home_page_replaces_the_welcome_page_on_the_default_site(self):
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("localhost", 80))
        home = site.root_page.specific
        self.assertIsInstance(home, HomePage)
        self.assertEqual(home.slug, "beranda")
        self.assertIn("One Agency One Innovation", home.about)
        self.assertIn("GIZ", home.about)
        self.assertFalse(Page.objects.exact_type(Page).filter(depth=2).exists())
        # The Indonesian catalogue; the English one is its translation (issue 15).
        catalogue = InnovationIndexPage.objects.get(locale__language_code="id")
        self.assertEqual((catalogue.slug, catalogue.url_path), ("inovasi", "/beranda/inovasi/"))
        self.assertTrue(catalogue.show_in_menus and catalogue.live)
        self.assertEqual(home.featured_innovations.count(), 3)

    def test_site_settings_carry_the_biro_organisasi_contact(self):
        contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        self.assertIn("Biro Organisasi", contact.organisation_name)
        self.assertIn("Makassar", contact.address)
        self.assertTrue(contact.email and contact.phone)

    def test_agencies_span_the_regions_and_kinds(self):
        agencies = Agency.objects.all()
        self.assertGreaterEqual(agencies.count(), 40)
        kinds = set(agencies.values_list("kind", flat=True))
        for kind in ("opd_provinsi", "opd_kabkota", "puskesmas", "rsud", "sekolah", "upt"):
            self.assertIn(kind, kinds)
        self.assertTrue(
            agencies.filter(name="Dinas Kependudukan dan Pencatatan Sipil Kota Makassar").exists()
        )
        self.assertTrue(all(agency.acronym for agency in agencies))

    def test_innovations_cover_every_region_sector_stage_and_choice(self):
        pages = list(self.innovations())
        self.assertGreaterEqual(len(pages), 60)
        self.assertTrue(all(page.is_demo for page in pages))
        self.assertEqual(len({page.slug for page in pages}), len(pages))

        covered_regions = {region.bps_code for page in pages for region in page.regions.all()}
        local = set(
            Region.objects.exclude(kind=Region.Kind.PROVINCE).values_list("bps_code", flat=True)
        )
        self.assertEqual(len(local), 24)
        self.assertLessEqual(local, covered_regions)

        sectors_csv = Path(settings.BASE_DIR) / "innovations" / "data" / "sectors.csv"
        with open(sectors_csv, encoding="utf-8") as handle:
            all_sectors = {row["slug"] for row in csv.DictReader(handle)}
        self.assertEqual(len(all_sectors), 37)
        self.assertEqual(set(Sector.objects.values_list("slug", flat=True)), all_sectors)
        self.assertEqual(
            {sector.slug for page in pages for sector in page.sectors.all()}, all_sectors
        )

        for field, choices in [
            ("stage", InnovationPage.Stage),
            ("form", InnovationPage.Form),
            ("initiator", InnovationPage.Initiator),
            ("status", InnovationPage.Status),
            ("budget_source", InnovationPage.BudgetSource),
        ]:
            with self.subTest(field=field):
                self.assertEqual({getattr(page, field) for page in pages}, set(choices.values))
        self.assertEqual({page.is_digital for page in pages}, {True, False})
        self.assertEqual({page.launched_on.year for page in pages}, set(range(2014, 2026)))
        costs = [page.cost for page in pages]
        self.assertEqual(min(costs), 0)
        self.assertGreater(max(costs), 2_000_000_000)

    def test_every_innovation_is_valid_and_fills_every_field_group(self):
        for page in self.innovations():
            with self.subTest(page=page.slug):
                page.full_clean()
                for field in (
                    "tagline",
                    "summary",
                    "problem",
                    "approach",
                    "results",
                    "beneficiaries",
                    "lessons_learned",
                    "sustainability",
                    "regulation_prerequisites",
                    "staff_prerequisites",
                    "budget_prerequisites",
                    "infrastructure_prerequisites",
                    "budget_source",
                    "how_to_replicate",
                    "contact_name",
                    "contact_role",
                    "contact_email",
                    "contact_phone",
                ):
                    self.assertTrue(getattr(page, field), field)
                self.assertIsNotNone(page.cost)
                self.assertGreater(page.beneficiaries_count, 0)
                self.assertTrue(page.regions.all() and page.sectors.all() and page.sdgs.all())
                self.assertGreaterEqual(len(page.regulations.all()), 2)
                self.assertTrue(page.tags.all())
                self.assertTrue(3 <= page.steps.count() <= 5)
                figures = list(page.key_figures.all())
                self.assertTrue(2 <= len(figures) <= 4)
                self.assertTrue(all(f.baseline is not None and f.period for f in figures))
                self.assertIsNone(page.hero_image)  # the sector pictogram stands in
                self.assertEqual(page.gallery_images.count(), 2)
                document = page.documents.get().document
                with document.open_file() as handle:
                    self.assertEqual(handle.read(5), b"%PDF-")
                self.assertIsNotNone(page.live_revision)
                self.assertEqual(page.replication_count, page.count_replications())

    def test_replications_and_awards_vary(self):
        per_page = [page.replications.count() for page in InnovationPage.objects.all()]
        self.assertIn(0, per_page)
        self.assertGreaterEqual(max(per_page), 3)
        self.assertEqual(
            set(InnovationReplication.objects.values_list("status", flat=True)),
            set(InnovationReplication.Status.values),
        )
        awards = {
            (record.award.short_name, record.rank)
            for record in InnovationAward.objects.select_related("award")
        }
        self.assertIn(("KIPP", "Top 99"), awards)
        self.assertIn(("KIPP", "Top 45"), awards)
        self.assertTrue({short for short, _ in awards} >= {"KIPP", "IGA", "KIPP Sulsel"})

    def test_figures_of_innovations_at_the_initiative_stage_are_targets(self):
        figures = InnovationKeyFigure.objects.select_related("page")
        initiative = InnovationPage.Stage.INITIATIVE
        for figure in figures:
            with self.subTest(page=figure.page.slug, figure=figure.label):
                expected = (
                    InnovationKeyFigure.Kind.TARGET
                    if figure.page.stage == initiative
                    else InnovationKeyFigure.Kind.ACHIEVED
                )
                self.assertEqual(figure.kind, expected)
        rapor = InnovationPage.objects.get(title="Rapor Digital dan Orang Tua Terhubung")
        self.assertEqual(rapor.stage, initiative)
        self.assertTrue(rapor.key_figures.exists())

    def test_images_are_small_generated_files_in_the_demo_collection(self):
        images = get_image_model().objects.filter(collection__name="Demo")
        # Two gallery pictures per case study and a lead picture per news item and event; case
        # studies have no hero image, their sector's pictogram stands in (issue 18).
        used = {
            *InnovationGalleryImage.objects.values_list("image", flat=True),
            *NewsPage.objects.values_list("lead_image", flat=True),
            *EventPage.objects.values_list("lead_image", flat=True),
        } - {None}
        self.assertEqual(set(images.values_list("pk", flat=True)), used)
        case_studies = InnovationPage.objects.filter(is_demo=True, locale__language_code="id")
        self.assertGreaterEqual(case_studies.count(), 60)
        self.assertGreaterEqual(images.count(), 2 * case_studies.count())
        for image in images[:10]:
            self.assertLessEqual(image.width, 1200)
            self.assertLessEqual(image.height, 800)
            self.assertLess(image.file_size, 200_000)

    def test_every_case_study_shows_similar_innovations_of_its_language_at_once(self):
        live = InnovationPage.objects.live()
        self.assertEqual(
            SimilarInnovations.objects.filter(innovation__in=live).count(), live.count()
        )
        for language, prefix in (("id", "/inovasi/"), ("en", "/en/inovasi/")):
            page = InnovationPage.objects.live().get(
                slug="dukcapil-goes-to-school", locale__language_code=language
            )
            soup = BeautifulSoup(self.client.get(page.url).content, "html.parser")
            links = [a["href"] for a in soup.select(".similar .icard__title a")]
            with self.subTest(language=language):
                self.assertTrue(links)
                self.assertTrue(all(link.startswith(prefix) for link in links), links)

    def test_home_catalogue_and_an_innovation_render(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        home = Site.objects.get(is_default_site=True).root_page  # the Indonesian home
        self.assertEqual(soup.find("h1").get_text(strip=True), home.title)
        self.assertTrue(soup.find("a", string="Home Care Dottoro'ta"))

        self.assertEqual(self.client.get("/inovasi/").status_code, 200)
        page = InnovationPage.objects.get(
            slug="dukcapil-goes-to-school", locale__language_code="id"
        )
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Dukcapil Goes to School")

    # The replication demo: every state, its verified replications on the case studies,
    # rendered, loaded only once. (Here rather than in a class of its own: each class loads
    # the whole demo, 70-190 s of a test worker.)

    def test_replication_demo_has_every_state_and_kind(self):
        requests = ReplicationRequest.objects.all()
        assert {r.state for r in requests} == set(ReplicationRequest.State.values)
        assert {r.kind for r in requests} == set(ReplicationRequest.Kind.values)
        assert requests.filter(verified_at__isnull=False).count() == 2
        assert requests.filter(verified_at__isnull=True, state="diterapkan").exists()
        assert requests.exclude(province="Sulawesi Selatan").exists()
        assert InnovatorMessage.objects.count() == 2

    def test_verified_replications_are_on_the_case_studies_with_counts(self):
        for request in ReplicationRequest.objects.filter(verified_at__isnull=False):
            page = InnovationPage.objects.get(pk=request.innovation_id)
            assert page.verified_replication_count == 1
            assert page.request_count >= 1
            assert InnovationReplication.objects.filter(
                page=page, note__contains="Terverifikasi melalui portal"
            ).exists()
            html = self.client.get(page.url).content.decode()
            assert request.first_results.split(";")[0] in html

    def test_replication_tracking_pages_and_admin_render(self):
        self.client.force_login(ModeratorFactory())
        assert self.client.get("/admin/replikasi/").status_code == 200
        for request in ReplicationRequest.objects.all():
            assert self.client.get(request.get_tracking_url()).status_code == 200
            assert self.client.get(f"/admin/replikasi/{request.pk}/").status_code == 200

    def test_a_second_replication_demo_run_creates_nothing(self):
        counts = (ReplicationRequest.objects.count(), ReplicationMessage.objects.count())
        output = io.StringIO()
        replication_demo.load(output)
        assert output.getvalue() == "replication: 0 requests, 0 innovator messages created\n"
        assert (ReplicationRequest.objects.count(), ReplicationMessage.objects.count()) == counts
