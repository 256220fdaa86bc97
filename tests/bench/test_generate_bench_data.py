"""`manage.py generate_bench_data`: many valid pages in a valid tree, and a clean --clear."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from bench.generate import bulk_pages
from demo import datafiles
from demo.loaders import publications
from innovations.models import (
    Agency,
    InnovationIndexPage,
    InnovationKeyFigure,
    InnovationPage,
    InnovationReplication,
    InnovationStep,
)
from publications.models import NewsPage

pytestmark = pytest.mark.django_db


def generate(*args):
    output = io.StringIO()
    call_command("generate_bench_data", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def generated(home_page):
    output = generate("--innovations", "30")
    return output


def test_generates_valid_pages_in_a_valid_tree(generated):
    pages = InnovationPage.objects.filter(slug__startswith="bench-")
    assert pages.count() == 30
    assert all(len(problems) == 0 for problems in Page.find_problems())
    catalogue = InnovationIndexPage.objects.get()
    assert catalogue.numchild == catalogue.get_children().count()
    for page in pages.prefetch_related("regions", "sectors", "sdgs"):
        page.full_clean()
        assert page.is_demo and page.live
        assert page.url == f"/inovasi/{page.slug}/"
        assert page.regions.all() and page.sectors.all()
        assert page.replication_count == page.count_replications()
    assert InnovationStep.objects.filter(page__in=pages).count() >= 3 * 30
    assert InnovationKeyFigure.objects.filter(page__in=pages).count() >= 2 * 30
    assert InnovationReplication.objects.filter(page__in=pages).exists()
    assert Agency.objects.filter(slug__startswith="bench-").exists()
    assert NewsPage.objects.filter(slug__startswith="berita-uji-").count() == 3
    assert "update_index" in generated


def test_home_catalogue_and_generated_pages_render(client, generated):
    assert client.get("/").status_code == 200
    response = client.get("/inovasi/")
    assert response.status_code == 200
    page = InnovationPage.objects.filter(slug__startswith="bench-").order_by("path").last()
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_a_second_run_appends_and_clear_removes_only_bench_content(generated):
    generate("--innovations", "5")
    assert InnovationPage.objects.filter(slug__startswith="bench-").count() == 35
    assert all(len(problems) == 0 for problems in Page.find_problems())

    output = generate("--clear", "--innovations", "0")

    assert "Dihapus" in output
    assert not InnovationPage.objects.filter(slug__startswith="bench-").exists()
    assert not Agency.objects.filter(slug__startswith="bench-").exists()
    assert not NewsPage.objects.filter(slug__startswith="berita-uji-").exists()
    assert InnovationIndexPage.objects.get().numchild == 0
    assert all(len(problems) == 0 for problems in Page.find_problems())


def test_negative_count_is_refused(home_page):
    with pytest.raises(CommandError):
        generate("--innovations", "-1")


def test_bulk_pages_appends_live_pages_quickly(home_page):
    index_pages = datafiles.read("publications")["index_pages"]
    index = publications.load_index_pages(home_page, index_pages)["NewsIndexPage"]
    before = NewsPage.objects.child_of(index).count()
    bulk_pages(index, NewsPage, 30)
    bulk_pages(index, NewsPage, 5)
    children = NewsPage.objects.child_of(index)
    assert children.live().count() == before + 35
    index.refresh_from_db()
    assert index.numchild == before + 35
    assert len({page.path for page in children}) == before + 35
