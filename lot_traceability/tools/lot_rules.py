# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""May this lot be reserved, picked, shipped or consumed, and why not:
the one home of that rule (no ORM).

Reservation (``stock.quant._gather`` through :func:`blocked_lots_sql`),
scanning, validation, lot changes on operations and the lot form's
"Expired" flag all ask this module; none decides on its own.

All datetimes are naive UTC ``datetime`` objects, as Odoo stores them.
A lot is *expired* once its end-of-life datetime is reached (``life_date <=
now``): a lot whose life_date passed a second ago is expired, one expiring
in a second is not yet. "Today" is never the user's local date: a lot
expires at its datetime, whatever the user's timezone.

A quarantined lot is blocked whatever its dates: quarantine is the decision
a person took, so it is the reason given first. A lot quality has not
released (``release_state`` pending or rejected) is blocked next, except for
uses that need no release (RELEASE_NEEDED False: moves that stay between
internal locations, e.g. to a quality control location).
"""
import datetime as _datetime
from datetime import timedelta

EXPIRED = 'expired'
QUARANTINED = 'quarantined'
SHELF_LIFE = 'shelf_life'
# release_state of a lot (stock.production.lot); also the block reasons
PENDING = 'pending'
RELEASED = 'released'
REJECTED = 'rejected'

# Longest minimum shelf life a customer may ask for (about 100 years): far
# beyond any product, far below datetime's limits.
MAX_SHELF_LIFE_DAYS = 36500


def is_expired(life_date, now):
    """True once LIFE_DATE (naive UTC datetime or None) is reached at NOW."""
    return bool(life_date) and life_date <= now


def shelf_life_cutoff(now, min_days):
    """The earliest end of life a customer accepts, or None when the
    customer asks for no minimum shelf life. MIN_DAYS above
    MAX_SHELF_LIFE_DAYS raises ValueError (the partner's constraint refuses
    such values before they are stored)."""
    if not min_days or min_days <= 0:
        return None
    if min_days > MAX_SHELF_LIFE_DAYS:
        raise ValueError('minimum shelf life of %s days is out of range' % min_days)
    return now + timedelta(days=min_days)


def receipt_shelf_life_cutoff(now, min_days=0, min_pct=0.0, life_days=0):
    """The earliest end of life a receipt accepts without a second look:
    NOW plus the larger of MIN_DAYS and MIN_PCT percent of the product's
    total life (LIFE_DAYS), or None when neither asks for anything."""
    days = max(min_days or 0, (min_pct or 0.0) * (life_days or 0) / 100.0)
    if days <= 0:
        return None
    return now + timedelta(days=min(days, MAX_SHELF_LIFE_DAYS))


def block_reason(life_date, quarantined, now, cutoff=None, release_state=RELEASED,
                 release_needed=True):
    """Why a lot cannot be reserved, picked, shipped or consumed
    (QUARANTINED, REJECTED, PENDING, EXPIRED, SHELF_LIFE) or None when it may.

    Quarantine wins over everything: it is the decision a person took; then
    the quality status (RELEASE_STATE, only when RELEASE_NEEDED), then the
    dates."""
    if quarantined:
        return QUARANTINED
    if release_needed and release_state in (REJECTED, PENDING):
        return release_state
    if is_expired(life_date, now):
        return EXPIRED
    if cutoff and life_date and life_date < cutoff:
        return SHELF_LIFE
    return None


def blocked_lots_sql(now, cutoff=None, alias='lot', release_needed=True):
    """The SQL condition equal to ``block_reason(...) is not None`` on the
    ``stock_production_lot`` table aliased ALIAS: ``(condition, params)``
    for a WHERE clause (psycopg2 ``%s`` placeholders)."""
    condition = '({a}.quarantined OR {a}.life_date <= %s'.format(a=alias)
    params = [now]
    if release_needed:
        condition += ' OR {a}.release_state <> %s'.format(a=alias)
        params.append(RELEASED)
    if cutoff:
        condition += ' OR {a}.life_date < %s'.format(a=alias)
        params.append(cutoff)
    return condition + ')', params


def label_expiry_datetime(expiry_date):
    """The end of life of a lot whose label says it expires on EXPIRY_DATE
    (a ``date``, e.g. GS1 AI 17): the last second of that day, UTC."""
    return _datetime.datetime.combine(expiry_date, _datetime.time(23, 59, 59))


def fefo_date(removal_date, life_date, use_date):
    """The date FEFO sorts on: removal date when set (Odoo's own notion),
    else end of life, else best before."""
    return removal_date or life_date or use_date or None


def breaks_fefo(chosen_date, other_dates):
    """True when a lot with an earlier FEFO date than the chosen one exists.
    A chosen lot without a date sorts last, so any dated lot comes first."""
    dated = [date for date in other_dates if date]
    if not dated:
        return False
    if not chosen_date:
        return True
    return min(dated) < chosen_date
