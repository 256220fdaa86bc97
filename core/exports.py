"""Spreadsheet exports that a spreadsheet program cannot turn into formulas.

Text in a CSV or XLSX cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is run as a formula by Excel and LibreOffice (CSV/formula injection): an innovation
titled ``=HYPERLINK(...)`` or a visitor's search query would become a live link in an
official's spreadsheet. Every CSV/XLSX export passes its text cells through
``spreadsheet_safe``; JSON exports stay plain data.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text cells led by a formula character get a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_row(row):
    """``spreadsheet_safe`` applied to every cell of a row."""
    return [spreadsheet_safe(value) for value in row]
