from django.urls import path

from payments import basket_views, views

app_name = "payments"
urlpatterns = [
    path("", views.order_list, name="orders"),
    path("mandje/", basket_views.basket, name="basket"),
    path("mandje/afrekenen/", basket_views.basket_checkout, name="basket_checkout"),
    path("mandje/verlengen/", basket_views.basket_extend, name="basket_extend"),
    path("mandje/lijn/<int:line_id>/verwijderen/", basket_views.basket_remove, name="basket_remove"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("bestelling/<str:number>/", views.order_detail, name="order"),
    path("bestelling/<str:number>/betalen/", views.choose_payment, name="choose"),
    path("bestelling/<str:number>/terug/", views.stripe_return, name="stripe_return"),
    path("bestelling/<str:number>/overschrijving/", views.bank_transfer, name="bank_transfer"),
    path("bestelling/<str:number>/qr.<str:kind>", views.bank_transfer_qr, name="bank_transfer_qr"),
    path("factuur/<str:number>.pdf", views.invoice_pdf, name="invoice_pdf"),
]
