"""Innovations by the thousand for the benchmarks, built with bulk inserts.

load_demo's way (add_child, a revision, publish, indexing) costs about a third of a second
of CPU per page here, an hour for 10,000 pages.
Here the treebeard materialised paths are computed directly (steplen 4, base-36), pages
and their rows are inserted a batch at a time, and no revisions or search-index entries
are written: `manage.py update_index` builds the index afterwards.

Generated rows are recognisable by their slug prefix `bench-` (pages and agencies), so
`clear()` removes them without touching load_demo's content.
"""

import datetime
import itertools
import random

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.db.models.sql import InsertQuery
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from innovations.models import (
    Agency,
    InnovationAward,
    InnovationKeyFigure,
    InnovationPage,
    InnovationPageTag,
    InnovationReplication,
    InnovationStep,
    Region,
)
from publications import demo as publications_demo
from publications.models import (
    LearningResourceIndexPage,
    LearningResourcePage,
    NewsIndexPage,
    NewsPage,
)

from .agencies import load_agencies
from .corpus import CASES
from demo.indexing import search_index_paused
from .innovations import InnovationBuilder, pick, stage_for
from demo.media import demo_collection, draw_poster, get_or_create_image
from .site import load_catalogue, load_home_page

PREFIX = "bench-"
BATCH = 500
IMAGE_POOL = 24
# Per 1,000 innovations: agencies, news items and learning resources.
AGENCIES_PER_1000 = 40
NEWS_PER_1000 = 100
RESOURCES_PER_1000 = 50

OFFICES = [
    ("Dinas Kesehatan", "Dinkes", Agency.Kind.LOCAL_OPD),
    ("Dinas Pendidikan", "Disdik", Agency.Kind.LOCAL_OPD),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", Agency.Kind.LOCAL_OPD),
    ("Dinas Sosial", "Dinsos", Agency.Kind.LOCAL_OPD),
    ("Dinas Pertanian", "Distan", Agency.Kind.LOCAL_OPD),
    ("Dinas Perhubungan", "Dishub", Agency.Kind.LOCAL_OPD),
    ("Dinas Lingkungan Hidup", "DLH", Agency.Kind.LOCAL_OPD),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", Agency.Kind.LOCAL_OPD),
    ("Dinas Penanaman Modal dan PTSP", "DPMPTSP", Agency.Kind.LOCAL_OPD),
    ("Badan Pendapatan Daerah", "Bapenda", Agency.Kind.LOCAL_OPD),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", Agency.Kind.LOCAL_OPD),
    ("Dinas Koperasi dan UKM", "Diskop UKM", Agency.Kind.LOCAL_OPD),
    ("RSUD", "RSUD", Agency.Kind.HOSPITAL),
    ("Puskesmas Kota", "Puskesmas", Agency.Kind.PUSKESMAS),
    ("SMA Negeri 2", "SMAN 2", Agency.Kind.SCHOOL),
    ("Kecamatan Kota", "Kec.", Agency.Kind.SUBDISTRICT),
    ("Perumda Air Minum", "PDAM", Agency.Kind.BUMD),
    ("UPT Samsat", "Samsat", Agency.Kind.UPT),
]
TITLE_PREFIXES = ["", "Gerakan ", "Layanan ", "Program ", "Sistem ", "Aksi "]


