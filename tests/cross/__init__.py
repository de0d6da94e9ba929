"""Cross-module races (DESIGN.md "The one lock order", docs/locking.md), on PostgreSQL with real threads.

Each race file runs 50 interleavings of two (or three) services that touch the same calendar resource,
feature row and order, and asserts 0 deadlocks, only documented domain errors, and exact end states:

- test_cancel_vs_pay.py: cancel_booking / cancel_loan against record_payment of the same order.
- test_request_vs_approval.py: auto-approved loan requests against approve_loan on the same item, and
  request_booking against approve_booking on the same room; stock never over capacity.
- test_pay_vs_expiry.py: record_payment against payments.services.expire_order of an order past its expiry.
- test_controls.py: the same races with the guard switched off, forced by a barrier so the failure
  happens every run (proof the race tests above can fail): payments locking only the order deadlocks
  cancel and expiry against pay, and without "payment first" the deadlocked payment is lost; without
  the resource lock two requests overbook; a release that updates its rows twice makes cancel_booking's
  commit wait (foreign-key check) for the payment holding the room: a deadlock, which this package found.
- test_lock_order_check.py: calendars.locking refuses a lock out of the global order (SQLite is enough).
- test_late_money.py: money arriving for capacity that is gone (expired order, room or stock taken, a
  handler that raises): the payment is kept, the order flagged, a refund made or proposed, a mail sent.

racing.py holds the thread harness (a barrier per round, connection.close() in every thread).
"""
