# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many rows into one table at once (plain Python, no ORM).

A recall stores thousands of result lines and customers and hundreds of
balance lines: one ORM ``create`` each costs seconds to minutes (a customer
is a mail thread: a creation message and a follower each); one ``COPY``
costs milliseconds (a multi-row INSERT of bound parameters cost more in
building and parsing its thousands of parameters than in inserting)."""

import csv
import io


def insert_rows(cr, table, columns, rows):
    """INSERT ROWS (tuples in the order of COLUMNS) into TABLE with one
    ``COPY ... FROM STDIN`` (CSV): no statement of thousands of bound
    parameters to build and parse.  An empty string is stored as NULL (the
    ORM stores False so; ``column_value`` never gives '').  TABLE and COLUMNS
    are the caller's constants, never input."""
    if not rows:
        return
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator='\n').writerows(rows)
    buffer.seek(0)
    # quoted: a column may be named like an SQL keyword (``references``)
    names = ', '.join('"%s"' % column for column in columns)
    cr.copy_expert('COPY "%s" (%s) FROM STDIN WITH (FORMAT csv, FORCE_NULL (%s))'
                   % (table, names, names), buffer)


def column_value(value, field_type):
    """VALUE as the ORM stores a field of FIELD_TYPE (False is NULL, 0 or
    false by type)."""
    if field_type == 'integer':
        return int(value or 0)
    if field_type in ('float', 'monetary'):
        return float(value or 0.0)
    if field_type == 'boolean':
        return bool(value)
    return value or None


def store_records(cr, table, fixed, fields, values, uid, now):
    """One row of TABLE per dict of VALUES: the FIXED columns (a dict, the
    same for every row), then FIELDS ((name, field type) pairs) read from each
    dict and stored as the ORM would, then create/write user and date."""
    names = [name for name, _type in fields]
    columns = tuple(fixed) + tuple(names) + ('create_uid', 'create_date', 'write_uid',
                                             'write_date')
    head = tuple(fixed.values())
    tail = (uid, now, uid, now)
    insert_rows(cr, table, columns, [
        head + tuple(column_value(vals.get(name), field_type) for name, field_type in fields)
        + tail for vals in values])
