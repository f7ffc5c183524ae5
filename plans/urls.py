from django.urls import path

from . import views, views_checkins

app_name = "plans"

milestone = "<int:pk>/milestones/<int:milestone_pk>"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_new, name="new"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/settings/", views.plan_settings, name="settings"),
    path("<int:pk>/reschedule/", views.plan_reschedule, name="reschedule"),
    path("<int:pk>/reviews/", views.review_add, name="review-add"),
    path("<int:pk>/calendar.ics", views.plan_calendar_ics, name="calendar"),
    path("<int:pk>/checkin/", views_checkins.checkin, name="checkin"),
    path("<int:pk>/feed/rotate/", views_checkins.feed_rotate, name="feed-rotate"),
    path("feed/<str:token>.ics", views_checkins.feed, name="feed"),
    path("<int:pk>/evidence/", views.plan_evidence, name="evidence"),
    path("<int:pk>/milestones/add/", views.milestone_add, name="milestone-add"),
    path(f"{milestone}/status/", views.milestone_status, name="milestone-status"),
    path(f"{milestone}/details/", views.milestone_details, name="milestone-details"),
    path(f"{milestone}/move/", views.milestone_move, name="milestone-move"),
    path(f"{milestone}/edit/", views.milestone_edit, name="milestone-edit"),
    path(f"{milestone}/delete/", views.milestone_delete, name="milestone-delete"),
]
