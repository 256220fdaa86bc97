"""Innovations by the thousand for the benchmarks, built with bulk inserts.

load_demo's way (add_child, a revision, publish, indexing) costs about a third of a second
of CPU per page here, an hour for 10,000 pages.
Here the treebeard materialised paths are computed directly (steplen 4, base-36), pages
and their rows are inserted a batch at a time, and no revisions or search-index entries
are written: `manage.py update_index` builds the index afterwards.

Page n takes its case study from entry n of demo/data/innovations.yaml (cycling), with its
own agency, regions, title, cost and tags; the texts still name the entry's agency.
Generated rows are recognisable by their slug prefix `bench-` (pages and agencies), so
`clear()` removes them without touching load_demo's content.

`bulk_pages(index_page, model, count)` appends news, learning resources or events the same
way.
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

from demo import datafiles
from demo.indexing import search_index_paused
from demo.loaders import innovations as demo_innovations
from demo.loaders import publications as demo_publications
from demo.loaders import site as demo_site
from demo.media import demo_collection, draw_poster, get_or_create_image
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
from publications.models import (
    EventPage,
    LearningResourceIndexPage,
    LearningResourcePage,
    NewsIndexPage,
    NewsPage,
)

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
        site = datafiles.read("site")
        home = demo_site.load_home_page(site)
        catalogue = demo_site.load_catalogue(home, site["catalogue"])
        demo_innovations.load_agencies(datafiles.read("innovations")["agencies"])
        agencies = generate_agencies(
            max(1, innovations * AGENCIES_PER_1000 // 1000), existing_bench_agencies()
        )
        stdout.write(f"{len(agencies)} instansi uji beban\n")
        source = Source(rng, images=image_pool(), tags=tag_pool())
        offset = InnovationPage.objects.filter(slug__startswith=PREFIX).count()
        for start in range(0, innovations, BATCH):
            numbers = range(offset + start, offset + min(start + BATCH, innovations))
            insert_batch(catalogue, source, numbers)
            stdout.write(f"{start + len(numbers)}/{innovations} inovasi\n")
        index_pages = demo_publications.load_index_pages(
            home, datafiles.read("publications")["index_pages"]
        )
        for model, parent_model, per_1000 in (
            (NewsPage, NewsIndexPage, NEWS_PER_1000),
            (LearningResourcePage, LearningResourceIndexPage, RESOURCES_PER_1000),
        ):
            parent = index_pages[parent_model.__name__]
            count = innovations * per_1000 // 1000
            if count:
                with search_index_paused(model), disable_reference_index_auto_update():
                    bulk_pages(parent, model, count)
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
                f"Uji Beban {number}", colours[number % len(colours)], size=(960, 640)
            ),
            f"uji-beban-{number}.jpg",
        )
        for number in range(1, IMAGE_POOL + 1)
    ]


def tag_pool():
    items = datafiles.read("innovations")["innovations"]
    names = sorted({tag for item in items for tag in item["tags"]})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name, slug=slugify(name)) for name in names if name not in existing]
    for tag in missing:
        existing[tag.name] = Tag.objects.create(name=tag.name, slug=tag.slug)
    return [existing[name] for name in names]


class Source:
    """What the generated pages draw from: the demo's case studies, agencies, taxonomies."""

    def __init__(self, rng, images, tags):
        self.rng = rng
        self.images = images
        self.tags = tags
        self.items = datafiles.read("innovations")["innovations"]
        self.refs = demo_innovations.references()
        self.agencies = list(Agency.objects.select_related("region"))
        self.local_regions = [
            region for region in self.refs.regions.values() if region.kind != Region.Kind.PROVINCE
        ]

    def item(self, number):
        return self.items[number % len(self.items)]

    def pick(self, pool, number):
        return pool[number % len(pool)]


COUNTED_REPLICATIONS = (
    InnovationReplication.Status.IN_PROGRESS,
    InnovationReplication.Status.REPLICATED,
)


def insert_batch(catalogue, source, numbers):
    catalogue = Page.objects.get(pk=catalogue.pk)
    last = catalogue.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(InnovationPage)
    now = timezone.now()
    depth = catalogue.depth + 1

    pages, specifics, related = [], [], []
    for position, number in enumerate(numbers):
        page, values, rows = bench_innovation(source, number, catalogue, now)
        page.content_type = content_type
        page.path = Page._get_path(catalogue.path, depth, first_step + position)
        page.depth = depth
        pages.append(page)
        specifics.append(values)
        related.append(rows)

    Page.objects.bulk_create(pages)
    insert_specific_rows(pages, specifics)
    insert_related_rows(pages, related)
    Page.objects.filter(pk=catalogue.pk).update(numchild=F("numchild") + len(pages))


