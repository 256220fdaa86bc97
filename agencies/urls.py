from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("<str:uidb64>/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
