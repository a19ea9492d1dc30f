# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""tools/bulk_sql.py on a bare psycopg2 cursor: rows written by one COPY come
back exactly as they went in (quotes, commas, new lines, keywords as column
names), False and empty text as NULL, numbers and booleans as the ORM
stores them; rolled back afterwards."""
import pytest

from odoo.addons.lot_traceability.tools import bulk_sql

from harness import pg, settings


@pytest.fixture
def cr():
    conn = pg.connect(settings.TEST_DB)
    conn.autocommit = False
    cursor = conn.cursor()
    cursor.execute("""CREATE TEMP TABLE bulk_probe (
        id serial PRIMARY KEY, parent_id integer, name varchar, "references" text,
        qty numeric, level integer, done boolean, date timestamp,
        create_uid integer, create_date timestamp, write_uid integer, write_date timestamp)""")
    try:
        yield cursor
    finally:
        conn.rollback()
        conn.close()


FIELDS = [('name', 'char'), ('references', 'text'), ('qty', 'float'), ('level', 'integer'),
          ('done', 'boolean'), ('date', 'datetime')]


def stored(cr):
    cr.execute('SELECT parent_id, name, "references", qty, level, done, date::text, '
               'create_uid, create_date::text FROM bulk_probe ORDER BY id')
    return cr.fetchall()


def test_rows_come_back_as_written(cr):
    values = [
        {'name': 'Deli "Corner", Main St.', 'references': 'WH/OUT/1, WH/RET/2\nline two',
         'qty': 2.5, 'level': 3, 'done': True, 'date': '2026-01-02 03:04:05'},
        {'name': "O'Brien \\ back\tslash", 'references': '', 'qty': 0.125, 'level': False,
         'done': False, 'date': False},
        {'name': False, 'qty': None},   # missing keys: NULL text, zero numbers, false
    ]
    bulk_sql.store_records(cr, 'bulk_probe', {'parent_id': 7}, FIELDS, values, 2,
                           '2026-12-03 10:00:00')
    rows = stored(cr)
    assert [(r[0], r[1], r[2], float(r[3]), r[4], r[5], r[6]) for r in rows] == [
        (7, 'Deli "Corner", Main St.', 'WH/OUT/1, WH/RET/2\nline two', 2.5, 3, True,
         '2026-01-02 03:04:05'),
        (7, "O'Brien \\ back\tslash", None, 0.125, 0, False, None),
        (7, None, None, 0.0, 0, False, None),
    ]
    assert {(r[7], r[8]) for r in rows} == {(2, '2026-12-03 10:00:00')}


def test_nothing_to_write_writes_nothing(cr):
    bulk_sql.store_records(cr, 'bulk_probe', {'parent_id': 7}, FIELDS, [], 2, None)
    assert stored(cr) == []


def test_column_values_as_the_orm_stores_them():
    assert bulk_sql.column_value(False, 'integer') == 0
    assert bulk_sql.column_value(False, 'float') == 0.0
    assert bulk_sql.column_value(None, 'boolean') is False
    assert bulk_sql.column_value('', 'char') is None
    assert bulk_sql.column_value(False, 'many2one') is None
    assert bulk_sql.column_value(12, 'many2one') == 12
    assert bulk_sql.column_value('x', 'selection') == 'x'
