from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Verenigingen")

    def ready(self) -> None:
        from accounts import desks
        desks.register_desk_permissions(desks.EVENTS_DESK, {
            "associations.association": desks.EDIT,
            "associations.membership": desks.READ,
            "calendars.resource": desks.READ,
            "calendars.allocation": desks.READ,
        })
        desks.register_desk_permissions(desks.FINANCE, {"associations.association": desks.READ})
        from accounts.personal_data import register_erasure_handler, register_personal_data
        from accounts.sections import register_section
        from associations.selectors import memberships_of
        from associations.services import forget_person

        register_section(
            key="associations.mine",
            title=_("Mijn verenigingen"),
            url_name="associations:mine",
            description=_("Verenigingen waarvan u lid bent, leden uitnodigen en beheren."),
            order=30,
        )
        register_personal_data(
            "association_memberships",
            lambda user: [
                {"association": membership.association.name, "role": membership.role}
                for membership in memberships_of(user)
            ],
        )
        register_erasure_handler("associations", forget_person)
