"""Public and customer URLs of room hire (under /reserveren/)."""

from django.urls import path

from reservations.rooms.views import public as views

app_name = "rooms"

urlpatterns = [
    path("zalen/", views.room_list, name="room_list"),
    path("zalen/<slug:slug>/", views.room_detail, name="room_detail"),
    path("zalen/<slug:slug>/reserveren/", views.room_book, name="room_book"),
    path("zalen/<slug:slug>/seizoen/", views.season_request, name="room_season_request"),
    path("mijn-reservaties/", views.my_bookings, name="my_bookings"),
    path("zalen/reservatie/<int:pk>/", views.booking_detail, name="room_booking_detail"),
    path("zalen/reservatie/<int:pk>/annuleren/", views.booking_cancel, name="room_booking_cancel"),
    path("zalen/reservatie/<int:pk>/verplaatsen/", views.booking_move, name="room_booking_move"),
    path("zalen/reservatie/<int:pk>/bevestiging.pdf", views.booking_pdf, name="room_booking_pdf"),
    path("zalen/reservatie/<int:pk>/agenda.ics", views.booking_ics, name="room_booking_ics"),
]
