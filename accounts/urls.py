from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("gegevens/", views.profile, name="profile"),
    path("gegevens/download/", views.personal_data_export, name="personal_data_export"),
    path("gegevens/wissen/", views.erasure_request, name="erasure_request"),
    path("gezin/", views.household, name="household"),
    path("gezin/toevoegen/", views.household_add, name="household_add"),
    path("gezin/<int:pk>/bewerken/", views.household_edit, name="household_edit"),
    path("gezin/<int:pk>/verwijderen/", views.household_delete, name="household_delete"),
]
