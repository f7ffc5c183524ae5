from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("data/", views.data_export, name="data"),
    path("delete/", views.account_delete, name="delete"),
]
