import pytest

from payments.structured_reference import (
    format_reference,
    is_valid_reference,
    normalise_reference,
    reference_for,
)


def test_generated_reference_is_valid_and_formatted_for_belgian_banks():
    reference = reference_for(year=2026, sequence=123)
    assert reference == "260000012395"
    assert is_valid_reference(reference)
    assert format_reference(reference) == "+++260/0000/12395+++"


def test_check_digits_97_instead_of_zero():
    # 0000000097 % 97 == 0, which Belgian banks write as 97
    assert reference_for(year=2000, sequence=97).endswith("97")


@pytest.mark.parametrize(
    "written", ["+++260/0000/12395+++", "260/0000/12395", "***260/0000/12395***", "260000012395"]
)
def test_reference_is_recognised_in_every_usual_notation(written):
    assert normalise_reference(written) == "260000012395"


@pytest.mark.parametrize(
    "bad",
    [
        "260000012394",  # wrong check digits
        "+++260/0000/12396+++",  # wrong check digits, formatted
        "26000001239",  # one digit short
        "2600000123950",  # one digit too many
        "26000001239A",
        "",
    ],
)
def test_wrong_references_are_refused(bad):
    assert not is_valid_reference(bad)
    assert normalise_reference(bad) is None


def test_sequence_outside_ten_digits_is_refused():
    with pytest.raises(ValueError):
        reference_for(year=2026, sequence=10**8)
