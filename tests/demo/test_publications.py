"""The publications area of load_demo: idempotent, with the source article as real news."""

import io

from demo.loaders import publications
from publications.models import (
    EventPage,
    LearningResourcePage,
    NewsPage,
    Partner,
    Regulation,
)


def test_load_is_idempotent_and_publishes_the_source_article(home_page):
    out = io.StringIO()
    publications.load(out)
    counts = (NewsPage.objects.count(), LearningResourcePage.objects.count())
    publications.load(out)
    assert (NewsPage.objects.count(), LearningResourcePage.objects.count()) == counts
    assert counts[0] >= 11 and counts[1] >= 12
    assert EventPage.objects.filter(event_type=EventPage.EventType.JAMBOREE).exists()
    assert Regulation.objects.count() == 5 and Partner.objects.count() == 5

    article = NewsPage.objects.get(date="2021-03-10")
    text = " ".join(str(block.value) for block in article.body)
    assert "One Agency One Innovation" in text
    assert "Grand Design Reformasi Birokrasi" in text  # hard-wrapped lines rejoined
    assert "pusat Inovasi di kawasan timur Indonesia" in text
    assert not article.is_demo
    assert article.lead_image and article.lead_image_caption.startswith("Ilustrasi")
    assert all(resource.documents.exists() for resource in LearningResourcePage.objects.all())
    assert all(news.authors.exists() for news in NewsPage.objects.filter(is_demo=True))
