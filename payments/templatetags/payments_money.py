"""Amounts and times on customer pages the way they are printed on invoices (accounts.documents)."""

from decimal import Decimal

from django import template

from accounts.documents import euro as format_euro

register = template.Library()


@register.filter
def euro(value: Decimal | int | str | None) -> str:
    """€ 1.234,50 in Dutch, € 1,234.50 in English; empty for no amount."""
    if value is None or value == "":
        return ""
    return format_euro(value)
