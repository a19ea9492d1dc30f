# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quantities and dates in a reader's language (res.lang: decimal point,
thousands separator, date format), for labels, letters and exports: the
user's language for what the user prints, the partner's for a letter."""
from odoo import fields
from odoo.tools import format_date


def lang_of(env, lang_code=None):
    """The res.lang record of LANG_CODE, else of the environment (English when
    neither is installed)."""
    return env['res.lang']._lang_get(lang_code or env.context.get('lang') or 'en_US')


def plain_qty(qty):
    """QTY (None: 0) with a decimal point and no trailing zeros, in no
    particular language: 30, 2.5, 0.125 (graph labels, stored lot details)."""
    return ('%.3f' % (qty or 0.0)).rstrip('0').rstrip('.')


def format_qty(env, qty, lang_code=None, digits=3):
    """QTY as people write it in that language: 1,250.5 / 1.250,5 (no
    trailing zeros, at most DIGITS decimals)."""
    lang = lang_of(env, lang_code)
    text = lang.format('%%.%df' % digits, qty or 0.0, grouping=True)
    point = lang.decimal_point or '.'
    if point in text:
        whole, decimals = text.rsplit(point, 1)
        decimals = decimals.rstrip('0')
        text = whole + (point + decimals if decimals else '')
    return '0' if text in ('-0', '') else text


def format_day(env, value, lang_code=None, tz=None):
    """The day of VALUE (a date or UTC datetime string) in that language's date
    format; a datetime is taken in TZ (else the environment's timezone)."""
    if not value:
        return ''
    lang = lang_of(env, lang_code)
    if tz:
        env = env(context=dict(env.context, tz=tz))
    if isinstance(value, str) and len(value) > 10:
        value = fields.Datetime.context_timestamp(env['res.lang'],
                                                  fields.Datetime.from_string(value))
    return format_date(env, value, lang_code=lang.code)
