"""Turn the demo Cases into published InnovationPages that fill every field group.

What a case does not say itself (dates, stage, cost, steps, lessons, prerequisites,
replications, awards) is derived from its position in the corpus, so the catalogue's
facets all have values and sixty case studies still read differently.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from innovations.models import (
    Agency,
    Award,
    InnovationAward,
    InnovationDocument,
    InnovationGalleryImage,
    InnovationKeyFigure,
    InnovationPage,
    InnovationReplication,
    InnovationStep,
    Region,
    Sector,
    SustainableDevelopmentGoal,
)
from publications.models import Regulation

from .corpus import CASES
from demo.indexing import indexing_deferred
from demo.media import draw_poster, draw_sop_pdf, get_or_create_document, get_or_create_image

Stage = InnovationPage.Stage
Status = InnovationPage.Status
Form = InnovationPage.Form
Initiator = InnovationPage.Initiator
Budget = InnovationPage.BudgetSource
Replicated = InnovationReplication.Status

# Roughly 60% in implementation, a quarter on trial, the rest new initiatives.
STAGE_PATTERN = "PPPUPIPUPPUPIPUP"
STAGES = {"P": Stage.IMPLEMENTATION, "U": Stage.TRIAL, "I": Stage.INITIATIVE}
INITIATORS = [
    Initiator.OPD,
    Initiator.ASN,
    Initiator.HEAD_OF_REGION,
    Initiator.OPD,
    Initiator.COMMUNITY,
    Initiator.ASN,
    Initiator.DPRD,
    Initiator.OPD,
]
COSTS = [
    0,
    8_500_000,
    25_000_000,
    62_000_000,
    145_000_000,
    320_000_000,
    750_000_000,
    1_400_000_000,
    2_850_000_000,
    4_750_000_000,
]
COST_CEILINGS = {
    Agency.Kind.SCHOOL: 62_000_000,
    Agency.Kind.SUBDISTRICT: 145_000_000,
    Agency.Kind.PUSKESMAS: 145_000_000,
    Agency.Kind.VILLAGE: 145_000_000,
    Agency.Kind.LOCAL_OPD: 1_400_000_000,
    Agency.Kind.VERTICAL: 1_400_000_000,
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
GOVERNANCE_SECTORS = {"tata-kelola", "kepegawaian", "perencanaan", "pengawasan", "persandian"}
OTHER_FORM_SECTORS = {"lingkungan-hidup", "kebudayaan", "kehutanan", "pertanian", "pariwisata"}

CONTACTS = [
    ("Andi Nurhayati, S.Kep., M.Kes.", "Kepala Bidang Pelayanan"),
    ("Muhammad Ridwan, S.STP., M.Si.", "Sekretaris"),
    ("Sitti Rahmawati, S.E.", "Kepala Seksi Inovasi"),
    ("Ahmad Fauzi Syam, S.Kom.", "Pranata Komputer Ahli Muda"),
    ("Hj. Nurul Hikmah, S.Sos.", "Kepala Subbagian Program"),
    ("Andi Muh. Arsyad, S.T., M.T.", "Kepala Bidang"),
    ("Dr. Rosmiati Daeng Caya", "Kepala"),
    ("Irwan Baso Palammai, S.H.", "Analis Kebijakan Ahli Muda"),
    ("Fitriani Lateka, S.Pd., M.Pd.", "Koordinator Program"),
    ("Syamsul Alam Tandi, S.IP.", "Kepala Seksi Pelayanan"),
    ("Nur Aisyah Karaeng Ngai, S.Farm.", "Penanggung Jawab Inovasi"),
    ("Yohanis Palimbong, S.Sos.", "Kepala Bidang Pengembangan"),
]

STEP_POOL = [
    [
        (
            "Pemetaan masalah bersama warga",
            "Tim {acronym} mengumpulkan keluhan dan data layanan, lalu menggelar diskusi "
            "kelompok terarah dengan {audience_lower}.",
        ),
        (
            "Survei kebutuhan dan data awal",
            "Data awal dikumpulkan untuk menetapkan angka dasar: {first_figure}.",
        ),
        (
            "Lokakarya perumusan gagasan",
            "Pimpinan {acronym} bersama coach JIPP Sulsel merumuskan gagasan dan indikator "
            "keberhasilan.",
        ),
    ],
    [
        (
            "Penyusunan SOP dan surat keputusan tim",
            "Alur layanan baru dituangkan dalam SOP dan tim pelaksana ditetapkan dengan surat "
            "keputusan kepala instansi.",
        ),
        (
            "Pelatihan petugas terdepan",
            "Petugas layanan dilatih menjalankan alur baru, termasuk cara melayani kelompok "
            "rentan.",
        ),
        (
            "Penyiapan sarana dan mitra",
            "Sarana disiapkan dan kerja sama dengan mitra dituangkan dalam perjanjian.",
        ),
    ],
    [
        (
            "Uji coba terbatas",
            "Inovasi diuji coba di lokasi percontohan di {region_name} selama tiga bulan, "
            "dengan evaluasi mingguan.",
        ),
        (
            "Uji coba dan perbaikan alur",
            "Masukan pengguna selama uji coba dipakai untuk menyederhanakan persyaratan.",
        ),
    ],
    [
        (
            "Perluasan ke seluruh wilayah",
            "Setelah uji coba berhasil, layanan diperluas dan disosialisasikan melalui radio, "
            "media sosial dan tokoh masyarakat.",
        ),
        (
            "Penerapan penuh dan sosialisasi",
            "Layanan dijalankan penuh dan diumumkan melalui kanal resmi pemerintah daerah.",
        ),
    ],
    [
        (
            "Evaluasi dan pelembagaan",
            "Hasil dievaluasi bersama JIPP Sulsel dan inovasi dikukuhkan dalam peraturan kepala "
            "daerah agar tetap berjalan.",
        ),
        (
            "Monitoring dan tinjauan sejawat",
            "Inovasi dipantau melalui laporan triwulan dan tinjauan sejawat antar-instansi.",
        ),
    ],
]

LESSONS = [
    "Dukungan pimpinan sejak awal menentukan: tanpa surat keputusan, petugas ragu mengubah "
    "kebiasaan lama.",
    "Melibatkan pengguna dalam uji coba menghasilkan alur layanan yang jauh lebih sederhana "
    "daripada rancangan awal di atas meja.",
    "Data sebelum dan sesudah inovasi harus dikumpulkan sejak hari pertama; tanpa angka dasar, "
    "hasil sulit dibuktikan.",
    "Kemitraan dengan desa, sekolah dan tokoh masyarakat memperluas jangkauan tanpa menambah "
    "pegawai.",
    "Teknologi hanyalah alat: perubahan terbesar datang dari pembagian peran yang jelas di "
    "antara petugas.",
    "Kelompok rentan perlu jalur khusus; layanan yang sama untuk semua belum tentu adil.",
    "Biaya operasional rutin harus masuk anggaran tahunan, bukan hanya biaya peluncuran.",
    "Belajar dari daerah lain melalui JIPP Sulsel mempercepat perancangan dan mencegah "
    "kesalahan yang sama.",
    "Pergantian pejabat adalah risiko terbesar; dokumentasi dan SOP membuat inovasi bertahan.",
    "Umpan balik cepat kepada warga membangun kepercayaan dan menaikkan partisipasi.",
]

SUSTAINABILITY = [
    "Inovasi telah dikukuhkan dengan {head_rule} dan anggarannya masuk rencana kerja tahunan "
    "{acronym}.",
    "Tim pelaksana lintas bidang ditetapkan dengan surat keputusan dan setiap pegawai baru "
    "mendapat pelatihan alur layanan.",
    "Biaya operasional ditanggung bersama dengan mitra dan dicantumkan dalam perjanjian kerja "
    "sama jangka menengah.",
    "Indikator inovasi masuk dokumen perencanaan daerah sehingga dipantau setiap tahun.",
    "Kader dan relawan dari masyarakat menjalankan sebagian kegiatan, sehingga inovasi tidak "
    "bergantung pada satu petugas.",
    "Aplikasi dan data dikelola oleh dinas komunikasi dan informatika dengan server milik "
    "pemerintah daerah.",
]

STAFF_PREREQUISITES = [
    "Satu koordinator inovasi dan {staff} petugas layanan yang telah dilatih alur baru.",
    "Tim lintas bidang beranggotakan {staff} orang, termasuk operator data dan petugas lapangan.",
    "Petugas terdepan yang bersedia melayani di luar kantor, dengan {staff} orang per wilayah "
    "layanan.",
]
INFRASTRUCTURE_PREREQUISITES = {
    True: [
        "Server atau layanan komputasi awan pemerintah daerah, jaringan internet stabil di "
        "titik layanan, dan ponsel pintar bagi petugas.",
        "Aplikasi berbasis web, perangkat komputer di loket dan sambungan internet minimal "
        "10 Mbps.",
    ],
    False: [
        "Kendaraan operasional, perlengkapan lapangan dan ruang layanan sederhana.",
        "Ruang pertemuan, papan informasi dan perlengkapan kerja petugas.",
        "Sarana yang sudah dimiliki instansi; tidak memerlukan bangunan baru.",
    ],
}


def stage_for(index):
    return STAGES[pick(STAGE_PATTERN, index)]


def pick(pool, index, offset=0):
    return pool[(index + offset) % len(pool)]


def paragraph(*sentences):
    return "<p>" + " ".join(escape(sentence) for sentence in sentences if sentence) + "</p>"


def shift(date, days):
    return min(date + datetime.timedelta(days=days), timezone.localdate())


def month_label(date):
    return f"{MONTHS[date.month - 1]} {date.year}"


class InnovationBuilder:
    """Creates the demo innovations under the catalogue, skipping those that exist."""

    def __init__(self, catalogue, agencies, collection, stdout=None):
        self.catalogue = catalogue
        self.agencies = agencies
        self.collection = collection
        self.stdout = stdout
        self.regions = {region.bps_code: region for region in Region.objects.all()}
        self.local_regions = [r for r in self.regions.values() if r.kind != Region.Kind.PROVINCE]
        self.sectors = {sector.slug: sector for sector in Sector.objects.all()}
        self.sdgs = {goal.number: goal for goal in SustainableDevelopmentGoal.objects.all()}
        self.awards = {award.slug: award for award in Award.objects.all()}
        self.regulations = self.find_regulations()
        self.agencies_by_region = {}
        for agency in Agency.objects.select_related("region"):
            self.agencies_by_region.setdefault(agency.region.bps_code, []).append(agency)

    @staticmethod
    def find_regulations():
        """The national rules the source article names, if the publications demo made them."""
        wanted = [
            (Regulation.Kind.UU, 2009),
            (Regulation.Kind.PERPRES, 2010),
            (Regulation.Kind.PERMEN, 2014),
            (Regulation.Kind.SE, 2014),
            (Regulation.Kind.PERMEN, 2019),
        ]
        found = []
        for kind, year in wanted:
            regulation = Regulation.objects.filter(kind=kind, year=year).first()
            if regulation:
                found.append(regulation)
        return found

    def build_all(self):
        existing = set(
            InnovationPage.objects.child_of(self.catalogue).values_list("slug", flat=True)
        )
        created = 0
        with indexing_deferred(InnovationPage, get_image_model(), get_document_model()) as to_index:
            for index, case in enumerate(CASES):
                if slugify(case.name) in existing:
                    continue
                page = self.build(index, case)
                to_index.append(page)
                to_index += [page.hero_image, *(item.image for item in page.gallery_images.all())]
                to_index += [item.document for item in page.documents.all()]
                created += 1
        return created

    def build(self, index, case):
        agency = self.agencies[case.agency]
        stage = stage_for(index)
        launched, trial, implemented = self.dates(index, stage)
        regions = self.page_regions(index, case, agency)
        home_region = regions[0]
        initiator = pick(INITIATORS, index, 3)
        cost = self.cost(index, case, agency)
        context = self.text_context(index, case, agency, home_region, launched)

        page = InnovationPage(
            title=case.name,
            slug=slugify(case.name),
            tagline=case.tagline,
            summary=f"{case.problem.split('. ')[0].rstrip('.')}. {case.approach}"[:600],
            agency=agency,
            form=case.form or self.form(index, case),
            is_digital=case.digital,
            initiator=initiator,
            stage=stage,
            status=self.status(index, stage),
            launched_on=launched,
            trial_started_on=trial,
            implemented_on=implemented,
            website=case.website,
            problem=self.problem(index, case, context),
            approach=self.approach(index, case, context, initiator),
            results=self.results(index, case, stage),
            beneficiaries=case.beneficiaries,
            beneficiaries_count=case.beneficiaries_count,
            lessons_learned="".join(
                paragraph(pick(LESSONS, index, offset)) for offset in (0, 4, 7)[: 2 + index % 2]
            ),
            sustainability=paragraph(
                pick(SUSTAINABILITY, index).format(**context),
                pick(SUSTAINABILITY, index, 3).format(**context),
            ),
            regulation_prerequisites=self.regulation_prerequisite(index, context),
            staff_prerequisites=pick(STAFF_PREREQUISITES, index).format(staff=3 + index % 9),
            budget_prerequisites=self.budget_prerequisite(cost),
            infrastructure_prerequisites=pick(INFRASTRUCTURE_PREREQUISITES[case.digital], index),
            cost=cost,
            budget_source=self.budget_source(index, case, agency, cost, initiator),
            how_to_replicate=self.how_to_replicate(index, case, context),
            video_url=self.video_url(index, case),
            contact_name=pick(CONTACTS, index)[0],
            contact_role=f"{pick(CONTACTS, index)[1]}, {agency.acronym}",
            contact_email=f"inovasi.{slugify(agency.acronym)}@demo.jipp-sulsel.id",
            contact_phone=f"0{411 + index % 7 * 10} {850 + index:03d} {1200 + index * 37}",
            is_demo=True,
            live=False,
            first_published_at=timezone.make_aware(
                datetime.datetime.combine(implemented or trial or launched, datetime.time(9))
            ),
        )
        page.regions = regions
        page.sectors = [self.sectors[slug] for slug in case.sectors]
        page.sdgs = [self.sdgs[number] for number in case.sdgs]
        page.regulations = self.regulations[: 2 + index % 4]
        steps = self.steps(index, case, context, stage, launched, trial, implemented)
        page.steps = steps
        page.key_figures = self.key_figures(index, case, launched)
        page.replications = self.replications(index, agency, home_region, stage, launched)
        page.awards = self.page_awards(index, stage, launched)
        page.hero_image = self.hero(case)
        page.gallery_images = self.gallery(index, case, agency, home_region)
        page.documents = self.documents(index, case, agency, steps, launched)
        page.tags.add(*case.tags, *(self.sectors[slug].name.lower() for slug in case.sectors[:1]))

        self.catalogue.add_child(instance=page)
        page.save_revision().publish()
        return page

    # Identity

    def cost(self, index, case, agency):
        """A yearly cost in the range such an agency can spend: a puskesmas is not Samsat."""
        ceiling = COST_CEILINGS.get(agency.kind, COSTS[-1])
        affordable = [cost for cost in COSTS if cost <= ceiling]
        cost = pick(affordable, index * 3)
        if case.digital and cost < 60_000_000 and index % 4:
            cost = pick([cost for cost in affordable if cost >= 60_000_000] or [cost], index)
        return cost

    def dates(self, index, stage):
        if stage == Stage.INITIATIVE:
            year = 2024 + index % 2
        elif stage == Stage.TRIAL:
            year = 2019 + index % 7
        else:
            year = 2014 + (index * 7) % 10
        launched = min(datetime.date(year, 1 + index % 12, 1 + index % 27), timezone.localdate())
        trial = implemented = None
        if stage in (Stage.TRIAL, Stage.IMPLEMENTATION):
            trial = shift(launched, 60 + index % 5 * 30)
        if stage == Stage.IMPLEMENTATION:
            implemented = shift(trial, 120 + index % 4 * 45)
        return launched, trial, implemented

    def page_regions(self, index, case, agency):
        codes = [] if agency.region.kind == Region.Kind.PROVINCE else [agency.region.bps_code]
        codes += [code for code in case.regions if code not in codes]
        if not codes:
            codes = [pick(self.local_regions, index).bps_code]
        return [self.regions[code] for code in codes]

    def form(self, index, case):
        if GOVERNANCE_SECTORS & set(case.sectors):
            return Form.GOVERNANCE
        if OTHER_FORM_SECTORS & set(case.sectors[:1]) and index % 2:
            return Form.OTHER
        return Form.PUBLIC_SERVICE

    def status(self, index, stage):
        if stage == Stage.IMPLEMENTATION and index % 11 == 3:
            return Status.DISCONTINUED
        if stage != Stage.INITIATIVE and index % 9 == 5:
            return Status.PAUSED
        return Status.ACTIVE

    def text_context(self, index, case, agency, region, launched):
        head_rule = {
            Region.Kind.CITY: "Peraturan Wali Kota",
            Region.Kind.REGENCY: "Peraturan Bupati",
        }.get(region.kind, "Peraturan Gubernur")
        if agency.region.kind == Region.Kind.PROVINCE:
            head_rule = "Peraturan Gubernur"
        label, baseline, value, unit = case.figures[0]
        return {
            "acronym": agency.acronym,
            "agency": agency.name,
            "region_name": str(region),
            "audience_lower": case.beneficiaries[:1].lower() + case.beneficiaries[1:],
            "first_figure": f"{label.lower()} masih nol"
            if baseline == 0
            else f"{label.lower()} {format_number(baseline)} {unit}".strip(),
            "head_rule": head_rule,
            "year": launched.year,
        }

    # Case study

    def problem(self, index, case, context):
        openings = [
            "Sebelum {year}, ",
            "Hingga {year}, ",
            "Dalam evaluasi layanan tahun {year}, ",
            "Pengaduan warga kepada {acronym} menunjukkan bahwa ",
        ]
        opening = pick(openings, index).format(**context)
        first = case.problem[0].lower() + case.problem[1:]
        closing = [
            "Angka dasar yang tercatat saat itu: {first_figure}.",
            "Keadaan ini juga tercermin pada data awal: {first_figure}.",
            "Kondisi ini paling berat dirasakan oleh {audience_lower}.",
        ]
        return paragraph(opening + first, pick(closing, index).format(**context))

    def approach(self, index, case, context, initiator):
        by = {
            Initiator.HEAD_OF_REGION: "Gagasan ini lahir dari arahan kepala daerah.",
            Initiator.DPRD: "Gagasan ini berawal dari usulan anggota DPRD dalam reses.",
            Initiator.OPD: "Gagasan ini dirumuskan oleh pimpinan {acronym}.",
            Initiator.ASN: "Gagasan ini datang dari petugas layanan {acronym} sendiri.",
            Initiator.COMMUNITY: "Gagasan ini diusulkan oleh tokoh masyarakat dan relawan.",
        }[initiator].format(**context)
        principles = [
            "Prinsipnya: layanan mendatangi warga, bukan sebaliknya.",
            "Prinsipnya: persyaratan sesedikit mungkin dan status layanan selalu terbuka.",
            "Prinsipnya: bekerja bersama mitra yang sudah dekat dengan warga.",
            "Prinsipnya: data dipakai untuk menentukan prioritas.",
        ]
        return paragraph(case.approach, by) + paragraph(pick(principles, index))

    def results(self, index, case, stage):
        items = "".join(
            f"<li>{escape(label)}: dari {format_number(baseline)} menjadi "
            f"{format_number(value)} {escape(unit)}</li>"
            for label, baseline, value, unit in case.figures
        )
        if stage == Stage.INITIATIVE:
            lead = "Inovasi masih tahap inisiatif; target yang ditetapkan:"
        elif stage == Stage.TRIAL:
            lead = f"{case.result} Hasil sementara selama uji coba:"
        else:
            lead = case.result
        return paragraph(lead) + f"<ul>{items}</ul>"

    def steps(self, index, case, context, stage, launched, trial, implemented):
        """Three to five steps: (phase, variant) pairs that fit the stage reached."""
        if stage == Stage.INITIATIVE:
            plan = [(0, 0), (0, 1), (1, 0)]
        elif stage == Stage.TRIAL:
            plan = [(0, 0), (1, 0), (2, 0), (2, 1)][: 3 + index % 2]
        else:
            plan = [
                [(0, 0), (2, 0), (3, 0)],
                [(0, 0), (1, 0), (2, 0), (3, 0)],
                [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)],
            ][index % 3]
        milestones = {
            0: launched,
            1: shift(launched, 30),
            2: trial or launched,
            3: implemented or trial or launched,
            4: shift(implemented or launched, 365),
        }
        steps = []
        for order, (phase, variant) in enumerate(plan):
            title, description = pick(STEP_POOL[phase], index + variant)
            steps.append(
                InnovationStep(
                    title=title,
                    description=description.format(**context),
                    period=month_label(milestones[phase]),
                    sort_order=order,
                )
            )
        return steps

    def key_figures(self, index, case, launched):
        period = f"{launched.year}–{min(launched.year + 2 + index % 3, timezone.localdate().year)}"
        return [
            InnovationKeyFigure(
                label=label,
                value=Decimal(str(value)),
                unit=unit,
                baseline=Decimal(str(baseline)),
                period=period,
                sort_order=order,
            )
            for order, (label, baseline, value, unit) in enumerate(case.figures)
        ]

    # Replication

    def regulation_prerequisite(self, index, context):
        options = [
            "Surat keputusan kepala instansi tentang tim pelaksana dan SOP layanan.",
            "{head_rule} tentang penyelenggaraan layanan, agar anggaran dan petugas terjamin.",
            "Perjanjian kerja sama dengan mitra pelaksana, serta SOP yang ditetapkan kepala "
            "instansi.",
        ]
        return pick(options, index).format(**context)

    def budget_prerequisite(self, cost):
        if cost == 0:
            return "Tidak memerlukan anggaran khusus; memakai sumber daya yang sudah ada."
        return (
            f"Sekitar Rp{format_number(cost)} per tahun untuk operasional, pelatihan dan "
            "pemeliharaan sarana."
        )

    def budget_source(self, index, case, agency, cost, initiator):
        if cost == 0:
            return Budget.NONE
        if agency.kind == Agency.Kind.VERTICAL:
            return Budget.APBN
        if agency.kind in (Agency.Kind.HOSPITAL, Agency.Kind.PUSKESMAS):
            return Budget.BLUD
        if agency.kind == Agency.Kind.BUMD:
            return Budget.CSR
        if initiator == Initiator.COMMUNITY:
            return Budget.COMMUNITY
        if "pemberdayaan-desa" in case.sectors:
            return Budget.APBDES
        if index % 5 == 2:
            return Budget.PARTNER
        return Budget.APBD

    def how_to_replicate(self, index, case, context):
        steps = [
            f"Pelajari SOP dan hubungi narahubung {context['acronym']} untuk kunjungan belajar.",
            "Petakan masalah serupa di daerah Anda dan tetapkan angka dasar.",
            "Bentuk tim pelaksana dengan surat keputusan kepala instansi.",
            "Sesuaikan alur layanan dengan kondisi setempat dan uji coba di satu lokasi.",
            "Anggarkan biaya operasional rutin dan laporkan hasilnya melalui JIPP Sulsel.",
        ]
        chosen = steps[:2] + steps[2 + index % 2 : 5]
        intro = [
            "Replikasi paling mudah dimulai dari satu lokasi percontohan.",
            f"Inovasi ini dapat direplikasi oleh instansi sejenis di kabupaten/kota lain; "
            f"{context['acronym']} bersedia mendampingi.",
            "Yang perlu disalin adalah alur dan pembagian peran, bukan sekadar aplikasinya.",
        ]
        items = "".join(f"<li>{escape(step)}</li>" for step in chosen)
        return paragraph(pick(intro, index)) + f"<ol>{items}</ol>"

    def replications(self, index, agency, home_region, stage, launched):
        if stage != Stage.IMPLEMENTATION or index % 3 == 0:
            return []
        statuses = [
            Replicated.REPLICATED,
            Replicated.REPLICATED,
            Replicated.IN_PROGRESS,
            Replicated.PLANNED,
            Replicated.REPLICATED,
            Replicated.DISCONTINUED,
            Replicated.IN_PROGRESS,
        ]
        count = 1 + index % 4
        this_year = timezone.localdate().year
        records = []
        for order in range(count):
            region = pick(self.local_regions, index * 5 + order * 7)
            if region == home_region:
                region = pick(self.local_regions, index * 5 + order * 7 + 1)
            same_kind = [
                candidate
                for candidate in self.agencies_by_region.get(region.bps_code, [])
                if candidate.kind == agency.kind
                and (candidate.kind not in OFFICE_KINDS or office(candidate) == office(agency))
            ]
            status = pick(statuses, index * 2 + order)
            records.append(
                InnovationReplication(
                    region=region,
                    agency=same_kind[0] if same_kind else None,
                    adopter_name="" if same_kind else adopter_name(agency, region),
                    year=min(launched.year + 2 + order, this_year),
                    status=status,
                    note="Difasilitasi JIPP Sulsel melalui kunjungan belajar."
                    if order == 0
                    else "",
                    sort_order=order,
                )
            )
        return records

    # Recognition

    def page_awards(self, index, stage, launched):
        if stage == Stage.INITIATIVE:
            return []
        last_year = timezone.localdate().year - 1
        records = []

        def add(slug, offset, rank):
            if slug in self.awards:
                year = min(launched.year + offset, last_year)
                records.append(
                    InnovationAward(
                        award=self.awards[slug], year=year, rank=rank, sort_order=len(records)
                    )
                )

        if index % 4 == 0:
            add("kipp", 2, "Top 99")
            if index % 8 == 0:
                add("kipp", 2, "Top 45")
        if index % 5 == 1:
            add("kipp-sulsel", 1, pick(["Juara I", "Juara II", "Juara III"], index))
        if index % 7 == 3:
            add("iga", 2, "Kategori inovasi terbaik")
        if index % 13 == 6:
            add("ppd", 3, "Terbaik III")
        if index % 23 == 4:
            add("unpsa", 3, "Finalis")
        return records

    def hero(self, case):
        colour = self.sdgs[case.sdgs[0]].colour if case.sdgs else ""
        return get_or_create_image(
            case.name,
            self.collection,
            lambda: draw_poster(case.name, colour),
            f"{slugify(case.name)[:60]}.jpg",
        )

    def gallery(self, index, case, agency, region):
        captions = [
            f"Petugas {agency.acronym} melayani warga",
            f"Sosialisasi {case.name} di {region}",
            f"Rapat evaluasi {case.name} bersama JIPP Sulsel",
        ]
        images = []
        for order in range(2):
            caption = pick(captions, index + order)
            title = f"{case.name} – galeri {order + 1}"
            colour = pick(["#1F618D", "#117A65", "#B03A2E", "#7D6608", "#6C3483"], index + order)
            image = get_or_create_image(
                title,
                self.collection,
                lambda caption=caption, title=title, colour=colour: draw_poster(
                    title, colour, size=(960, 640), subtitle=caption
                ),
                f"{slugify(case.name)[:50]}-galeri-{order + 1}.jpg",
            )
            images.append(InnovationGalleryImage(image=image, caption=caption, sort_order=order))
        return images

    def documents(self, index, case, agency, steps, launched):
        title = f"SOP {case.name}"
        document = get_or_create_document(
            title,
            self.collection,
            lambda: draw_sop_pdf(
                case.name, agency.name, [step.title for step in steps], launched.year
            ),
            f"sop-{slugify(case.name)[:60]}.pdf",
        )
        return [InnovationDocument(document=document, kind=InnovationDocument.Kind.SOP)]

    def video_url(self, index, case):
        if index % 3 == 2:
            return ""
        return f"https://www.youtube.com/watch?v=jipp{index:03d}{slugify(case.name)[:4]}"


OFFICE_KINDS = {Agency.Kind.LOCAL_OPD, Agency.Kind.PROVINCIAL_OPD, Agency.Kind.VERTICAL}


def office(agency):
    """An agency's name without its region: "Dinas Sosial Kabupaten Bone" -> "Dinas Sosial"."""
    base = agency.name
    for marker in (" Kabupaten ", " Kota ", " Provinsi "):
        base = base.split(marker)[0]
    return base


def adopter_name(agency, region):
    """The adopting body's likely name: the same office in the other region."""
    if agency.kind in OFFICE_KINDS:
        return f"{office(agency)} {region}"
    return f"Pemerintah {region}"


def format_number(value):
    """Indonesian number format: dots for thousands, comma for decimals."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
