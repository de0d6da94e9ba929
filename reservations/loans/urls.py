"""Public and customer URLs of material loans (under /reserveren/uitlenen/)."""

from django.urls import path

from reservations.loans.views import public as views

app_name = "loans"

urlpatterns: list = [
    path("uitlenen/", views.catalogue, name="loan_catalogue"),
    path("uitlenen/materiaal/<slug:slug>/", views.item_detail, name="loan_item"),
    path("uitlenen/mandje/", views.basket, name="loan_basket"),
    path("uitlenen/mandje/toevoegen/", views.basket_add, name="loan_basket_add"),
    path("uitlenen/aanvragen/", views.request_loan, name="loan_request"),
    path("uitlenen/mijn/", views.my_loans, name="my_loans"),
    path("uitlenen/mijn/<int:pk>/", views.loan_detail, name="loan_detail"),
]
