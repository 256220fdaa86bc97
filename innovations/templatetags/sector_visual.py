"""A picture with meaning where an innovation has no photo: its sector's pictogram on its
sector group's colour (SVG, no image file), never generated initials (issue 18 item 6)."""

from django import template

register = template.Library()

# Pictograms on a 24x24 grid, one per group of government affairs.
PICTOGRAMS = {
    "health": "M9 3h6v6h6v6h-6v6H9v-6H3V9h6z",
    "education": "M12 3 1 9l11 6 9-4.9V17h2V9zM5 13.2v4L12 21l7-3.8v-4L12 17z",
    "people": "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-4 0-8 2-8 5v2h16v-2c0-3-4-5-8-5z",
    "nature": "M17 8C8 10 5.9 16.2 3.8 21.3l1.9.7 1-2.3c.5.2 1 .3 1.3.3C19 20 22 3 22 3c-1 2-8 2.3-13 3.3S2 11.5 2 13.5s1.8 3.8 1.8 3.8C7 8 17 8 17 8z",  # noqa: E501
    "water": "M2 15c2 0 2-1.5 4-1.5S8 15 10 15s2-1.5 4-1.5 2 1.5 4 1.5 2-1.5 4-1.5V17c-2 0-2 1.5-4 1.5S16 17 14 17s-2 1.5-4 1.5S8 17 6 17s-2 1.5-4 1.5zM12 3l5 8H7z",  # noqa: E501
    "money": "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15.9V19h-2v-1.1c-1.7-.3-3-1.3-3.1-2.9h2c.1.8.9 1.4 2.1 1.4 1.3 0 1.8-.6 1.8-1.2 0-.8-.5-1.2-2.2-1.6-2-.5-3.3-1.3-3.3-2.9 0-1.4 1.1-2.3 2.7-2.6V7h2v1.1c1.6.4 2.5 1.6 2.5 2.9h-2c0-.9-.6-1.5-1.8-1.5-1.1 0-1.7.5-1.7 1.1 0 .7.6 1 2.2 1.4 1.7.4 3.3 1.1 3.3 3.1 0 1.4-1.1 2.5-2.5 2.8z",  # noqa: E501
    "building": "M12 2 2 7v2h20V7zM4 11v7h3v-7zm6.5 0v7h3v-7zM17 11v7h3v-7zM2 20v2h20v-2z",
    "road": "M11 2h2v4h-2zm0 6h2v4h-2zm0 6h2v4h-2zm0 6h2v2h-2zM4 22 8 2h1.5L6 22zm14 0L14.5 2H16l4 20z",  # noqa: E501
    "home": "M12 3 2 12h3v8h6v-6h2v6h6v-8h3z",
    "signal": "M12 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm-4.2-2.2 1.4 1.4a4 4 0 0 0 0 5.6l-1.4 1.4a6 6 0 0 1 0-8.4zm8.4 0a6 6 0 0 1 0 8.4l-1.4-1.4a4 4 0 0 0 0-5.6zM4.9 4.9l1.4 1.4a8 8 0 0 0 0 11.4l-1.4 1.4a10 10 0 0 1 0-14.2zm14.2 0a10 10 0 0 1 0 14.2l-1.4-1.4a8 8 0 0 0 0-11.4z",  # noqa: E501
    "idea": "M9 21h6v-1H9zm3-19a7 7 0 0 0-4 12.7V17h8v-2.3A7 7 0 0 0 12 2z",
}

GROUPS = {
    "health": ("kesehatan", "keluarga-berencana", "pangan"),
    "education": ("pendidikan", "perpustakaan", "kebudayaan", "kepemudaan-olahraga", "kearsipan"),
    "people": ("kependudukan", "sosial", "pppa", "tenaga-kerja", "transmigrasi", "kepegawaian"),
    "nature": ("lingkungan-hidup", "kehutanan", "pertanian", "esdm"),
    "water": ("kelautan-perikanan", "pariwisata"),
    "money": ("keuangan", "koperasi-umkm", "penanaman-modal", "perdagangan", "perindustrian"),
    "building": ("tata-kelola", "pengawasan", "perencanaan", "statistik", "trantibum"),
    "road": ("pekerjaan-umum", "perhubungan", "pertanahan"),
    "home": ("perumahan", "pemberdayaan-desa"),
    "signal": ("kominfo", "persandian"),
}
GROUP_OF = {slug: group for group, slugs in GROUPS.items() for slug in slugs}


@register.inclusion_tag("innovations/components/sector_visual.html")
def sector_visual(innovation, size="card"):
    """The first sector's pictogram and colour (prefetched sectors: no query)."""
    sectors = list(innovation.sectors.all())
    sector = sectors[0] if sectors else None
    group = GROUP_OF.get(sector.slug, "idea") if sector else "idea"
    return {"sector": sector, "group": group, "path": PICTOGRAMS[group], "size": size}