def generate(innovations, stdout, seed=2018):
    """Add `innovations` bench pages (plus agencies, news, resources); returns the count."""
    rng = random.Random(seed)  # noqa: S311
    with transaction.atomic():
        home = load_home_page()
        catalogue = load_catalogue(home)
        load_agencies()
        agencies = generate_agencies(
            max(1, innovations * AGENCIES_PER_1000 // 1000), existing_bench_agencies()
        )
        stdout.write(f"{len(agencies)} instansi uji beban\n")
        images = image_pool()
        builder = InnovationBuilder(catalogue, {}, None)
        all_agencies = list(Agency.objects.select_related("region"))
        tags = tag_pool()
        offset = InnovationPage.objects.filter(slug__startswith=PREFIX).count()
        for start in range(0, innovations, BATCH):
            numbers = range(offset + start, offset + min(start + BATCH, innovations))
            insert_batch(catalogue, builder, numbers, rng, all_agencies, images, tags)
            stdout.write(f"{start + len(numbers)}/{innovations} inovasi\n")
        index_pages = publications_demo.load_index_pages(home)
        for model, parent_model, per_1000 in (
            (NewsPage, NewsIndexPage, NEWS_PER_1000),
            (LearningResourcePage, LearningResourceIndexPage, RESOURCES_PER_1000),
        ):
            parent = index_pages[parent_model]
            count = innovations * per_1000 // 1000
            if count:
                with search_index_paused(model), disable_reference_index_auto_update():
                    publications_demo.bulk_pages(parent, model, count)
                stdout.write(f"{count} {model._meta.verbose_name_plural}\n")
    return innovations


def clear(stdout):
    """Remove every page and agency the generator made, leaving load_demo's content.

    Deleting through the ORM runs Wagtail's unpublish, reference-index and search-index
    handlers once per page (about ten minutes for 10,000 pages), so rows are deleted
    table by table instead, following the on_delete rules of every relation. Anything
    that PROTECTs a bench row still stops the transaction at the database's constraint.
    """
    pages = Page.objects.filter(slug__startswith=PREFIX) | Page.objects.filter(
        slug__regex=r"^(berita|sumber-belajar|kegiatan)-uji-[0-9]+$"
    )
    with transaction.atomic():
        parent_paths = {path[: -Page.steplen] for path in pages.values_list("path", flat=True)}
        ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
        page_type = ContentType.objects.get_for_model(Page)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for model in (Revision, ReferenceIndex):
                raw_delete(model.objects.filter(base_content_type=page_type, object_id__in=chunk))
        purge(pages)
        purge(Agency.objects.filter(slug__startswith=PREFIX))
        for parent in Page.objects.filter(path__in=parent_paths):
            Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
    stdout.write(f"Dihapus: {len(ids)} halaman uji beban beserta instansinya.\n")


def raw_delete(queryset):
    # QuerySet._raw_delete: one DELETE statement, no signals, no cascade collection.
    return queryset._raw_delete(queryset.db)


def purge(queryset):
    """Delete the rows and, first, what depends on them, without model signals."""
    model = queryset.model
    for field in model._meta.local_many_to_many:
        if not isinstance(field, models.ManyToManyField):
            continue  # a tag manager: its through rows are a reverse relation below
        through = field.remote_field.through
        raw_delete(through.objects.filter(**{f"{field.m2m_field_name()}__in": queryset}))
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many:
            field = relation.field
            if not isinstance(field, models.ManyToManyField):
                continue
            through = field.remote_field.through
            raw_delete(
                through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": queryset})
            )
            continue
        dependants = related._base_manager.filter(**{f"{relation.field.name}__in": queryset})
        on_delete = relation.on_delete
        if on_delete is models.CASCADE:
            purge(dependants)
        elif on_delete is models.SET_NULL:
            dependants.update(**{relation.field.name: None})
    raw_delete(queryset)


def existing_bench_agencies():
    return Agency.objects.filter(slug__startswith=PREFIX).count()


def generate_agencies(count, offset):
    regions = list(Region.objects.exclude(kind=Region.Kind.PROVINCE))
    taken = set(Agency.objects.values_list("name", "region_id"))
    rows = []
    combos = itertools.product(range(1, 1000), OFFICES, regions)
    for number, (office, acronym, kind), region in combos:
        if len(rows) == count:
            break
        name = f"{office} {region}" if number == 1 else f"{office} {number} {region}"
        if (name, region.pk) in taken:
            continue
        taken.add((name, region.pk))
        rows.append(
            Agency(
                name=name,
                acronym=f"{acronym} {region.name}"[:40],
                slug=f"{PREFIX}{offset + len(rows) + 1:05d}-{slugify(name)}"[:200],
                kind=kind,
                region=region,
            )
        )
    return Agency.objects.bulk_create(rows)


def image_pool():
    collection = demo_collection("Uji beban")
    colours = ["#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#26BDE2", "#FD6925", "#3F7E44"]
    return [
        get_or_create_image(
            f"Uji beban {number}",
            collection,
            lambda number=number: draw_poster(
                f"Uji Beban {number}", pick(colours, number), size=(960, 640)
            ),
            f"uji-beban-{number}.jpg",
        )
        for number in range(1, IMAGE_POOL + 1)
    ]


def tag_pool():
    names = sorted({tag for case in CASES for tag in case.tags})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name, slug=slugify(name)) for name in names if name not in existing]
    for tag in missing:
        existing[tag.name] = Tag.objects.create(name=tag.name, slug=tag.slug)
    return [existing[name] for name in names]


