"""Municipality scoping of the room hire and loans viewsets in the Wagtail admin (accounts.scoping).

A viewset with ``StaffScopedViewSetMixin`` lists only the rows of the municipalities the staff member
serves (superusers: all), answers 404 on another municipality's object URL (edit, delete, inspect, copy,
history, usage), and its edit form (``StaffScopedAdminForm``) offers only the staff member's
municipalities, venues, rooms, depots and items."""

import functools

from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView

from accounts.scoping import municipalities_for_staff, scope_to_staff

# form field -> path from that field's model to its municipality (None: the field is the municipality)
CHOICE_FIELDS = {
    "municipality": None,
    "venue": "municipality",
    "depot": "municipality",
    "room": "venue__municipality",
    "item": "depot__municipality",
}


class StaffScopedAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        for name, path in CHOICE_FIELDS.items():
            field = self.fields.get(name)
            if field is None or not hasattr(field, "queryset"):
                continue
            field.queryset = (
                municipalities_for_staff(user) if path is None else scope_to_staff(field.queryset, user, path)
            )


class StaffScopedViewSetMixin:
    """``municipality_field``: the path from the model to its municipality, as scope_to_staff takes it."""

    municipality_field = "municipality"

    def scoped_queryset(self, request):
        return scope_to_staff(self.model._default_manager.all(), request.user, self.municipality_field)

    def construct_view(self, view_class, **kwargs):
        viewset = self
        if isinstance(view_class, type) and issubclass(view_class, IndexView):
            base = view_class

            def get_base_queryset(view):
                queryset = super(scoped_index, view).get_base_queryset()
                return queryset.filter(pk__in=viewset.scoped_queryset(view.request).values("pk"))

            scoped_index = type(base.__name__, (base,), {"get_base_queryset": get_base_queryset})
            view_class = scoped_index
        view = super().construct_view(view_class, **kwargs)

        @functools.wraps(view)
        def scoped_view(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk", args[0] if args else None)
            if pk is not None and not viewset.scoped_queryset(request).filter(pk=unquote(str(pk))).exists():
                raise Http404
            return view(request, *args, **view_kwargs)

        return scoped_view
