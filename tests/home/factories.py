import factory
import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Jaringan Inovasi Pelayanan Publik Sulawesi Selatan"
    slug = "beranda"
    lead = "Wadah berbagi inovasi pelayanan publik se-Sulawesi Selatan."
    about = factory.LazyFunction(lambda: "<p>JIPP Sulsel menghubungkan para inovator.</p>")

    class Meta:
        model = HomePage
