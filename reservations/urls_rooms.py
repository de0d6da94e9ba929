"""Public and customer URLs of room hire (under /reserveren/)."""
urlpatterns: list = []
