"""Appending rows to tables fast, with explicit ids: COPY on PostgreSQL, executemany
elsewhere; the id sequences are moved past the new ids at the end."""

from datetime import datetime
from datetime import time as clock

from django.db import connection

BATCH = 20_000


def _sqlite(value):
    """Values as Django's SQLite backend stores them (naive UTC datetimes, text times)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, clock):
        return value.isoformat()
    return value


class Writer:
    """Appends rows to tables fast: COPY on PostgreSQL, executemany elsewhere.

    Table and column names come from the models' Meta, never from input."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.touched: set = set()

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            return cursor.fetchone()[0] + 1

    def write(self, model, fields: list[str], rows) -> int:
        table = model._meta.db_table
        columns = [model._meta.get_field(name).column for name in fields]
        self.touched.add(table)
        written = 0
        with connection.cursor() as cursor:
            if self.postgres:
                sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                        written += 1
                return written
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                f"VALUES ({', '.join(['%s'] * len(columns))})"
            )
            batch = []
            for row in rows:
                batch.append([_sqlite(value) for value in row])
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    written += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                written += len(batch)
        return written

    def reset_sequences(self):
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            for table in sorted(self.touched):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
            for table in sorted(self.touched):
                cursor.execute(f"ANALYZE {table}")
