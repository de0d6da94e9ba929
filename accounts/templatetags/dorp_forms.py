"""Render any form field (ours or allauth's) with its errors tied to the input for screen readers."""

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def accessible_widget(field: BoundField) -> str:
    """The widget with aria-invalid and aria-describedby pointing at its help text and errors."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs: dict[str, str | bool] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("accounts/includes/field.html")
def form_field(field: BoundField) -> dict:
    return {"field": field}
