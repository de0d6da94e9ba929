"""Root URLs. Wagtail's page serving comes last: it catches everything else."""
from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("account/", include("allauth.urls")),
    path("mijn/", include("accounts.urls")),
    path("verenigingen/", include("associations.urls")),
    path("kalender/", include("calendars.urls")),
    path("betalen/", include("payments.urls")),
    path("reserveren/", include("reservations.rooms.urls")),
    path("reserveren/", include("reservations.loans.urls")),
    path("site/", include("cms.urls")),
    path("thema/", include("themes.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
