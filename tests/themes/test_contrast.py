import pytest
from django.core.exceptions import ValidationError

from themes.contrast import contrast_ratio, relative_luminance
from themes.models import Theme

pytestmark = pytest.mark.django_db


def test_contrast_ratio_follows_wcag_21():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    # #767676 is the classic lightest grey that still passes AA on white; #777777 just fails.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5


def test_low_contrast_primary_colour_is_refused_with_ratio_and_requirement(site):
    theme = Theme.for_site(site)
    theme.primary_color = "#ffcc00"  # yellow: white text on it is unreadable

    with pytest.raises(ValidationError) as error:
        theme.full_clean()

    message = error.value.message_dict["primary_color"][0]
    assert "1,51:1" in message
    assert "4,5:1" in message
    assert "#ffcc00" in message
    assert Theme.objects.get(pk=theme.pk).primary_color != "#ffcc00"


def test_low_contrast_secondary_colour_is_refused_too(site):
    theme = Theme.for_site(site)
    theme.secondary_color = "#777777"

    with pytest.raises(ValidationError) as error:
        theme.full_clean()

    assert "4,47:1" in error.value.message_dict["secondary_color"][0]
    assert "primary_color" not in error.value.message_dict


def test_colour_pair_that_meets_aa_is_accepted(site):
    theme = Theme.for_site(site)
    theme.primary_color = "#767676"
    theme.secondary_color = "#003366"

    theme.full_clean()
    theme.save()

    theme.refresh_from_db()
    assert (theme.primary_color, theme.secondary_color) == ("#767676", "#003366")


def test_malformed_colour_gets_the_format_message_not_a_crash(site):
    theme = Theme.for_site(site)
    theme.primary_color = "rood"

    with pytest.raises(ValidationError) as error:
        theme.full_clean()

    assert "zes hexadecimale tekens" in error.value.message_dict["primary_color"][0]
