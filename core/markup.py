"""HTML built in Python where a template loop over hundreds of values cost too much."""

import html


def escaped(value):
    """conditional_escape's output without its lazy-string wrapper (which costs as much as
    the escaping itself when a page escapes hundreds of values)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
