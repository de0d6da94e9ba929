"""The thread harness of the cross-module race tests.

`race(rounds, *actions)` runs one thread per action; in every round all threads meet at a barrier and
call their action with the round number. Rounds alternate who starts a few milliseconds late, so both
orders and true simultaneity all occur. Every thread closes its database connection at the end.
"""

import threading
import time
from collections.abc import Callable

from django.db import OperationalError, connection

STAGGER_SECONDS = 0.02


def race(rounds: int, *actions: Callable[[int], object], stagger: float = STAGGER_SECONDS) -> list[list]:
    """[[outcome of action 0, outcome of action 1, …] per round]; an outcome is a return value or the
    exception the action raised."""
    barrier = threading.Barrier(len(actions), timeout=60)
    outcomes: list[list] = [[None] * len(actions) for _ in range(rounds)]

    def worker(k: int) -> None:
        try:
            for number in range(rounds):
                barrier.wait()
                if stagger and number % 3 == 1 + (k % 2):
                    time.sleep(stagger)
                try:
                    outcomes[number][k] = actions[k](number)
                except Exception as exc:  # noqa: BLE001 - the test classifies every outcome
                    outcomes[number][k] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def is_deadlock(outcome: object) -> bool:
    return isinstance(outcome, OperationalError) and "deadlock detected" in str(outcome)


def flatten(outcomes: list[list]) -> list:
    return [outcome for row in outcomes for outcome in row]


def unexpected(outcomes: list[list], *allowed: type[BaseException]) -> list[BaseException]:
    """Exceptions that are not one of the documented domain errors (deadlocks included)."""
    return [o for o in flatten(outcomes) if isinstance(o, BaseException) and not isinstance(o, allowed)]
