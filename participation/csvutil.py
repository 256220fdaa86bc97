"""Streamed CSV whose cells a spreadsheet program reads as data (core/exports.py)."""

import csv

from core.exports import spreadsheet_row


class Echo:
    def write(self, value):
        return value


def rows_to_lines(header, rows):
    """CSV lines of ``header`` and ``rows``, BOM first so that Excel reads UTF-8."""
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(spreadsheet_row(header))
    for row in rows:
        yield writer.writerow(spreadsheet_row(row))
