"""The few SQL expressions SQLite and PostgreSQL write differently, for the counts'
statement (statement.py): a UTC day's number, a string field of an event's JSON, a fence
that keeps computed columns where the rows are read, an entity's value, and small codes
for a list of values.

On PostgreSQL, the bot and slot fields are cut out of Rasa's JSON text (json.dumps:
`"topic": "asylum_us"`, metadata first) by a string search, several times faster than
parsing each event; a row where the search finds nothing is parsed as JSON instead, so
nothing is lost.
"""

from __future__ import annotations

from typing import Dict, Sequence, Tuple

DAY = 86400


class Dialect:
    def __init__(self, name: str) -> None:
        self.postgres = name == "postgresql"

    def day(self, column: str) -> str:
        if self.postgres:
            return f"CAST(FLOOR({column} / {DAY}.0) AS BIGINT)"
        return f"CAST({column} / {DAY} AS INTEGER)"  # timestamps are positive

    def field(self, marker: str, path: Sequence[str]) -> str:
        """A string field of e.data: bind parameter `marker` holds `"key": "`. On
        PostgreSQL the text between the marker's first place and the next quote
        (split_part works on bytes: faster than strpos/substr, which count characters)."""
        if self.postgres:
            quick = f"NULLIF(split_part(split_part(e.data, :{marker}, 2), :quote, 1), '')"
            return f"COALESCE({quick}, e.data::json #>> '{{{','.join(path)}}}')"
        return f"json_extract(e.data, '$.{'.'.join(path)}')"

    def fence(self) -> Tuple[str, str]:
        """(CTE keyword, clause) that make the database compute a subquery's columns where
        it reads the rows (in PostgreSQL's parallel workers), not after the join that
        follows: OFFSET 0 on PostgreSQL (no copy), a materialized CTE on SQLite."""
        return ("", "OFFSET 0") if self.postgres else ("MATERIALIZED", "")

    def entity(self, param: str) -> str:
        """The value of the entity named by bind parameter `param` in a user event."""
        if self.postgres:
            # A function, not a subquery: subqueries would keep the scan from running
            # in parallel.
            return (
                "(jsonb_path_query_first(e.data::jsonb, '$.parse_data.entities[*] ? "
                "(@.entity == $name).value', jsonb_build_object('name', CAST(:"
                + param
                + " AS TEXT))) #>> '{}')"
            )
        return (
            "(SELECT json_extract(x.value, '$.value') FROM json_each(e.data, "
            "'$.parse_data.entities') AS x WHERE json_extract(x.value, '$.entity') = :" + param + " LIMIT 1)"
        )


def codes(prefix: str, values: Sequence[str]) -> Tuple[str, Dict[str, object]]:
    """A CASE giving 1..n for the values (0 otherwise), and its bind parameters."""
    params: Dict[str, object] = {f"{prefix}{index}": value for index, value in enumerate(values)}
    cases = " ".join(f"WHEN :{prefix}{index} THEN {index + 1}" for index in range(len(values)))
    return f"CASE {{column}} {cases} ELSE 0 END" if values else "0", params
