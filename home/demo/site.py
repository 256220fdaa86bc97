"""The page tree's top: the home page replacing Wagtail's welcome page, the catalogue, and
the site settings with the contact details of the Biro Organisasi."""

from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings
from innovations.models import InnovationIndexPage

HOME_TITLE = "Jaringan Inovasi Pelayanan Publik Sulawesi Selatan"
HOME_LEAD = (
    "JIPP Sulsel adalah wadah belajar dan berbagi inovasi pelayanan publik antarinstansi "
    "di Sulawesi Selatan, menuju satu instansi satu inovasi."
)
# Drawn from the source article (Tribun Timur, 10 March 2021), home/data/.
HOME_ABOUT = (
    "<p>Jaringan Inovasi Pelayanan Publik (JIPP) Sulawesi Selatan diluncurkan pada Maret 2018 "
    "sebagai kerja sama Pemerintah Provinsi Sulawesi Selatan melalui Biro Organisasi dengan "
    "Pemerintah Jerman melalui GIZ TRANSFORMASI. JIPP memperkuat peran provinsi dalam "
    "membina, mendampingi dan memfasilitasi kabupaten/kota untuk mempercepat gerakan "
    "<i>One Agency One Innovation</i>.</p>"
    "<p>JIPP Sulsel bertujuan untuk:</p>"
    "<ul>"
    "<li>memfasilitasi pertukaran pengetahuan: diskusi, kunjungan belajar dan pertukaran staf;</li>"
    "<li>mengembangkan kapasitas petugas pelayanan terdepan;</li>"
    "<li>memantau inovasi dan mengembangkan mekanisme tinjauan sejawat serta indeks kinerja;</li>"
    "<li>mempercepat lahirnya inovasi dan meningkatkan pemahaman masyarakat tentangnya;</li>"
    "<li>memberi umpan balik kepada pemerintah pusat tentang pengalaman baik dan tantangan;</li>"
    "<li>memberi akses kepada masyarakat untuk menyampaikan keluhan pelayanan publik.</li>"
    "</ul>"
    "<p>Jaringan ini didukung mitra pembangunan: GIZ TRANSFORMASI, Yayasan BaKTI, KOMPAK, "
    "STIA LAN Makassar dan Puslatbang KMP LAN RI. Sejak JIPP berdiri, inovasi pelayanan "
    "publik Sulawesi Selatan semakin sering masuk jajaran Top inovasi nasional.</p>"
)
CATALOGUE_INTRO = (
    "<p>Studi kasus inovasi pelayanan publik dari perangkat daerah provinsi dan "
    "kabupaten/kota di Sulawesi Selatan. Saring menurut wilayah, urusan, tahapan atau "
    "biaya, bandingkan, lalu hubungi inovatornya untuk mereplikasi.</p>"
)
CONTACT = {
    "organisation_name": "Biro Organisasi Sekretariat Daerah Provinsi Sulawesi Selatan",
    "address": "Kantor Gubernur Sulawesi Selatan\nJl. Urip Sumoharjo No. 269\nMakassar 90231",
    "email": "biroorganisasi@sulselprov.go.id",
    "phone": "(0411) 453050",
    "footer_text": (
        "JIPP Sulsel diselenggarakan oleh Biro Organisasi Setda Provinsi Sulawesi Selatan "
        "bersama kabupaten/kota dan mitra pembangunan. Konten bertanda data contoh adalah "
        "data demo."
    ),
}


def load_home_page(stdout=None):
    """The HomePage at the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLE,
                slug="beranda",
                lead=HOME_LEAD,
                about=HOME_ABOUT,
                live=False,
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    wanted = {
        "hostname": "localhost",
        "port": 80,
        "root_page_id": home.pk,
        "site_name": "JIPP Sulsel",
    }
    if site is None:
        Site.objects.create(is_default_site=True, **wanted)
    elif any(getattr(site, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(site, field, value)
        site.save()
    # Wagtail's initial migration leaves a plain "Welcome" page as the site root.
    for welcome in root.get_children().exact_type(Page).filter(slug="home"):
        welcome.delete()
    return HomePage.objects.get(pk=home.pk)


def load_catalogue(home):
    catalogue = InnovationIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=InnovationIndexPage(
                title="Katalog Inovasi",
                slug="inovasi",
                intro=CATALOGUE_INTRO,
                show_in_menus=True,
                live=False,
            )
        )
        catalogue.save_revision().publish()
    return InnovationIndexPage.objects.get(pk=catalogue.pk)


def load_site_settings():
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    changed = [field for field, value in CONTACT.items() if getattr(settings, field) != value]
    if changed:
        for field in changed:
            setattr(settings, field, CONTACT[field])
        settings.save()
    return settings
