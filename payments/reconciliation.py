"""Bank statement import (CODA and Belgian bank CSV), matched to orders by structured reference.

Every statement line gets a unique key (account, statement sequence, movement sequence for CODA; the
bank's own reference or a content hash for CSV), so importing the same file twice books nothing twice.
"""

import csv
import datetime
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import coda
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban

from accounts import localtime
from payments import services
from payments.errors import PaymentError
from payments.models import MatchStatus, Order, OrderStatus, Payment, StatementImport, StatementLine
from payments.structured_reference import normalise_reference

REFERENCE_IN_TEXT = re.compile(
    r"(?:\+\+\+|\*\*\*)?\s*(\d{3})\s*/?\s*(\d{4})\s*/?\s*(\d{5})\s*(?:\+\+\+|\*\*\*)?"
)


@dataclass(frozen=True)
class ParsedLine:
    unique_key: str
    booking_date: datetime.date
    amount: Decimal
    counterparty_name: str
    counterparty_account: str
    communication: str
    structured_reference: str
    account: str = ""  # our own account the statement is for (IBAN), when the file says so


def find_reference(text: str) -> str:
    for match in REFERENCE_IN_TEXT.finditer(text or ""):
        reference = normalise_reference("".join(match.groups()))
        if reference:
            return reference
    return ""


def parse_coda(content: bytes) -> list[ParsedLine]:
    try:
        parsed = coda.CODA(io.StringIO(content.decode("windows-1252")))
    except (ValueError, AssertionError, IndexError, KeyError, InvalidOperation) as exc:
        raise PaymentError(_("Dit is geen geldig CODA-bestand."), field="file") from exc
    lines = []
    for statement in parsed.statements:
        for move in statement.moves:
            if move.communication_type == "101":
                reference = normalise_reference(move.communication or "") or ""
                communication = move.communication or ""
            else:
                communication = (move.communication or "").strip()
                reference = find_reference(communication)
            lines.append(
                ParsedLine(
                    unique_key=f"coda:{statement.account}:{statement.new_balance_date:%Y}:{statement.new_sequence}:"
                    f"{move.sequence}:{move.bank_reference.strip()}",
                    booking_date=move.entry_date or move.value_date,
                    amount=move.amount,
                    counterparty_name=move.counterparty_name or "",
                    counterparty_account=(move.counterparty_account or "").strip(),
                    communication=communication[:300],
                    structured_reference=reference,
                    account=_as_iban(statement.account),
                )
            )
    return lines


