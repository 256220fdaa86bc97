"""What one publish drops from the response cache, and how soon every worker agrees.

    .venv/bin/python -m bench.invalidation --database-url postgres://... \\
        --redis-url redis://127.0.0.1:6391/0 --pages 200

gunicorn with 2 sync workers and the shared cache (Redis) serves the project; the bench warms
`--pages` innovation pages, the catalogue, home, news and the API list, then publishes one
innovation (a new title, through Wagtail's revision publish, in this process, which shares
the database and Redis with the server) and reports: which warmed URLs still answer from
the cache (X-Cache: hit), how long the first request after the publish takes against a hit,
and how long until 40 requests in a row (spread over both workers) show the new title.

Without an engine (no SEARCH_URL), each worker also reads again, on its first catalogue or
search request after a publish, the facet values it holds (innovations/facet_index.py,
search/facets.py): the bench then asks four catalogue views and four searches none of them
cached, and reports each one's time beside the same four asked again (misses too, the
facts already held).
"""

import argparse
import http.client
import os
import sys
import time

from bench.harness import PROJECT_DIR
from bench.pages import Gunicorn


def get(port, url):
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", url, headers={"Host": "localhost"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.getheader("X-Cache") == "hit", body, time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args(argv)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
        }
    )
    import django

    django.setup()
    from innovations.models import InnovationIndexPage, InnovationPage

    index = InnovationIndexPage.objects.live().first()
    root = index.get_site().root_page.url_path
    # This site's tree only: the English tree's pages have other URL prefixes.
    live = InnovationPage.objects.live().descendant_of(index).order_by("pk")
    target = live.order_by("-replication_count", "pk").first()
    related = set(target.related_ids(cached=False))
    pages = {page.pk: page.url_path[len(root) - 1 :] for page in live[: args.pages]}
    pages[target.pk] = target.url_path[len(root) - 1 :]
    for pk in related:
        pages[pk] = InnovationPage.objects.get(pk=pk).url_path[len(root) - 1 :]
    base = index.url_path[len(root) - 1 :]
    others = {
        "home": "/",
        "catalogue": base,
        "catalogue_az": f"{base}?urutan=az",
        "news": "/berita/",
        "events": "/kegiatan/",
        "api_list": "/api/v2/innovations/?limit=20",
    }
    env = {**os.environ, "PAGE_CACHE_SECONDS": "300", "CATALOGUE_CACHE_SECONDS": "300"}
    with Gunicorn(PROJECT_DIR, env) as server:
        urls = {**{f"innovation:{pk}": url for pk, url in pages.items()}, **others}
        for url in urls.values():
            get(server.port, url)
        warm = {name: get(server.port, url)[0] for name, url in urls.items()}
        hit_seconds = get(server.port, pages[target.pk])[2]

        title = f"{target.title.split(' #')[0]} #{int(time.time())}"
        target.title = title
        published = time.perf_counter()
        target.save_revision().publish()
        publish_seconds = time.perf_counter() - published

        _hit, body, first_seconds = get(server.port, pages[target.pk])
        streak, checks, agreed = 0, 0, None
        while streak < 40 and checks < 2000:
            checks += 1
            if title.encode() in get(server.port, pages[target.pk])[1]:
                streak += 1
                agreed = agreed or time.perf_counter()
            else:
                streak, agreed = 0, None
        rereads = {
            name: (
                [get(server.port, url)[2] for url in asked[:4]],
                [get(server.port, url)[2] for url in asked[4:]],
            )
            for name, asked in first_misses(base).items()
        }
        after = {name: get(server.port, url)[0] for name, url in urls.items()}

    dropped = sorted(name for name in urls if warm[name] and not after[name])
    kept = sum(1 for name in urls if warm[name] and after[name])
    print(f"warmed URLs answering from the cache before the publish: {sum(warm.values())}")
    print(f"publish (revision publish, signals, index task): {publish_seconds * 1000:.0f} ms")
    print(f"dropped by one publish ({len(dropped)}): {', '.join(dropped)}")
    print(f"  target innovation:{target.pk}; its related: {sorted(related)}")
    print(f"kept (still hits): {kept}")
    print(f"hit before: {hit_seconds * 1000:.1f} ms; first after: {first_seconds * 1000:.1f} ms")
    print(f"new title in first answer: {title.encode() in body}")
    lag = (agreed - published) if agreed else None
    print(
        "40 requests in a row with the new title after "
        + (f"{lag * 1000:.0f} ms from the publish" if lag is not None else "never")
    )
    for name, (first, again) in rereads.items():
        print(
            f"{name} after the publish, first four misses: {milliseconds(first)};"
            f" four other misses next: {milliseconds(again)}"
        )
    return 0


def milliseconds(seconds):
    return ", ".join(f"{value * 1000:.0f}" for value in seconds) + " ms"


def first_misses(base):
    """Eight catalogue views and eight searches the warm-up did not ask (each a miss of the
    response cache): the first four are asked first after the publish, then four more."""
    regions = ("73.01", "73.02", "73.03", "73.04", "73.05", "73.06", "73.07", "73.08")
    words = ("desa", "sekolah", "pasien", "arsip", "pajak", "antrean", "nelayan", "pasar")
    return {
        "catalogue": [f"{base}?wilayah={code}" for code in regions],
        "search": [f"/cari/?q=layanan+{word}" for word in words],
    }


if __name__ == "__main__":
    sys.exit(main())
