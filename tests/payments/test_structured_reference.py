import re

import pytest

from payments import structured_reference
from payments.structured_reference import (
    format_reference,
    is_valid_reference,
    normalise_reference,
    random_reference,
)


def test_generated_reference_is_random_valid_mod_97_and_formatted_for_belgian_banks():
    references = {random_reference() for _ in range(200)}
    assert len(references) == 200
    for reference in references:
        assert re.fullmatch(r"\d{12}", reference)
        assert is_valid_reference(reference)
        check = int(reference[:10]) % 97 or 97
        assert int(reference[10:]) == check
        assert re.fullmatch(r"\+\+\+\d{3}/\d{4}/\d{5}\+\+\+", format_reference(reference))


def test_ten_random_digits_with_their_check_digits(monkeypatch):
    monkeypatch.setattr(structured_reference.secrets, "randbelow", lambda n: 2600000123)
    assert random_reference() == "260000012395"
    assert format_reference("260000012395") == "+++260/0000/12395+++"


def test_check_digits_97_instead_of_zero(monkeypatch):
    # 0000000097 % 97 == 0, which Belgian banks write as 97
    monkeypatch.setattr(structured_reference.secrets, "randbelow", lambda n: 97)
    assert random_reference() == "000000009797"
    assert is_valid_reference("000000009797")


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
