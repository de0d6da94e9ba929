"""Thin Celery tasks: load by primary key, call a service."""

from celery import shared_task


@shared_task(name="payments.tasks.expire_unpaid_orders")
def expire_unpaid_orders() -> int:
    from payments import services

    return services.expire_unpaid_orders()


@shared_task(name="payments.tasks.send_payment_reminders")
def send_payment_reminders() -> int:
    from payments import services

    return services.send_payment_reminders()


@shared_task(name="payments.tasks.execute_refund")
def execute_refund(refund_id: int) -> None:
    from payments import services

    services.execute_refund(refund_id=refund_id)


@shared_task(name="payments.tasks.send_invoice")
def send_invoice(invoice_id: int) -> None:
    from payments import notifications

    notifications.send_invoice(invoice_id=invoice_id)


@shared_task(name="payments.tasks.send_payment_instructions")
def send_payment_instructions(order_id: int) -> None:
    from payments import notifications

    notifications.send_payment_instructions(order_id=order_id)


@shared_task(name="payments.tasks.apply_pending_payments")
def apply_pending_payments() -> int:
    from payments import services

    return services.apply_pending_payments()


@shared_task(name="payments.tasks.send_payment_not_confirmed")
def send_payment_not_confirmed(order_id: int) -> None:
    from payments import notifications

    notifications.send_payment_not_confirmed(order_id=order_id)


@shared_task(name="payments.tasks.send_order_confirmation")
def send_order_confirmation(order_id: int) -> None:
    from payments import notifications

    notifications.send_order_confirmation(order_id=order_id)


@shared_task(name="payments.tasks.expire_baskets")
def expire_baskets() -> int:
    from payments import services

    return services.expire_baskets()
