"""The thread harness of the cross-module race tests.

`race(rounds, *actions)` runs one thread per action; in every round all threads meet at a barrier and
call their action with the round number. With ``vary`` (the default) the rounds cycle through five
kinds, so both orders and true simultaneity occur whatever the machine's load: at once, the first
thread a few milliseconds late, the second a few milliseconds late, the first strictly after the
others, and the others strictly after the first. Every thread closes its database connection.
"""

import threading
import time
from collections.abc import Callable

from django.db import OperationalError, connection

STAGGER_SECONDS = 0.02
KINDS = 5


def race(rounds: int, *actions: Callable[[int], object], vary: bool = True) -> list[list]:
    """[[outcome of action 0, outcome of action 1, …] per round]; an outcome is a return value or the
    exception the action raised."""
    barrier = threading.Barrier(len(actions), timeout=120)
    outcomes: list[list] = [[None] * len(actions) for _ in range(rounds)]
    first_done = [threading.Event() for _ in range(rounds)]
    others_done = [threading.Semaphore(0) for _ in range(rounds)]

    def wait_for_turn(k: int, number: int) -> None:
        kind = number % KINDS if vary else 0
        if kind in (1, 2) and (k == 0) == (kind == 1):
            time.sleep(STAGGER_SECONDS)
        elif kind == 3 and k == 0:
            for _ in actions[1:]:
                others_done[number].acquire(timeout=120)
        elif kind == 4 and k > 0:
            first_done[number].wait(timeout=120)

    def worker(k: int) -> None:
        try:
            for number in range(rounds):
                barrier.wait()
                wait_for_turn(k, number)
                try:
                    outcomes[number][k] = actions[k](number)
                except Exception as exc:  # noqa: BLE001 - the test classifies every outcome
                    outcomes[number][k] = exc
                finally:
                    (first_done[number].set if k == 0 else others_done[number].release)()
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
