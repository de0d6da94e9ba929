"""The municipality's name for e-mails rendered outside a request (allauth's mails, invitations)."""
from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def municipality_name() -> str:
    return settings.MUNICIPALITY_NAME