CSV_COLUMNS = {
    "date": ("boekingsdatum", "datum", "uitvoeringsdatum", "date", "date d'exécution", "valutadatum"),
    "amount": ("bedrag", "amount", "montant"),
    "name": (
        "naam tegenpartij",
        "tegenpartij",
        "naam",
        "counterparty",
        "contrepartie",
        "nom de la contrepartie",
    ),
    "account": (
        "rekening tegenpartij",
        "tegenrekening",
        "iban tegenpartij",
        "counterparty account",
        "compte contrepartie",
    ),
    "structured": ("gestructureerde mededeling", "structured communication", "communication structurée"),
    "communication": ("mededeling", "vrije mededeling", "omschrijving", "communication", "details"),
    "reference": (
        "referentie",
        "volgnummer",
        "transactienummer",
        "reference",
        "référence",
    ),
    "own_account": ("rekeningnummer", "rekening", "account", "compte"),
}


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _csv_amount(value: str) -> Decimal:
    cleaned = value.strip().replace("€", "").replace(" ", "").replace("\xa0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return Decimal(cleaned)


def _csv_date(value: str) -> datetime.date:
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def parse_csv(content: bytes) -> list[ParsedLine]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("windows-1252")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    if not rows:
        raise PaymentError(_("Het CSV-bestand is leeg."), field="file")
    header, body = rows[0], rows[1:]
    cols = {key: _column(header, names) for key, names in CSV_COLUMNS.items()}
    if cols["date"] is None or cols["amount"] is None:
        raise PaymentError(_("Het CSV-bestand heeft geen kolommen 'Datum' en 'Bedrag'."), field="file")

    def cell(row: list[str], key: str) -> str:
        index = cols[key]
        return row[index].strip() if index is not None and index < len(row) else ""

    lines = []
    seen: Counter[str] = Counter()
    for number, row in enumerate(body, start=2):
        if not any(c.strip() for c in row):
            continue
        try:
            booking_date = _csv_date(cell(row, "date"))
            amount = _csv_amount(cell(row, "amount"))
        except (ValueError, InvalidOperation):
            raise PaymentError(
                _("Regel %(line)s: ongeldige datum of ongeldig bedrag.") % {"line": number}, field="file"
            ) from None
        communication = " ".join(filter(None, (cell(row, "structured"), cell(row, "communication"))))
        bank_ref = cell(row, "reference")
        if bank_ref:
            key = f"csv:{cell(row, 'own_account')}:{bank_ref}"
        else:
            content_key = "|".join(
                (booking_date.isoformat(), str(amount), cell(row, "account"), communication)
            )
            seen[content_key] += 1  # two identical transfers on one day stay two lines
            digest = hashlib.sha256(f"{content_key}|{seen[content_key]}".encode()).hexdigest()[:40]
            key = f"csv:{digest}"
        lines.append(
            ParsedLine(
                unique_key=key,
                booking_date=booking_date,
                amount=amount,
                counterparty_name=cell(row, "name")[:200],
                counterparty_account=cell(row, "account").replace(" ", "")[:50],
                communication=communication[:300],
                structured_reference=find_reference(communication),
                account=_as_iban(cell(row, "own_account")),
            )
        )
    return lines


def _as_iban(account: str) -> str:
    """A Belgian 12-digit account number (old CODA) becomes its IBAN; anything else is compacted."""
    compact = stdnum_iban.compact(account or "")
    if compact.isdigit() and len(compact) == 12:
        compact = f"BE{stdnum_iban.calc_check_digits('BE00' + compact)}{compact}"
    return compact


def municipality_for_statement(*, accounts: set[str], imported_by):
    """The municipality a statement belongs to: the one whose IBAN the statement is for, else the staff
    member's only municipality. Refused (a message for the file field) when the IBAN belongs to no
    municipality or to one the staff member is not assigned to."""
    from accounts.municipality_models import Municipality
    from accounts.scoping import municipalities_for_staff

    allowed = municipalities_for_staff(imported_by) if imported_by is not None else Municipality.objects.all()
    accounts = {a for a in accounts if a}
    if len(accounts) > 1:
        raise PaymentError(
            _("Dit bestand bevat uittreksels van meer dan één rekening; lees ze apart in."), field="file"
        )
    if accounts:
        (account,) = accounts
        municipality = Municipality.objects.with_iban(account).first()
        if municipality is None:
            raise PaymentError(
                _("Rekening %(iban)s hoort bij geen enkele gemeente.")
                % {"iban": stdnum_iban.format(account)},
                field="file",
            )
        if not allowed.filter(pk=municipality.pk).exists():
            raise PaymentError(
                _(
                    "Rekening %(iban)s is van %(municipality)s; "
                    "u mag enkel uittreksels van uw eigen gemeente inlezen."
                )
                % {"iban": stdnum_iban.format(account), "municipality": municipality.name},
                field="file",
            )
        return municipality
    candidates = list(allowed[:2])
    if len(candidates) != 1:
        raise PaymentError(
            _("Het bestand vermeldt geen eigen rekening; we weten niet voor welke gemeente het is."),
            field="file",
        )
    return candidates[0]


def detect_format(file_name: str, content: bytes) -> str:
    first = content[:1]
    if file_name.lower().endswith((".cod", ".coda")) or (
        first == b"0" and len(content.split(b"\n")[0].rstrip()) == 128
    ):
        return StatementImport.Format.CODA
    return StatementImport.Format.CSV


@transaction.atomic
def import_statement(*, file_name: str, content: bytes, imported_by=None) -> StatementImport:
    """Parse, store new lines, and book incoming transfers on the orders they reference.

    Only orders of the statement's municipality are matched: money on Dorpsveld's account never pays
    a Heuvelrode order."""
    file_format = detect_format(file_name, content)
    parsed = parse_coda(content) if file_format == StatementImport.Format.CODA else parse_csv(content)
    municipality = municipality_for_statement(accounts={p.account for p in parsed}, imported_by=imported_by)
    statement = StatementImport.objects.create(
        file_name=file_name[:255],
        format=file_format,
        municipality=municipality,
        account_iban=municipality.iban,
        imported_by=imported_by,
        lines_total=len(parsed),
    )
    known = set(
        StatementLine.objects.filter(unique_key__in=[p.unique_key for p in parsed]).values_list(
            "unique_key", flat=True
        )
    )
    for item in parsed:
        if item.unique_key in known:
            continue
        known.add(item.unique_key)
        statement.lines_new += 1
        line = _book_line(statement, item)
        statement.lines_matched += line.match_status == MatchStatus.MATCHED
        statement.lines_flagged += line.needs_attention
    statement.save(update_fields=["lines_new", "lines_matched", "lines_flagged"])
    return statement


def _book_line(statement: StatementImport, item: ParsedLine) -> StatementLine:
    line = StatementLine(
        statement=statement,
        unique_key=item.unique_key,
        booking_date=item.booking_date,
        amount=item.amount,
        counterparty_name=item.counterparty_name,
        counterparty_account=item.counterparty_account,
        communication=item.communication,
        structured_reference=item.structured_reference,
    )
    if item.amount <= 0:
        line.match_status = MatchStatus.IGNORED
        line.save()
        return line
    order = (
        Order.objects.filter(
            structured_reference=item.structured_reference, municipality_id=statement.municipality_id
        ).first()
        if (item.structured_reference)
        else None
    )
    if order is None:
        line.match_status = MatchStatus.UNMATCHED
        line.needs_attention = True
        line.save()
        return line
    due = order.balance_due()
    was_unpaid = order.is_unpaid
    was_closed = order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED)
    payment = services.record_payment(
        order_id=order.pk,
        provider="bank_transfer",
        amount=item.amount,
        method=Payment.Method.TRANSFER,
        reference=item.unique_key,
        received_at=_noon(item.booking_date),
        note=f"{item.counterparty_name} {item.counterparty_account}".strip(),
        refund_iban=item.counterparty_account,
    )
    line.order = order
    line.payment = payment
    if was_closed:
        line.match_status = MatchStatus.LATE
    elif was_unpaid and item.amount == due:
        line.match_status = MatchStatus.MATCHED
    elif was_unpaid and item.amount < due:
        line.match_status = MatchStatus.PARTIAL
    else:
        line.match_status = MatchStatus.OVERPAID
    line.needs_attention = line.match_status != MatchStatus.MATCHED
    line.save()
    return line


def _noon(day: datetime.date) -> datetime.datetime:
    return localtime.make_local(day, datetime.time(12))
