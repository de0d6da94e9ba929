"""Public and customer URLs of material loans (under /reserveren/)."""
urlpatterns: list = []
