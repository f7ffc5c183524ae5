from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path(
        "plans/<int:pk>/feedback/<int:feedback_pk>/",
        views.feedback_detail,
        name="feedback",
    ),
    path("plans/<int:pk>/messages/", views.thread, name="thread"),
    path("plans/<int:pk>/messages/read/", views.thread_read, name="thread-read"),
]