def insert_batch(catalogue, builder, numbers, rng, agencies, images, tags):
    catalogue = Page.objects.get(pk=catalogue.pk)
    last = catalogue.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(InnovationPage)
    now = timezone.now()
    depth = catalogue.depth + 1

    pages, specifics, related = [], [], []
    for position, number in enumerate(numbers):
        case = pick(CASES, number)
        agency = rng.choice(agencies)
        stage = stage_for(number)
        launched, trial, implemented = builder.dates(number, stage)
        home_region = (
            agency.region
            if agency.region.kind != Region.Kind.PROVINCE
            else rng.choice(builder.local_regions)
        )
        regions = {home_region, *rng.sample(builder.local_regions, rng.choice((0, 0, 1, 2)))}
        context = builder.text_context(number, case, agency, home_region, launched)
        title = f"{pick(TITLE_PREFIXES, number)}{case.name} {home_region.name}"
        slug = f"{PREFIX}{number + 1:05d}-{slugify(title)[:60]}"
        published = timezone.make_aware(
            datetime.datetime.combine(implemented or trial or launched, datetime.time(9))
        )
        initiator = pick(list(InnovationPage.Initiator.values), number * 3)
        cost = rng.choice([0, 5, 20, 60, 150, 400, 900, 2500, 6000]) * 1_000_000
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale_id=catalogue.locale_id,
                path=Page._get_path(catalogue.path, depth, first_step + position),
                depth=depth,
                numchild=0,
                url_path=f"{catalogue.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=now - datetime.timedelta(minutes=number % 10_000),
            )
        )
        replications = builder.replications(number, agency, home_region, stage, launched)
        specifics.append(
            {
                "tagline": case.tagline,
                "summary": f"{case.tagline}. {case.approach}"[:600],
                "hero_image": pick(images, number),
                "agency": agency,
                "form": case.form or builder.form(number, case),
                "is_digital": case.digital if number % 7 else not case.digital,
                "initiator": initiator,
                "stage": stage,
                "status": builder.status(number, stage),
                "launched_on": launched,
                "trial_started_on": trial,
                "implemented_on": implemented,
                "website": case.website,
                "problem": builder.problem(number, case, context),
                "approach": builder.approach(number, case, context, initiator),
                "results": builder.results(number, case, stage),
                "beneficiaries": case.beneficiaries,
                "beneficiaries_count": case.beneficiaries_count * (1 + number % 5),
                "lessons_learned": "",
                "sustainability": "",
                "regulation_prerequisites": builder.regulation_prerequisite(number, context),
                "staff_prerequisites": "",
                "budget_prerequisites": builder.budget_prerequisite(cost),
                "infrastructure_prerequisites": "",
                "cost": cost if number % 13 else None,
                "budget_source": builder.budget_source(number, case, agency, cost, initiator)
                if number % 13
                else "",
                "how_to_replicate": builder.how_to_replicate(number, case, context),
                "replication_count": sum(
                    1
                    for record in replications
                    if record.status
                    in (
                        InnovationReplication.Status.IN_PROGRESS,
                        InnovationReplication.Status.REPLICATED,
                    )
                ),
                "contact_name": "",
                "contact_role": "",
                "contact_email": "",
                "contact_phone": "",
                "video_url": "",
                "is_demo": True,
            }
        )
        extra_sectors = rng.sample(sorted(builder.sectors), rng.choice((0, 0, 1)))
        related.append(
            {
                "regions": regions,
                "sectors": {builder.sectors[slug] for slug in (*case.sectors, *extra_sectors)},
                "sdgs": {builder.sdgs[goal] for goal in case.sdgs},
                "regulations": builder.regulations[: 1 + number % 3],
                "tags": {pick(tags, number), pick(tags, number * 7 + 3)},
                "steps": builder.steps(number, case, context, stage, launched, trial, implemented),
                "key_figures": builder.key_figures(number, case, launched),
                "replications": replications,
                "awards": builder.page_awards(number, stage, launched),
            }
        )

    Page.objects.bulk_create(pages)
    insert_specific_rows(pages, specifics)
    insert_related_rows(pages, related)
    Page.objects.filter(pk=catalogue.pk).update(numchild=F("numchild") + len(pages))


def insert_specific_rows(pages, specifics):
    """Insert InnovationPage's own table rows; bulk_create refuses multi-table children."""
    objects = []
    for page, values in zip(pages, specifics, strict=True):
        innovation = InnovationPage(page_ptr_id=page.pk, **values)
        objects.append(innovation)
    fields = InnovationPage._meta.local_concrete_fields
    query = InsertQuery(InnovationPage)
    query.insert_values(fields, objects)
    query.get_compiler(using=InnovationPage.objects.db).execute_sql()


def insert_related_rows(pages, related):
    through = {
        name: getattr(InnovationPage, name).through
        for name in ("regions", "sectors", "sdgs", "regulations")
    }
    columns = {
        "regions": "region",
        "sectors": "sector",
        "sdgs": "sustainabledevelopmentgoal",
        "regulations": "regulation",
    }
    rows = {name: [] for name in through}
    tag_rows, children = (
        [],
        {
            InnovationStep: [],
            InnovationKeyFigure: [],
            InnovationReplication: [],
            InnovationAward: [],
        },
    )
    for page, values in zip(pages, related, strict=True):
        for name in through:
            rows[name] += [
                through[name](innovationpage_id=page.pk, **{f"{columns[name]}_id": item.pk})
                for item in values[name]
            ]
        tag_rows += [
            InnovationPageTag(content_object_id=page.pk, tag=tag) for tag in values["tags"]
        ]
        for model, key in (
            (InnovationStep, "steps"),
            (InnovationKeyFigure, "key_figures"),
            (InnovationReplication, "replications"),
            (InnovationAward, "awards"),
        ):
            for record in values[key]:
                record.page_id = page.pk
                children[model].append(record)
    for name, model in through.items():
        model.objects.bulk_create(rows[name])
    InnovationPageTag.objects.bulk_create(tag_rows)
    for model, records in children.items():
        model.objects.bulk_create(records)
