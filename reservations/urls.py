from .urls_loans import urlpatterns as loan_urlpatterns
from .urls_rooms import urlpatterns as room_urlpatterns

app_name = "reservations"
urlpatterns = room_urlpatterns + loan_urlpatterns
