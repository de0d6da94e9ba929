"""Material loans' callbacks from the payments engine (handler key "loans.loan").

Every order line of a loan points at the Loan itself (generic target), so the loan is found even while
create_order is still running (a zero total is paid before create_order returns).
"""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType

from payments.registry import BaseOrderLineHandler, register_handler


def _loan_ids(lines: Sequence) -> list[int]:
    from reservations.loans.models import Loan

    loan_type = ContentType.objects.get_for_model(Loan)
    return sorted({line.target_object_id for line in lines if line.target_content_type_id == loan_type.pk})


class LoanPaymentHandler(BaseOrderLineHandler):
    def on_paid(self, *, order, lines) -> None:
        from reservations.loans import services as loans

        for loan_id in _loan_ids(lines):
            loans.confirm_paid_loan(loan_id=loan_id)

    def on_expired(self, *, order, lines) -> None:
        from reservations.loans import services as loans
        from reservations.loans.models import LoanState

        for loan_id in _loan_ids(lines):
            loans.end_unpaid_loan(loan_id=loan_id, state=LoanState.EXPIRED)

    def on_cancelled(self, *, order, lines) -> None:
        from reservations.loans import services as loans
        from reservations.loans.models import LoanState

        for loan_id in _loan_ids(lines):
            loans.end_unpaid_loan(loan_id=loan_id, state=LoanState.CANCELLED)

    def on_ordered(self, *, order, lines) -> None:
        """Checkout made the order: the loan now waits for that order's payment."""
        from reservations.loans.models import Loan

        Loan.objects.filter(pk__in=_loan_ids(lines), order__isnull=True).update(order=order)

    def on_basket_released(self, *, lines, expired: bool) -> None:
        from reservations.loans import services as loans
        from reservations.loans.models import LoanState

        for loan_id in _loan_ids(lines):
            state = LoanState.EXPIRED if expired else LoanState.CANCELLED
            loans.end_unpaid_loan(loan_id=loan_id, state=state)

    def recheck(self, *, lines) -> None:
        from django.utils.translation import gettext as _

        from payments.errors import PaymentError
        from reservations.loans.models import Loan, LoanState

        for loan in Loan.objects.filter(pk__in=_loan_ids(lines)):
            if loan.state != LoanState.AWAITING_PAYMENT:
                raise PaymentError(
                    _("Ontlening %(number)s kan niet meer afgerekend worden. Verwijder ze uit je mandje.")
                    % {"number": loan.number},
                    code="line_unavailable",
                )

    def on_hold_extended(self, *, order, lines, until) -> None:
        """A bank transfer keeps the order open until its due date: keep the stock held that long."""
        from reservations.loans import services as loans

        for loan_id in _loan_ids(lines):
            loans.extend_loan_hold(loan_id=loan_id, until=until)

    def on_refunded(self, *, order, lines, refund) -> None:
        from reservations.loans import services as loans

        for loan_id in _loan_ids(lines):
            loans.cancel_refunded_loan(loan_id=loan_id)

    def lock_targets(self, *, lines):
        """The stock of the loans' items and the loan rows, locked before the order (docs/locking.md)."""
        from payments.registry import LockTargets
        from reservations.loans.models import Loan
        from reservations.loans.services.handling import loan_resource_ids

        ids = _loan_ids(lines)
        return LockTargets(
            resource_ids=frozenset(loan_resource_ids(ids)), rows=frozenset((Loan, pk) for pk in ids)
        )

    def can_confirm_late(self, line) -> bool:
        from reservations.loans import services as loans
        from reservations.loans.models import Loan

        loan = Loan.objects.filter(pk__in=_loan_ids([line])).first()
        return loan is not None and loans.can_still_lend(loan=loan)


def register() -> None:
    """Called once from ReservationsConfig.ready()."""
    register_handler("loans.loan", LoanPaymentHandler())
