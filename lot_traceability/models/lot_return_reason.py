# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LotReturnReason(models.Model):
    """Why a customer sent goods back (defect, damaged, expired, ...).

    The list is configurable under Inventory ▸ Configuration; a customer
    return (a return of a delivery) records one of them."""
    _name = 'lot.return.reason'
    _description = 'Customer Return Reason'
    _order = 'sequence, name'

    _sql_constraints = [
        ('code_uniq', 'unique (code)', 'The code of a return reason must be unique.'),
    ]

    name = fields.Char('Reason', required=True, translate=True)
    code = fields.Char('Code', help='Short code used in exports and filters.')
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    quality_issue = fields.Boolean(
        'Quality issue',
        help='Returns with this reason point to a problem of the lot itself '
             '(e.g. a defect): they are the ones to investigate with "Root cause".')
    description = fields.Text('Description', translate=True)
