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
    blocking = [lot_rules.PENDING, lot_rules.REJECTED]
    condition, params = lot_rules.blocked_lots_sql(NOW)
    assert condition == ('(lot.quarantined = %s OR lot.release_state = ANY(%s) '
                         'OR lot.life_date <= %s)')
    assert params == [True, blocking, NOW]
    cutoff = NOW + timedelta(days=5)
    condition, params = lot_rules.blocked_lots_sql(NOW, cutoff, alias='l')
    assert condition == ('(l.quarantined = %s OR l.release_state = ANY(%s) '
                         'OR l.life_date <= %s OR l.life_date < %s)')
    assert params == [True, blocking, NOW, cutoff]
    # moves that stay between internal locations do not ask for the release
    condition, params = lot_rules.blocked_lots_sql(NOW, release_needed=False)
    assert condition == '(lot.quarantined = %s OR lot.life_date <= %s)'
    assert params == [True, NOW]


def test_domains_say_what_block_reason_says():
    blocked = lot_rules.blocked_lots_domain(NOW, release_needed=False)
    assert blocked == ['|', ('quarantined', '=', True),
                       ('life_date', '<=', '2026-11-26 12:00:00')]
    assert lot_rules.usable_lots_domain(NOW, release_needed=False) == [
        ('quarantined', '=', False),
        '|', ('life_date', '=', False), ('life_date', '>', '2026-11-26 12:00:00')]
    # the "Expired" search: the date condition only
    assert lot_rules.blocked_lots_domain(NOW, reasons=(lot_rules.EXPIRED,)) == [
        ('life_date', '<=', '2026-11-26 12:00:00')]
    assert lot_rules.blocked_lots_domain(NOW, reasons=(lot_rules.PENDING,)) == [
        ('release_state', 'in', [lot_rules.PENDING])]


def test_every_reason_that_holds_in_precedence_order():
    reasons = lot_rules.block_reasons(NOW, True, NOW, NOW + timedelta(days=1),
                                      lot_rules.REJECTED)
    assert reasons == [lot_rules.QUARANTINED, lot_rules.REJECTED, lot_rules.EXPIRED,
                       lot_rules.SHELF_LIFE]
    assert lot_rules.block_reason(NOW, True, NOW, None, lot_rules.REJECTED) == \
        lot_rules.QUARANTINED
    assert lot_rules.block_reasons(None, False, NOW, NOW + timedelta(days=1)) == []


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
