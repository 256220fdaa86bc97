"""iCalendar (RFC 5545) files for events: one event or the list of upcoming events.

Written by hand because the format needs little: CRLF line ends, lines folded at 75
octets, TEXT values escaped, and times in UTC (so no VTIMEZONE block is needed).

URLs are on the public base URL. An event's UID is its page's translation key: the same
event fetched through any host name, or in another language, is one event in a calendar.
"""

import datetime
import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header, http_date

from core.conditional import conditional_response, etag_of
from core.public_url import public_url

PRODUCT_ID = "-//JIPP Sulsel//Kegiatan//ID"
MAX_LINE_OCTETS = 75


def escape_text(value):
    """Escape a TEXT value (RFC 5545, 3.3.11)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Fold a content line into chunks of at most 75 octets, never inside a character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_LINE_OCTETS:
        return line
    chunks = []
    current = b""
    limit = MAX_LINE_OCTETS
    for char in line:
        octets = char.encode("utf-8")
        if len(current) + len(octets) > limit:
            chunks.append(current.decode("utf-8"))
            current = b""
            limit = MAX_LINE_OCTETS - 1  # continuation lines start with one space
        current += octets
    chunks.append(current.decode("utf-8"))
    return "\r\n ".join(chunks)


def utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event, request, stamp):
    url = public_url(event.get_url(request))
    location = ", ".join(part for part in (event.venue, event.address) if part)
    description = "\n\n".join(
        part
        for part in (
            event.summary,
            f"Penyelenggara: {event.organiser}" if event.organiser else "",
            f"Tautan daring: {event.online_url}" if event.online_url else "",
            url,
        )
        if part
    )
    lines = [
        "BEGIN:VEVENT",
        f"UID:kegiatan-{event.translation_key}@jipp-sulsel",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(event.get_event_type_display())}",
        f"URL:{url}",
    ]
    if location or event.online_url:
        lines.append(f"LOCATION:{escape_text(location or event.online_url)}")
    if event.last_published_at:
        lines.append(f"LAST-MODIFIED:{utc(event.last_published_at)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, request, name="Kegiatan JIPP Sulsel"):
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Makassar",
    ]
    for event in events:
        lines += event_lines(event, request, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_response(request, events, filename):
    response = HttpResponse(calendar(events, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    changed = [event.last_published_at for event in events if event.last_published_at]
    if changed:
        response["Last-Modified"] = http_date(max(changed).timestamp())
    # DTSTAMP changes on every request: a weak ETag of the body without it.
    response["ETag"] = "W/" + etag_of(re.sub(r"DTSTAMP:\S+", "", response.content.decode()))
    return conditional_response(request, response)
