from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("guides/<slug:slug>/assessment/", views.start, name="start"),
    path("assessments/", views.assessment_list, name="list"),
    path("assessments/compare/", views.compare, name="compare"),
    path("assessments/<int:pk>/", views.detail, name="detail"),
    path("assessments/<int:pk>/answer/", views.answer, name="answer"),
    path("assessments/<int:pk>/finish/", views.finish, name="finish"),
]
