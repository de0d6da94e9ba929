"""A theme per Wagtail Site: logo, colours, baseline and favicon.

A site setting (one row per Site, edited under Instellingen in the Wagtail admin) rather than a
free-standing model, so Wagtail's per-site permissions and per-request caching come for free.
"""

import math

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from themes.contrast import HEX_COLOUR, WCAG_AA_NORMAL_TEXT, WHITE, contrast_ratio

hex_colour_validator = RegexValidator(
    HEX_COLOUR, _("Geef een kleur in als # gevolgd door zes hexadecimale tekens, bijvoorbeeld #1d5e8c.")
)

DEFAULT_PRIMARY = "#1d5e8c"
DEFAULT_SECONDARY = "#2f5d3a"


def _shown_ratio(ratio: float) -> str:
    """Round down so a refused 4.497:1 is never shown as 4,50:1."""
    return number_format(math.floor(ratio * 100) / 100, 2)


@register_setting(icon="image")
class Theme(BaseSiteSetting):
    """How one site looks. White text is set on both colours, so both must reach WCAG AA with white."""

    select_related = ["logo", "favicon"]

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("favicon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Een vierkante afbeelding, minstens 64 × 64 pixels."),
    )
    baseline = models.CharField(_("baseline"), max_length=120, blank=True)
    primary_color = models.CharField(
        _("hoofdkleur"),
        max_length=7,
        default=DEFAULT_PRIMARY,
        validators=[hex_colour_validator],
        help_text=_(
            "Achtergrond van de kop, knoppen en kleur van links. Witte tekst moet erop leesbaar zijn."
        ),
    )
    secondary_color = models.CharField(
        _("tweede kleur"),
        max_length=7,
        default=DEFAULT_SECONDARY,
        validators=[hex_colour_validator],
        help_text=_("Achtergrond van de voettekst. Witte tekst moet erop leesbaar zijn."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("baseline"), FieldPanel("favicon")], heading=_("Merk")
        ),
        MultiFieldPanel([FieldPanel("primary_color"), FieldPanel("secondary_color")], heading=_("Kleuren")),
    ]

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field in ("primary_color", "secondary_color"):
            colour = getattr(self, field) or ""
            if not HEX_COLOUR.match(colour):
                continue  # the field validator already reports it
            ratio = contrast_ratio(colour, WHITE)
            if ratio < WCAG_AA_NORMAL_TEXT:
                errors[field] = ValidationError(
                    _(
                        "Te weinig contrast: witte tekst op %(colour)s haalt maar %(ratio)s:1, "
                        "terwijl minstens %(required)s:1 nodig is (WCAG AA). Kies een donkerdere kleur."
                    ),
                    code="low_contrast",
                    params={
                        "colour": colour,
                        "ratio": _shown_ratio(ratio),
                        "required": number_format(WCAG_AA_NORMAL_TEXT, 1),
                    },
                )
        if errors:
            raise ValidationError(errors)

    @property
    def css_custom_properties(self) -> dict[str, str]:
        """The CSS variables base.html writes into :root (values are validated hex colours)."""
        return {
            "--color-primary": self.primary_color,
            "--color-secondary": self.secondary_color,
            "--color-on-primary": WHITE,
            "--color-on-secondary": WHITE,
        }
