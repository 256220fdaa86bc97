"""About forty agencies of South Sulawesi that run the demo innovations.

Each row: name, acronym, kind, BPS code of its region. Provincial bodies sit in the
province (73) even when their office is in Makassar.
"""

from django.utils.text import slugify

from innovations.models import Agency, Region

K = Agency.Kind

AGENCIES = [
    (
        "Biro Organisasi Sekretariat Daerah Provinsi Sulawesi Selatan",
        "Biro Organisasi",
        K.PROVINCIAL_OPD,
        "73",
    ),
    ("Dinas Kesehatan Provinsi Sulawesi Selatan", "Dinkes Sulsel", K.PROVINCIAL_OPD, "73"),
    ("Dinas Pendidikan Provinsi Sulawesi Selatan", "Disdik Sulsel", K.PROVINCIAL_OPD, "73"),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Sulawesi Selatan",
        "DPM-PTSP Sulsel",
        K.PROVINCIAL_OPD,
        "73",
    ),
    ("Badan Pendapatan Daerah Provinsi Sulawesi Selatan", "Bapenda Sulsel", K.PROVINCIAL_OPD, "73"),
    (
        "Dinas Komunikasi, Informatika, Statistik dan Persandian Provinsi Sulawesi Selatan",
        "Diskominfo-SP Sulsel",
        K.PROVINCIAL_OPD,
        "73",
    ),
    ("Dinas Kehutanan Provinsi Sulawesi Selatan", "Dishut Sulsel", K.PROVINCIAL_OPD, "73"),
    (
        "Dinas Energi dan Sumber Daya Mineral Provinsi Sulawesi Selatan",
        "Dinas ESDM Sulsel",
        K.PROVINCIAL_OPD,
        "73",
    ),
    (
        "Dinas Pemuda dan Olahraga Provinsi Sulawesi Selatan",
        "Dispora Sulsel",
        K.PROVINCIAL_OPD,
        "73",
    ),
    ("UPT Pendapatan Wilayah Makassar I (Samsat Makassar I)", "Samsat Makassar I", K.UPT, "73"),
    ("RSUD Sayang Rakyat Provinsi Sulawesi Selatan", "RSUD Sayang Rakyat", K.HOSPITAL, "73"),
    (
        "PT Bank Pembangunan Daerah Sulawesi Selatan dan Sulawesi Barat",
        "Bank Sulselbar",
        K.BUMD,
        "73",
    ),
    ("Dinas Kesehatan Kabupaten Kepulauan Selayar", "Dinkes Selayar", K.LOCAL_OPD, "73.01"),
    (
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Bulukumba",
        "Disdukcapil Bulukumba",
        K.LOCAL_OPD,
        "73.02",
    ),
    (
        "Badan Penanggulangan Bencana Daerah Kabupaten Bantaeng",
        "BPBD Bantaeng",
        K.LOCAL_OPD,
        "73.03",
    ),
    ("RSUD Prof. Dr. H.M. Anwar Makkatutu Bantaeng", "RSUD Anwar Makkatutu", K.HOSPITAL, "73.03"),
    ("Puskesmas Binamu Kota Kabupaten Jeneponto", "Puskesmas Binamu Kota", K.PUSKESMAS, "73.04"),
    (
        "Dinas Pertanian dan Ketahanan Pangan Kabupaten Takalar",
        "Distan Takalar",
        K.LOCAL_OPD,
        "73.05",
    ),
    (
        "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Gowa",
        "Dinas PUPR Gowa",
        K.LOCAL_OPD,
        "73.06",
    ),
    ("Kecamatan Somba Opu Kabupaten Gowa", "Kec. Somba Opu", K.SUBDISTRICT, "73.06"),
    ("Kantor Pertanahan Kabupaten Gowa", "Kantah Gowa", K.VERTICAL, "73.06"),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Sinjai",
        "DPMPTSP Sinjai",
        K.LOCAL_OPD,
        "73.07",
    ),
    (
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Maros",
        "Disdukcapil Maros",
        K.LOCAL_OPD,
        "73.08",
    ),
    (
        "Dinas Kelautan dan Perikanan Kabupaten Pangkajene dan Kepulauan",
        "DKP Pangkep",
        K.LOCAL_OPD,
        "73.09",
    ),
    ("SMA Negeri 1 Barru", "SMAN 1 Barru", K.SCHOOL, "73.10"),
    ("Dinas Lingkungan Hidup Kabupaten Bone", "DLH Bone", K.LOCAL_OPD, "73.11"),
    ("RSUD Tenriawaru Kabupaten Bone", "RSUD Tenriawaru", K.HOSPITAL, "73.11"),
    (
        "Dinas Perpustakaan dan Kearsipan Kabupaten Soppeng",
        "Dispusip Soppeng",
        K.LOCAL_OPD,
        "73.12",
    ),
    (
        "Dinas Koperasi dan Usaha Kecil Menengah Kabupaten Wajo",
        "Diskop UKM Wajo",
        K.LOCAL_OPD,
        "73.13",
    ),
    ("Dinas Sosial Kabupaten Sidenreng Rappang", "Dinsos Sidrap", K.LOCAL_OPD, "73.14"),
    (
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Pinrang",
        "BKPSDM Pinrang",
        K.LOCAL_OPD,
        "73.15",
    ),
    (
        "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Enrekang",
        "DPMD Enrekang",
        K.LOCAL_OPD,
        "73.16",
    ),
    (
        "Dinas Pengendalian Penduduk dan Keluarga Berencana Kabupaten Luwu",
        "DPPKB Luwu",
        K.LOCAL_OPD,
        "73.17",
    ),
    (
        "Dinas Kebudayaan dan Pariwisata Kabupaten Tana Toraja",
        "Disbudpar Tana Toraja",
        K.LOCAL_OPD,
        "73.18",
    ),
    (
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah Kabupaten Luwu Utara",
        "Bappelitbangda Luwu Utara",
        K.LOCAL_OPD,
        "73.22",
    ),
    (
        "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Luwu Timur",
        "Disnakertrans Luwu Timur",
        K.LOCAL_OPD,
        "73.25",
    ),
    ("Dinas Perhubungan Kabupaten Toraja Utara", "Dishub Toraja Utara", K.LOCAL_OPD, "73.26"),
    (
        "Dinas Kependudukan dan Pencatatan Sipil Kota Makassar",
        "Disdukcapil Makassar",
        K.LOCAL_OPD,
        "73.71",
    ),
    ("Dinas Kesehatan Kota Makassar", "Dinkes Makassar", K.LOCAL_OPD, "73.71"),
    (
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Makassar",
        "DP3A Makassar",
        K.LOCAL_OPD,
        "73.71",
    ),
    ("Puskesmas Kassi-Kassi Kota Makassar", "Puskesmas Kassi-Kassi", K.PUSKESMAS, "73.71"),
    ("Kecamatan Tamalate Kota Makassar", "Kec. Tamalate", K.SUBDISTRICT, "73.71"),
    (
        "Perusahaan Umum Daerah Air Minum Kota Makassar",
        "Perumda Air Minum Makassar",
        K.BUMD,
        "73.71",
    ),
    ("RSUD Andi Makkasau Kota Parepare", "RSUD Andi Makkasau", K.HOSPITAL, "73.72"),
    (
        "Dinas Perdagangan dan Perindustrian Kota Parepare",
        "Disdagin Parepare",
        K.LOCAL_OPD,
        "73.72",
    ),
    ("Inspektorat Daerah Kota Palopo", "Inspektorat Palopo", K.LOCAL_OPD, "73.73"),
    ("SMP Negeri 8 Palopo", "SMPN 8 Palopo", K.SCHOOL, "73.73"),
]


def load_agencies():
    """Create the agencies that are missing; returns them keyed by acronym."""
    regions = {region.bps_code: region for region in Region.objects.all()}
    agencies = {}
    for name, acronym, kind, bps_code in AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            slug=slugify(name)[:200],
            defaults={
                "name": name,
                "acronym": acronym,
                "kind": kind,
                "region": regions[bps_code],
            },
        )
        agencies[acronym] = agency
    return agencies
