from django.urls import path

from associations import views

app_name = "associations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("mijn/", views.mine, name="mine"),
    path("registreren/", views.register, name="register"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/leden/", views.members, name="members"),
    path("<slug:slug>/leden/uitnodigen/", views.invite, name="invite"),
    path("<slug:slug>/leden/<int:membership_id>/rol/", views.change_role, name="change_role"),
    path("<slug:slug>/leden/<int:membership_id>/verwijderen/", views.remove_member, name="remove_member"),
]
