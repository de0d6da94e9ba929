"""PostgreSQL-only database objects, kept in one place so the migration and the tests share them.

The exclusion constraint is the second line of defence behind the locking service: even a write that
bypasses calendars.services cannot put two held/confirmed allocations of a capacity-1 resource on the
same instant. SQLite has neither btree_gist nor exclusion constraints, so the migration operations
below only touch the database when it is PostgreSQL (SQLite serialises writers instead).
"""

import time
from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import connection, models
from django.db.migrations.operations.base import Operation

EXCLUSION_CONSTRAINT_NAME = "cal_alloc_exclusive_no_overlap"
SPAN_INDEX_SQL = (
    "CREATE INDEX cal_alloc_span_gist ON calendars_allocation "
    "USING gist (resource_id, tstzrange(blocked_start, blocked_end, '[)'))"
)


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def allocation_exclusion_constraint() -> ExclusionConstraint:
    return ExclusionConstraint(
        name=EXCLUSION_CONSTRAINT_NAME,
        expressions=[
            ("resource", RangeOperators.EQUAL),
            (TsTzRange("blocked_start", "blocked_end", RangeBoundary()), RangeOperators.OVERLAPS),
        ],
        condition=models.Q(exclusive=True, state__in=["held", "confirmed"]),
    )


class PostgresOnly(Operation):
    """Run a database operation on PostgreSQL only; the migration state is left alone on purpose."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, operation: Operation):
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"On PostgreSQL only: {self.operation.describe()}"


class AddConstraintSQL(Operation):
    """Add a constraint to the database without adding it to the model state (it is PostgreSQL-only)."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, constraint):
        self.model_name = model_name
        self.constraint = constraint

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.model_name, self.constraint], {})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        schema_editor.add_constraint(model, self.constraint)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        schema_editor.remove_constraint(model, self.constraint)

    def describe(self):
        return f"Add constraint {self.constraint.name} to {self.model_name}"


def run_prepared(sql: str, params: Sequence[Any]) -> list[tuple]:
    """Run a hot statement of the allocation path as a prepared statement and return its rows.

    Django's cursors bind parameters on the client, so PostgreSQL parses and plans every statement
    again; for the rules read and the guarded insert that planning cost more than running them (and
    the insert runs under the row lock). A server-side-binding psycopg cursor on Django's own
    connection (same transaction) lets PostgreSQL plan each statement once per connection. Every
    parameter needs an explicit cast in `sql`. Errors become Django's, and the statement shows up in
    connection.queries like any other."""
    import psycopg

    connection.validate_no_broken_transaction()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:  # Django's client-side cursors never prepare, whatever this says
        raw.prepare_threshold = 5
    began = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        cursor.execute(sql, params, prepare=True)
        rows = cursor.fetchall() if cursor.description else []
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - began:.3f}"})
    return rows
