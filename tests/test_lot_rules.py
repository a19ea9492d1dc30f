# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pure date rules behind reservation (no database)."""
from datetime import datetime, timedelta

from odoo.addons.lot_traceability.tools import lot_rules

NOW = datetime(2026, 11, 26, 12, 0, 0)


def test_expired_when_end_of_life_reached_even_earlier_today():
    assert lot_rules.block_reason(datetime(2026, 11, 26, 8, 0), False, NOW) == lot_rules.EXPIRED
    assert lot_rules.block_reason(NOW, False, NOW) == lot_rules.EXPIRED


def test_not_expired_later_today_or_without_date():
    assert lot_rules.block_reason(datetime(2026, 11, 26, 18, 0), False, NOW) is None
    assert lot_rules.block_reason(None, False, NOW) is None


def test_quarantine_wins_over_expiry():
    assert lot_rules.block_reason(datetime(2020, 1, 1), True, NOW) == lot_rules.QUARANTINED


def test_shelf_life_cutoff():
    cutoff = lot_rules.shelf_life_cutoff(NOW, 30)
    assert cutoff == NOW + timedelta(days=30)
    assert (lot_rules.block_reason(NOW + timedelta(days=10), False, NOW, cutoff)
            == lot_rules.SHELF_LIFE)
    assert lot_rules.block_reason(NOW + timedelta(days=31), False, NOW, cutoff) is None
    assert lot_rules.shelf_life_cutoff(NOW, 0) is None


def test_fefo_date_prefers_removal_then_life_then_use():
    a, b, c = datetime(2027, 1, 1), datetime(2027, 2, 1), datetime(2027, 3, 1)
    assert lot_rules.fefo_date(a, b, c) == a
    assert lot_rules.fefo_date(None, b, c) == b
    assert lot_rules.fefo_date(None, None, c) == c
    assert lot_rules.fefo_date(None, None, None) is None


def test_breaks_fefo():
    early, late = datetime(2027, 1, 1), datetime(2027, 6, 1)
    assert lot_rules.breaks_fefo(late, [early])
    assert not lot_rules.breaks_fefo(early, [late, None])
    assert lot_rules.breaks_fefo(None, [late])
    assert not lot_rules.breaks_fefo(None, [None])


def test_expired_at_the_second_it_is_reached():
    assert lot_rules.is_expired(NOW, NOW)
    assert lot_rules.is_expired(NOW - timedelta(seconds=1), NOW)
    assert not lot_rules.is_expired(NOW + timedelta(seconds=1), NOW)
    assert not lot_rules.is_expired(None, NOW)


def test_sql_condition_says_what_block_reason_says():
    condition, params = lot_rules.blocked_lots_sql(NOW)
    assert condition == ('(lot.quarantined OR lot.life_date <= %s '
                         'OR lot.release_state <> %s)')
    assert params == [NOW, lot_rules.RELEASED]
    cutoff = NOW + timedelta(days=5)
    condition, params = lot_rules.blocked_lots_sql(NOW, cutoff, alias='l')
    assert condition == ('(l.quarantined OR l.life_date <= %s OR l.release_state <> %s '
                         'OR l.life_date < %s)')
    assert params == [NOW, lot_rules.RELEASED, cutoff]
    # moves that stay between internal locations do not ask for the release
    condition, params = lot_rules.blocked_lots_sql(NOW, release_needed=False)
    assert condition == '(lot.quarantined OR lot.life_date <= %s)' and params == [NOW]


def test_label_date_ends_at_the_last_second_of_the_day_utc():
    end = lot_rules.label_expiry_datetime(NOW.date())
    assert end == datetime(2026, 11, 26, 23, 59, 59)
    assert not lot_rules.is_expired(end, NOW)
    assert lot_rules.is_expired(end, datetime(2026, 11, 27, 0, 0, 0))


def test_huge_shelf_life_is_refused_not_overflowing():
    import pytest
    with pytest.raises(ValueError):
        lot_rules.shelf_life_cutoff(NOW, 10 ** 9)
    assert lot_rules.shelf_life_cutoff(NOW, lot_rules.MAX_SHELF_LIFE_DAYS)
