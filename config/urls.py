from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import signup
from config.admin_views import view_on_site
from pages import views as page_views

admin.site.site_header = "Crossroads administration"
admin.site.site_title = "Crossroads admin"
admin.site.index_title = "Guides, members and coaching"
# The admin signs in through allauth: its rate limits and two-factor stage apply.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", page_views.home, name="home"),
    path("healthz", page_views.healthz, name="healthz"),
    path("guides/", include("guides.urls")),
    path("", include("assessments.urls")),
    path("plans/", include("plans.urls")),
    path("market/", include("market.urls")),
    path("", include("coaching.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/signup/", signup.signup, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    # Ahead of the admin's own "view on site" route, which it replaces.
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
    ),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR:
    from config import bench

    urlpatterns.append(path("bench/floor/", bench.floor))
