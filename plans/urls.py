from django.urls import path

from . import notice_views, views

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
    path("<int:pk>/evidence/", views.plan_evidence, name="evidence"),
    path(
        "<int:pk>/feedback/<int:feedback_pk>/", views.feedback_detail, name="feedback"
    ),
    path("<int:pk>/milestones/add/", views.milestone_add, name="milestone-add"),
    path(f"{milestone}/status/", views.milestone_status, name="milestone-status"),
    path(f"{milestone}/details/", views.milestone_details, name="milestone-details"),
    path(f"{milestone}/move/", views.milestone_move, name="milestone-move"),
    path(f"{milestone}/edit/", views.milestone_edit, name="milestone-edit"),
    path(f"{milestone}/delete/", views.milestone_delete, name="milestone-delete"),
    path(
        "<int:pk>/guide-change/add/",
        notice_views.add_new_milestones,
        name="guide-change-add",
    ),
    path(
        "guide-changes/<int:guide_pk>/dismiss/",
        notice_views.dismiss_guide_change,
        name="guide-change-dismiss",
    ),
]
