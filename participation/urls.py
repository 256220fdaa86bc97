from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.report_form, name="report"),
    path("lacak/", views.track, name="track"),
    path("statistik/", views.statistics_page, name="statistics"),
    path("statistik.csv", views.statistics_csv, name="statistics_csv"),
    path("publik/", views.public_list, name="public_list"),
]
