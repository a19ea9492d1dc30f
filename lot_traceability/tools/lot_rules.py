# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""May this lot be reserved, picked, shipped or consumed, and why not:
the one home of that rule (no ORM).

Reservation (``stock.quant._gather`` through :func:`blocked_lots_sql`),
the lots offered on an operation and the "Expired" search
(:func:`usable_lots_domain`, :func:`blocked_lots_domain`), scanning (its
codes: SCAN_CODES), validation, lot changes on operations, the genealogy
graph's flags and the lot form's "Expired" flag all ask this module; none
decides on its own. The Python predicate, the SQL condition and the ORM
domains are generated from one list of conditions (``_conditions``). The
sentence shown for each reason is the lot's (``stock.production.lot.
_block_message``, translated).

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
# the quality statuses that block a lot (when the use needs a release)
BLOCKING_RELEASE_STATES = (PENDING, REJECTED)
# the ``code`` of a scan refused for a reason (lot.scan.mixin.lot_scan)
SCAN_CODES = {EXPIRED: 'expired', QUARANTINED: 'quarantined', PENDING: 'pending_release',
              REJECTED: 'rejected', SHELF_LIFE: 'shelf_life'}

# Longest minimum shelf life a customer may ask for (about 100 years): far
# beyond any product, far below datetime's limits.
MAX_SHELF_LIFE_DAYS = 36500


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


def _conditions(now, cutoff=None, release_needed=True):
    """What blocks a lot, in order of precedence: ``(reason, field,
    operator, value)`` on ``stock.production.lot``; the Python predicate,
    the SQL condition and the ORM domains below are all generated from it.
    A reason of None means the field's own value is the reason (PENDING or
    REJECTED). An empty field (NULL) never blocks."""
    conditions = [(QUARANTINED, 'quarantined', '=', True)]
    if release_needed:
        conditions.append((None, 'release_state', 'in', BLOCKING_RELEASE_STATES))
    conditions.append((EXPIRED, 'life_date', '<=', now))
    if cutoff:
        conditions.append((SHELF_LIFE, 'life_date', '<', cutoff))
    return conditions


_HOLDS = {
    '=': lambda value, arg: value == arg,
    'in': lambda value, arg: value in arg,
    '<=': lambda value, arg: value <= arg,
    '<': lambda value, arg: value < arg,
}
# the condition written in SQL (psycopg2 adapts a list to an ARRAY)
_SQL = {'=': '{a}.{f} = %s', 'in': '{a}.{f} = ANY(%s)', '<=': '{a}.{f} <= %s',
        '<': '{a}.{f} < %s'}
# the ORM leaf saying a condition does not hold: Odoo's "= False" on a
# boolean and "not in" also take NULL, like the Python predicate
_NEGATED = {'=': '!=', 'in': 'not in', '<=': '>', '<': '>='}


def _domain_value(value):
    """VALUE as an ORM domain takes it (datetimes as Odoo's strings)."""
    if isinstance(value, _datetime.datetime):
        return value.strftime('%Y-%m-%d %H:%M:%S')
    return list(value) if isinstance(value, tuple) else value


def block_reasons(life_date, quarantined, now, cutoff=None, release_state=RELEASED,
                  release_needed=True):
    """Every reason why a lot cannot be reserved, picked, shipped or
    consumed (QUARANTINED, REJECTED or PENDING, EXPIRED, SHELF_LIFE), in
    order of precedence; empty when it may be used."""
    values = {'quarantined': bool(quarantined), 'release_state': release_state or None,
              'life_date': life_date or None}
    reasons = []
    for reason, field, operator, arg in _conditions(now, cutoff, release_needed):
        value = values[field]
        if value is not None and _HOLDS[operator](value, arg):
            reasons.append(reason or value)
    return reasons


def block_reason(life_date, quarantined, now, cutoff=None, release_state=RELEASED,
                 release_needed=True):
    """Why a lot cannot be reserved, picked, shipped or consumed
    (QUARANTINED, REJECTED, PENDING, EXPIRED, SHELF_LIFE) or None when it may.

    Quarantine wins over everything: it is the decision a person took; then
    the quality status (RELEASE_STATE, only when RELEASE_NEEDED), then the
    dates."""
    reasons = block_reasons(life_date, quarantined, now, cutoff, release_state, release_needed)
    return reasons[0] if reasons else None


def is_expired(life_date, now):
    """True once LIFE_DATE (naive UTC datetime or None) is reached at NOW."""
    return EXPIRED in block_reasons(life_date, False, now, release_needed=False)


def blocked_lots_sql(now, cutoff=None, alias='lot', release_needed=True):
    """The SQL condition equal to ``block_reason(...) is not None`` on the
    ``stock_production_lot`` table aliased ALIAS: ``(condition, params)``
    for a WHERE clause (psycopg2 ``%s`` placeholders)."""
    parts, params = [], []
    for _reason, field, operator, arg in _conditions(now, cutoff, release_needed):
        parts.append(_SQL[operator].format(a=alias, f=field))
        params.append(list(arg) if isinstance(arg, tuple) else arg)
    return '(%s)' % ' OR '.join(parts), params


def _domain_leaves(now, cutoff, release_needed, reasons):
    """The conditions of REASONS (None: all) as ORM leaves."""
    leaves = []
    for reason, field, operator, arg in _conditions(now, cutoff, release_needed):
        if reasons is not None:
            if reason is None:
                arg = tuple(state for state in arg if state in reasons)
                if not arg:
                    continue
            elif reason not in reasons:
                continue
        leaves.append((field, operator, _domain_value(arg)))
    return leaves


def blocked_lots_domain(now, cutoff=None, release_needed=True, reasons=None):
    """The ORM domain on ``stock.production.lot`` equal to ``block_reason(...)
    is not None``; with REASONS (e.g. ``(EXPIRED,)``), to one of these
    reasons holding (whatever the precedence)."""
    leaves = _domain_leaves(now, cutoff, release_needed, reasons)
    return ['|'] * (len(leaves) - 1) + leaves


def usable_lots_domain(now, cutoff=None, release_needed=True, reasons=None):
    """The negation of :func:`blocked_lots_domain`, the same arguments: an
    empty field (NULL) blocks nothing."""
    domain = []
    for field, operator, value in _domain_leaves(now, cutoff, release_needed, reasons):
        if operator == '=':   # a boolean: false or NULL
            domain.append((field, '=', not value))
        elif operator == 'in':   # Odoo's "not in" takes NULL too
            domain.append((field, 'not in', value))
        else:
            domain += ['|', (field, '=', False), (field, _NEGATED[operator], value)]
    return domain


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
