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
            )
        )
    return lines


def detect_format(file_name: str, content: bytes) -> str:
    first = content[:1]
    if file_name.lower().endswith((".cod", ".coda")) or (
        first == b"0" and len(content.split(b"\n")[0].rstrip()) == 128
    ):
        return StatementImport.Format.CODA
    return StatementImport.Format.CSV


@transaction.atomic
def import_statement(*, file_name: str, content: bytes, imported_by=None) -> StatementImport:
    """Parse, store new lines, and book incoming transfers on the orders they reference."""
    file_format = detect_format(file_name, content)
    parsed = parse_coda(content) if file_format == StatementImport.Format.CODA else parse_csv(content)
    statement = StatementImport.objects.create(
        file_name=file_name[:255], format=file_format, imported_by=imported_by, lines_total=len(parsed)
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
        Order.objects.filter(structured_reference=item.structured_reference).first()
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
