# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which lots may leave the stock: plain rules on dates, no ORM.

All datetimes are naive UTC ``datetime`` objects, as Odoo stores them.
A lot is *expired* once its end-of-life datetime is reached (``life_date <=
now``): a lot whose life_date was earlier today is expired, one expiring
later today is not yet.
"""
from datetime import timedelta

EXPIRED = 'expired'
QUARANTINED = 'quarantined'
SHELF_LIFE = 'shelf_life'


def shelf_life_cutoff(now, min_days):
    """The earliest end of life a customer accepts, or None when the
    customer asks for no minimum shelf life."""
    if not min_days or min_days <= 0:
        return None
    return now + timedelta(days=min_days)


def block_reason(life_date, quarantined, now, cutoff=None):
    """Why a lot cannot be used (EXPIRED, QUARANTINED, SHELF_LIFE) or None.

    Quarantine wins over expiry: it is the decision a person took."""
    if quarantined:
        return QUARANTINED
    if life_date and life_date <= now:
        return EXPIRED
    if cutoff and life_date and life_date < cutoff:
        return SHELF_LIFE
    return None


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
