from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fazhi.api import api
from fazhi.core.views import accounts

admin.site.site_header = "法治政府建设管理平台 · 数据维护"
admin.site.site_title = "法治政府建设管理平台"

urlpatterns = [
    path("policies/", include("fazhi.documents.public_urls")),
    path("decisions/", include("fazhi.decisions.public_urls")),
    path("inspections/", include("fazhi.inspections.public_urls")),
    path("enforcement/", include("fazhi.enforcement.public_urls")),
    path("complaints/", include("fazhi.complaints.public_urls")),
    path("reports/", include("fazhi.reports.public_urls")),
    path("legislation/", include("fazhi.legislation.public_urls")),
    path("", include("fazhi.portal.urls")),
    path("work/", include("fazhi.core.urls")),
    path("work/reviews/", include("fazhi.reviews.urls")),
    path("work/documents/", include("fazhi.documents.urls")),
    path("work/decisions/", include("fazhi.decisions.urls")),
    path("work/inspections/", include("fazhi.inspections.urls")),
    path("work/enforcement/", include("fazhi.enforcement.urls")),
    path("work/disputes/", include("fazhi.disputes.urls")),
    path("work/publicity/", include("fazhi.legal_publicity.urls")),
    path("work/ledger/", include("fazhi.ledger.urls")),
    path("work/services/", include("fazhi.services.urls")),
    path("work/complaints/", include("fazhi.complaints.urls")),
    path("work/reports/", include("fazhi.reports.urls")),
    path("work/legislation/", include("fazhi.legislation.urls")),
    path("work/oversight/", include("fazhi.oversight.urls")),
    path("work/learning/", include("fazhi.learning.urls")),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_changed.html"),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/public/", accounts.public_set_language, name="public_set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "fazhi.core.views.errors.not_found"
handler403 = "fazhi.core.views.errors.forbidden"
handler500 = "fazhi.core.views.errors.server_error"
