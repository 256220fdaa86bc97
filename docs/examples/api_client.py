#!/usr/bin/env python3
"""Pull every innovation of one region from the JIPP Sulsel API, page by page.

Standard library only. Example:

    python api_client.py --base-url https://jipp.sulselprov.go.id --region 73.71 > makassar.json

The region is a BPS code (73.71 is Kota Makassar; /api/v2/regions/ lists them all).
Pages are fetched with limit/offset in a stable order until meta.total_count is reached;
a 429 or 5xx answer is retried a few times with a growing pause.
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PAGE_SIZE = 100  # the API's maximum
USER_AGENT = "jipp-sulsel-example-client/1.0"


def get_json(url, retries=3, timeout=30):
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url}")
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (scheme checked)
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 400:
                message = json.load(error).get("message", "")
                raise SystemExit(f"The API refused the request: {message}") from error
            if error.code != 429 and error.code < 500 or attempt == retries:
                raise
        time.sleep(2**attempt)
    raise AssertionError("unreachable")


def innovations_of_region(base_url, bps_code, fields="*", page_size=PAGE_SIZE):
    """Yield every innovation applied in the region, in title order, following the pages."""
    offset = 0
    while True:
        query = urllib.parse.urlencode(
            {
                "region": bps_code,
                "fields": fields,
                "order": "title",
                "limit": page_size,
                "offset": offset,
            }
        )
        page = get_json(f"{base_url.rstrip('/')}/api/v2/innovations/?{query}")
        yield from page["items"]
        offset += len(page["items"])
        if not page["items"] or offset >= page["meta"]["total_count"]:
            return


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--region", required=True, help="BPS code, e.g. 73.71")
    parser.add_argument("--page-size", type=int, default=PAGE_SIZE)
    args = parser.parse_args(argv)
    items = list(innovations_of_region(args.base_url, args.region, page_size=args.page_size))
    json.dump(items, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    print(f"{len(items)} innovations in region {args.region}", file=sys.stderr)


if __name__ == "__main__":
    main()
