"""Agencies, the illustrated innovations and the home page's picks (with the page tree and
publications until those move into their own area loaders)."""

from home import demo


def load(stdout):
    demo.load(stdout)
