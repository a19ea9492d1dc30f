# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import ValidationError

from ..tools import labels


class StockProductionLot(models.Model):
    _inherit = 'stock.production.lot'

    # Odoo 11 lots carry no company: traces, recalls and lot numbers are
    # per company, so a lot belongs to the company that created it.
    company_id = fields.Many2one(
        'res.company', string='Company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get(
            'stock.production.lot'))

    @api.onchange('product_id')
    def _onchange_product_id_company(self):
        if self.product_id.company_id:
            self.company_id = self.product_id.company_id

    # The same lot name may exist for the same product in another company;
    # replaces stock's unique(name, product_id) under the same name.
    _sql_constraints = [
        ('name_ref_uniq', 'unique (name, product_id, company_id)',
         'A lot/serial number with this name already exists for this product in this company.'),
    ]

    # Where the lot came from (receipt or manufacturing order)
    vendor_id = fields.Many2one('res.partner', string='Vendor', index=True, readonly=True)
    purchase_line_id = fields.Many2one(
        'purchase.order.line', string='Purchase Order Line', index=True, readonly=True)
    purchase_order_id = fields.Many2one(
        'purchase.order', string='Purchase Order', related='purchase_line_id.order_id',
        store=True, readonly=True, index=True)
    receipt_picking_id = fields.Many2one(
        'stock.picking', string='Receipt', index=True, readonly=True,
        help='The receipt that brought this lot in first.')
    receipt_date = fields.Datetime(
        string='Receipt Date', index=True, readonly=True,
        help='When the receipt that brought this lot in was validated.')
    received_qty = fields.Float(
        string='Received Quantity', readonly=True,
        digits=dp.get_precision('Product Unit of Measure'),
        help='Quantity received by that receipt, in the product\'s unit of measure.')
    production_id = fields.Many2one(
        'mrp.production', string='Manufacturing Order', index=True, readonly=True,
        help='The manufacturing order that made this lot.')
    label_gs1_text = fields.Char(
        string='Label Barcode Text', compute='_compute_label_barcode',
        help='Human-readable text printed under the lot label barcode.')
    label_barcode_uri = fields.Char(
        string='Label Barcode Image', compute='_compute_label_barcode')

    @api.model
    def create(self, vals):
        self._check_lot_name_free(vals)
        return super(StockProductionLot, self).create(vals)

    @api.multi
    def write(self, vals):
        if 'name' in vals or 'product_id' in vals or 'company_id' in vals:
            for lot in self:
                self._check_lot_name_free(dict(
                    name=vals.get('name', lot.name),
                    product_id=vals.get('product_id', lot.product_id.id),
                    company_id=vals.get('company_id', lot.company_id.id)), exclude=lot)
        return super(StockProductionLot, self).write(vals)

    @api.model
    def _check_lot_name_free(self, vals, exclude=None):
        """A clear error instead of the database's when a user types a lot
        name that this product already has in this company (the unique
        constraint still guards against concurrent creations)."""
        if not vals.get('name') or not vals.get('product_id'):
            return
        company_id = vals.get('company_id') or self.default_get(['company_id']).get('company_id')
        domain = [('name', '=', vals['name']), ('product_id', '=', vals['product_id']),
                  ('company_id', '=', company_id)]
        if exclude:
            domain.append(('id', '!=', exclude.id))
        if self.sudo().search_count(domain):
            product = self.env['product.product'].browse(vals['product_id'])
            raise ValidationError(_(
                'The lot/serial number "%s" already exists for the product "%s". '
                'Choose another name or select the existing lot.'
            ) % (vals['name'], product.display_name))

    @api.model
    def _next_lot_name(self, product, company):
        """A new lot name for PRODUCT from its sequence, skipping names that
        already exist (e.g. typed by hand earlier)."""
        sequence = product.product_tmpl_id._lot_sequence(company).sudo()
        taken = self.sudo().with_context(active_test=False)
        while True:
            name = sequence.next_by_id()
            if not taken.search_count([('name', '=', name), ('product_id', '=', product.id),
                                       ('company_id', '=', company.id)]):
                return name

    @api.model
    def _create_auto_lot(self, product, company, vals=None):
        """Create a lot of PRODUCT named from its sequence; VALS adds the
        origin fields. product_expiry fills the dates in create()."""
        values = dict(vals or {}, product_id=product.id, company_id=company.id,
                      name=self._next_lot_name(product, company))
        return self.create(values)

    @api.depends('name', 'product_id.barcode', 'life_date')
    def _compute_label_barcode(self):
        for lot in self:
            label = labels.lot_label_barcode(
                lot.product_id.barcode, lot.name,
                fields.Datetime.from_string(lot.life_date) if lot.life_date else None)
            lot.label_gs1_text = label['text']
            lot.label_barcode_uri = label['image_uri']

    @api.multi
    def action_view_purchase_order(self):
        self.ensure_one()
        return self._open_record(self.purchase_order_id)

    @api.multi
    def action_view_receipt(self):
        self.ensure_one()
        return self._open_record(self.receipt_picking_id)

    @api.multi
    def action_view_production(self):
        self.ensure_one()
        return self._open_record(self.production_id)

    def _open_record(self, record):
        return {
            'type': 'ir.actions.act_window',
            'res_model': record._name,
            'res_id': record.id,
            'view_mode': 'form',
            'views': [(False, 'form')],
            'name': record.display_name,
        }

    @api.multi
    def _label_report_action(self):
        return self.env.ref('lot_traceability.action_report_lot_label').report_action(self, config=False)

    @api.multi
    def _label_pages(self):
        """The lots split in pages and rows for the label report, as many
        per row and rows per page as the company is configured for."""
        company = self.env.user.company_id
        columns = max(company.lot_label_columns or 1, 1)
        per_page = columns * max(company.lot_label_rows or 1, 1)
        lots = list(self)
        pages = []
        for start in range(0, len(lots), per_page):
            page = lots[start:start + per_page]
            pages.append([page[i:i + columns] for i in range(0, len(page), columns)])
        return pages

    @api.multi
    def _label_quantity(self):
        self.ensure_one()
        return self.received_qty or self.product_qty
