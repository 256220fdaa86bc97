"""Public URLs of the index dashboard and the yearly report (config/urls.py includes them)."""

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("indeks/", views.dashboard, name="dashboard"),
    path("indeks/unduh/<slug:level>.csv", views.download_csv, name="csv"),
    path("indeks/inovasi/<int:pk>/", views.innovation_evidence, name="innovation_evidence"),
    path("laporan/<int:year>/", views.yearly_report, name="yearly_report"),
    path("laporan/<int:year>/laporan.pdf", views.yearly_report_pdf, name="yearly_report_pdf"),
]
