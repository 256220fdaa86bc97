from django.urls import re_path

from . import views

app_name = "innovations"

urlpatterns = [
    re_path(r"^inovasi/ekspor\.(?P<fmt>csv|json|xlsx)$", views.export, name="export"),
]
