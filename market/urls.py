from django.urls import path

from . import views

app_name = "market"

urlpatterns = [
    path("", views.check, name="check"),
    path("save/", views.save, name="save"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/carry/", views.carry, name="carry"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
