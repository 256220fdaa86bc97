from django.urls import path

from . import views

app_name = "replication"

urlpatterns = [
    path("ajukan/<int:innovation_id>/", views.ask, name="ask"),
    path("hubungi/<int:innovation_id>/", views.contact, name="contact"),
    path("lacak/<str:token>/", views.track, name="track"),
    path("cari-inovasi/", views.finder, name="finder"),
]
