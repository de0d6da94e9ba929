"""Read captured SQL for the rule "the invoice counter is the last lock of a transaction"."""

import re

COUNTER = "payments_numbersequence"
_UPDATE = re.compile(r'^\s*UPDATE\s+"?(\w+)"?', re.I)
_FROM = re.compile(r'\bFROM\s+"?(\w+)"?', re.I)


def _locked_table(sql: str) -> str | None:
    """The table whose rows ``sql`` locks (UPDATE, DELETE or SELECT ... FOR UPDATE), else None."""
    update = _UPDATE.match(sql)
    if update:
        return update.group(1)
    if re.match(r"^\s*DELETE\b", sql, re.I) or re.search(r"\bFOR\s+(NO\s+KEY\s+)?UPDATE\b", sql, re.I):
        found = _FROM.search(sql)
        return found.group(1) if found else "?"
    return None


def locks_after_counter(queries: list[dict]) -> list[str]:
    """Statements after the first counter update that lock rows of a table not locked before it."""
    statements = [q["sql"] for q in queries]
    taken = [i for i, sql in enumerate(statements) if _locked_table(sql) == COUNTER]
    if not taken:
        raise AssertionError("no invoice number was taken")
    first = taken[0]
    before = {_locked_table(sql) for sql in statements[:first]} - {None}
    return [
        sql
        for sql in statements[first + 1 :]
        if (table := _locked_table(sql)) is not None and table != COUNTER and table not in before
    ]
