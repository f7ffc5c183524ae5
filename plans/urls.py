from django.urls import path

from .views import checkins, milestones, notices, plans, reviews

app_name = "plans"

milestone = "<int:pk>/milestones/<int:milestone_pk>"

urlpatterns = [
    path("", plans.plan_list, name="list"),
    path("new/", plans.plan_new, name="new"),
    path("<int:pk>/", plans.plan_detail, name="detail"),
    path("<int:pk>/settings/", plans.plan_settings, name="settings"),
    path("<int:pk>/reschedule/", plans.plan_reschedule, name="reschedule"),
    path("<int:pk>/reviews/", reviews.review_add, name="review-add"),
    path("<int:pk>/calendar.ics", plans.plan_calendar_ics, name="calendar"),
    path("<int:pk>/checkin/", checkins.checkin, name="checkin"),
    path("<int:pk>/feed/rotate/", checkins.feed_rotate, name="feed-rotate"),
    path("feed/<str:token>.ics", checkins.feed, name="feed"),
    path("<int:pk>/evidence/", plans.plan_evidence, name="evidence"),
    path("<int:pk>/milestones/add/", milestones.milestone_add, name="milestone-add"),
    path(
        "<int:pk>/milestones/restore/",
        milestones.milestone_restore,
        name="milestone-restore",
    ),
    path(f"{milestone}/status/", milestones.milestone_status, name="milestone-status"),
    path(
        f"{milestone}/details/", milestones.milestone_details, name="milestone-details"
    ),
    path(f"{milestone}/move/", milestones.milestone_move, name="milestone-move"),
    path(f"{milestone}/edit/", milestones.milestone_edit, name="milestone-edit"),
    path(f"{milestone}/delete/", milestones.milestone_delete, name="milestone-delete"),
    path(
        "<int:pk>/guide-change/add/",
        notices.add_new_milestones,
        name="guide-change-add",
    ),
    path(
        "guide-changes/<int:guide_pk>/dismiss/",
        notices.dismiss_guide_change,
        name="guide-change-dismiss",
    ),
]