def bench_innovation(source, number, catalogue, now):
    """Page number `number`: its tree row, its InnovationPage values, its related rows."""
    rng, refs, item = source.rng, source.refs, source.item(number)
    agency = rng.choice(source.agencies)
    home_region = (
        agency.region
        if agency.region.kind != Region.Kind.PROVINCE
        else rng.choice(source.local_regions)
    )
    regions = {home_region, *rng.sample(source.local_regions, rng.choice((0, 0, 1, 2)))}
    title = f"{source.pick(TITLE_PREFIXES, number)}{item['title']} {home_region.name}"
    slug = f"{PREFIX}{number + 1:05d}-{slugify(title)[:60]}"
    first_day = item.get("implemented_on") or item.get("trial_started_on") or item["launched_on"]
    page = Page(
        title=title,
        draft_title=title,
        slug=slug,
        locale_id=catalogue.locale_id,
        numchild=0,
        url_path=f"{catalogue.url_path}{slug}/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=timezone.make_aware(
            datetime.datetime.combine(first_day, datetime.time(9))
        ),
        last_published_at=now - datetime.timedelta(minutes=number % 10_000),
    )
    cost = rng.choice([0, 5, 20, 60, 150, 400, 900, 2500, 6000]) * 1_000_000
    budget_source = item["budget_source"] if cost else InnovationPage.BudgetSource.NONE
    replications = [
        demo_innovations.replication(order, record, refs)
        for order, record in enumerate(item.get("replications", []))
    ]
    values = {
        **{
            name: item[name]
            for name in demo_innovations.PAGE_FIELDS
            if name in item and name not in LEFT_EMPTY
        },
        "summary": f"{item['tagline']}. {item['summary']}"[:600],
        "hero_image": source.pick(source.images, number),
        "agency": agency,
        "is_digital": item["digital"] if number % 7 else not item["digital"],
        "beneficiaries_count": item["beneficiaries_count"] * (1 + number % 5),
        "regulation_prerequisites": item["prerequisites"]["regulation"],
        "budget_prerequisites": item["prerequisites"]["budget"],
        "cost": cost if number % 13 else None,
        "budget_source": budget_source if number % 13 else "",
        "replication_count": sum(record.status in COUNTED_REPLICATIONS for record in replications),
        "is_demo": True,
    }
    extra_sectors = rng.sample(sorted(refs.sectors), rng.choice((0, 0, 1)))
    rows = {
        "regions": regions,
        "sectors": {refs.sectors[slug] for slug in (*item["sectors"], *extra_sectors)},
        "sdgs": {refs.sdgs[goal] for goal in item["sdgs"]},
        # Regulations exist only where load_demo ran before.
        "regulations": [
            refs.regulations[slug] for slug in item["regulations"] if slug in refs.regulations
        ][: 1 + number % 3],
        "tags": {source.pick(source.tags, number), source.pick(source.tags, number * 7 + 3)},
        "steps": [
            InnovationStep(sort_order=order, **step) for order, step in enumerate(item["steps"])
        ],
        "key_figures": [
            demo_innovations.key_figure(order, figure)
            for order, figure in enumerate(item["key_figures"])
        ],
        "replications": replications,
        "awards": [
            InnovationAward(
                award=refs.awards[award["award"]],
                year=award["year"],
                rank=award["rank"],
                sort_order=order,
            )
            for order, award in enumerate(item.get("awards", []))
        ],
    }
    return page, values, rows


# Left empty on bench pages, as when the published benchmark figures were measured.
LEFT_EMPTY = {"lessons_learned", "sustainability", "video_url"}


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


def bulk_news(number, now):
    return NewsPage(
        title=f"Berita uji beban {number}",
        slug=f"berita-uji-{number}",
        date=(now - datetime.timedelta(hours=number)).date(),
        summary=f"Ringkasan berita uji beban nomor {number} tentang inovasi pelayanan publik.",
        body=[("paragraph", f"<p>Isi berita uji beban {number}.</p>")],
        is_demo=True,
    )


def bulk_resource(number, now):
    types = LearningResourcePage.ResourceType.values
    audiences = LearningResourcePage.Audience.values
    return LearningResourcePage(
        title=f"Sumber belajar uji beban {number}",
        slug=f"sumber-belajar-uji-{number}",
        resource_type=types[number % len(types)],
        audience=audiences[number % len(audiences)],
        duration_minutes=15 + number % 120,
        summary=f"Ringkasan sumber belajar uji beban nomor {number}.",
        body=[("paragraph", f"<p>Isi sumber belajar {number}.</p>")],
        is_demo=True,
    )


def bulk_event(number, now):
    start = now + datetime.timedelta(days=number % 365 - 180, hours=number % 8)
    return EventPage(
        title=f"Kegiatan uji beban {number}",
        slug=f"kegiatan-uji-{number}",
        event_type=EventPage.EventType.values[number % len(EventPage.EventType.values)],
        start=start,
        end=start + datetime.timedelta(hours=3),
        venue="Makassar",
        capacity=50,
        summary=f"Ringkasan kegiatan uji beban nomor {number}.",
        is_demo=True,
    )


BULK_BUILDERS = {
    NewsPage: bulk_news,
    LearningResourcePage: bulk_resource,
    EventPage: bulk_event,
}


def bulk_pages(index_page, model, count):
    """Append `count` live `model` pages under `index_page`; returns how many were created.

    Paths are computed here instead of by treebeard's add_child (which reads the last
    child again for every page), and no revisions are written.
    """
    build = BULK_BUILDERS[model]
    index_page = Page.objects.get(pk=index_page.pk)
    last_child = index_page.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    offset = model.objects.filter(slug__regex=r"-uji-[0-9]+$").count()
    now = timezone.now()
    depth = index_page.depth + 1
    with transaction.atomic():
        for position in range(count):
            page = build(offset + position + 1, now)
            page.depth = depth
            page.path = Page._get_path(index_page.path, depth, first_step + position)
            page.numchild = 0
            page.live = True
            page.first_published_at = page.last_published_at = now
            page.url_path = f"{index_page.url_path}{page.slug}/"
            page.save(clean=False)
        Page.objects.filter(pk=index_page.pk).update(numchild=F("numchild") + count)
    return count
