# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.float_utils import float_compare

from odoo.addons import decimal_precision as dp

from ..tools import formats, labels, lot_rules, mass_balance_sql, trace_sql
from ..tools.actions import open_record_action
from ..tools.chatter import html_body

# deepest trace a caller may ask for (levels of production)
MAX_TRACE_DEPTH = 1000
# names tried before a lot sequence is declared unusable
MAX_NAME_ATTEMPTS = 1000

QUARANTINE_FIELDS = {'quarantined', 'quarantine_reason', 'quarantine_date', 'quarantine_user_id'}
# written by quality decisions only (_write_release)
RELEASE_FIELDS = {'release_state'}
RELEASE_STATES = [
    (lot_rules.PENDING, 'Awaiting release'),
    (lot_rules.RELEASED, 'Released'),
    (lot_rules.REJECTED, 'Rejected'),
]

# product_expiry's dates of a lot and the product's times (days) they come from,
# end of life first: it says where the lot's expiry came from
EXPIRY_TIMES = (('life_date', 'life_time'), ('use_date', 'use_time'),
                ('removal_date', 'removal_time'), ('alert_date', 'alert_time'))
EXPIRY_DATE_FIELDS = tuple(date_field for date_field, _time in EXPIRY_TIMES)
EXPIRY_SOURCE_FIELDS = {'expiry_source', 'expiry_source_lot_id'}
# dates given when a lot is created this close to the product's times from
# now (product_expiry's form fills them in so) count as the product's
EXPIRY_PRODUCT_TOLERANCE = datetime.timedelta(days=1)
# sources the production never overwrites
EXPIRY_KEPT_SOURCES = ('label', 'manual')


def _as_datetime(value):
    """A datetime field's value (string, date or datetime) as a naive datetime, or None."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    return fields.Datetime.from_string(value)


def derive_expiry(produced, times, components):
    """The expiry dates of a lot produced at PRODUCED (naive UTC datetime).

    TIMES: {date field: days} of the product (product_expiry's life, use,
    removal and alert times; 0 or missing: none). COMPONENTS: [(component
    lot, {date field: naive datetime or None})], the component lots to
    derive from (empty: the product's times only).

    Each date is the earlier of the production date plus the product's
    time and the same date of the component lots (the earliest); none is
    later than the end of life. Returns ({date field: datetime or None},
    source, component lot or None): the source ('product', 'components' or
    False) and the component lot are those of the end of life (else the
    first date there is, in EXPIRY_DATE_FIELDS order)."""
    best = {}
    for date_field, _time in EXPIRY_TIMES:
        if times.get(date_field):
            best[date_field] = (produced + datetime.timedelta(days=times[date_field]),
                                'product', None)
    for component, dates in components:
        for date_field in EXPIRY_DATE_FIELDS:
            date = dates.get(date_field)
            if date and (date_field not in best or date < best[date_field][0]):
                best[date_field] = (date, 'components', component)
    life = best.get('life_date')
    if life:
        for date_field in EXPIRY_DATE_FIELDS[1:]:
            if date_field in best and best[date_field][0] > life[0]:
                best[date_field] = life
    governing = next((best[date_field] for date_field in EXPIRY_DATE_FIELDS
                      if date_field in best), (None, False, None))
    dates = {date_field: best[date_field][0] if date_field in best else None
             for date_field in EXPIRY_DATE_FIELDS}
    return dates, governing[1], governing[2]


class StockProductionLot(models.Model):
    _inherit = 'stock.production.lot'

    # The same lot name may exist for the same product in another company;
    # replaces stock's unique(name, product_id) under the same name.
    _sql_constraints = [
        ('name_ref_uniq', 'unique (name, product_id, company_id)',
         'A lot/serial number with this name already exists for this product in this company.'),
    ]

    # Odoo 11 lots carry no company: traces, recalls and lot numbers are
    # per company, so a lot belongs to the company that created it.
    company_id = fields.Many2one(
        'res.company', string='Company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get(
            'stock.production.lot'))

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
    # FSMA 204 (21 CFR 1.1320): who assigned the traceability lot code. Set on
    # receipt and production (_fsma_set_lot_code_source), editable.
    supplier_lot_code = fields.Char(
        string="Supplier's Lot Code", copy=False,
        help="The supplier's own lot code, kept when the receipt gave the goods our own "
             "lot number.")
    tlc_source_partner_id = fields.Many2one(
        'res.partner', string='Traceability Lot Code Source', copy=False,
        help='The place where this lot code was assigned: our warehouse for lots we make '
             'or number, the supplier for lots received under their own code.')
    tlc_source_reference = fields.Char(
        string='TLC Source Reference', copy=False,
        help='Instead of or beside the source address: its GLN, FDA Food Facility '
             'Registration Number or a web address.')

    label_gs1_text = fields.Char(
        string='Label Barcode Text', compute='_compute_label_barcode',
        help='Human-readable text printed under the lot label barcode.')

    label_barcode_uri = fields.Char(
        string='Label Barcode Image', compute='_compute_label_barcode')

    label_barcode_square = fields.Boolean(compute='_compute_label_barcode')

    # --- genealogy and trace (see tools/trace_sql.py) ---------------------
    genealogy_component_edge_ids = fields.One2many(
        'lot.genealogy.edge', 'finished_lot_id', string='Made from', readonly=True)

    genealogy_finished_edge_ids = fields.One2many(
        'lot.genealogy.edge', 'component_lot_id', string='Used in', readonly=True)

    # --- quarantine and usability (FEFO picking rules) -----------------
    quarantined = fields.Boolean(
        string='Quarantined', readonly=True, copy=False, index=True,
        track_visibility='onchange',
        help='A quarantined lot is never reserved, picked, shipped or consumed.')

    quarantine_reason = fields.Text(string='Quarantine Reason', readonly=True, copy=False)
    quarantine_date = fields.Datetime(string='Quarantined On', readonly=True, copy=False)
    quarantine_user_id = fields.Many2one(
        'res.users', string='Quarantined By', readonly=True, copy=False)

    # --- quality status (positive release) -------------------------------
    # not tracked: a tracked field with a default posts a message on every lot
    # created; the decisions post their own (_release_decide, _set_pending_release)
    release_state = fields.Selection(
        RELEASE_STATES, string='Quality Status', required=True, readonly=True, copy=False,
        index=True, default=lot_rules.RELEASED,
        help='Awaiting release: received or made, waiting for the quality decision; it is '
             'never reserved, picked, shipped or consumed, but may be moved between internal '
             'locations (e.g. to quality control). Rejected: likewise blocked; return it to '
             'the vendor or scrap it. Released: usable.')
    release_decision_ids = fields.One2many(
        'lot.release.decision', 'lot_id', string='Quality Decisions', readonly=True)

    is_expired = fields.Boolean(
        string='Expired', compute='_compute_is_expired', search='_search_is_expired',
        help='The end of life date of the lot is reached.')

    # --- where the expiry dates came from (docs/user/receiving.rst) -----
    expiry_source = fields.Selection(
        [('label', 'Label'), ('product', 'Product life'), ('components', 'Components'),
         ('manual', 'Manual')],
        string='Expiry Source', readonly=True, copy=False,
        help='Where the expiry dates come from: the GS1 label scanned at receipt, the '
             'product\'s life times (from the production or creation date), the earliest '
             'expiry of the component lots (manufacturing, when the product says so), or '
             'typed by a user (kept when the lot is produced).')
    expiry_source_lot_id = fields.Many2one(
        'stock.production.lot', string='Expiry Set By Lot', readonly=True, copy=False,
        help='The component lot whose expiry the lot was given.')

    # --- recalls and root cause ---------------------------------------
    recall_ids = fields.Many2many('lot.recall', 'lot_recall_start_lot_rel', 'lot_id', 'recall_id',
                                  string='Recalls', readonly=True)

    # --- customers (sales integration) ---------------------------------
    customer_move_line_ids = fields.Many2many(
        'stock.move.line', string='Customer Deliveries and Returns',
        compute='_compute_customer_move_line_ids')

    customer_ids = fields.Many2many(
        'res.partner', string='Customers', compute='_compute_customer_move_line_ids')

    customer_count = fields.Integer(
        'Customers', compute='_compute_customer_move_line_ids')

    customer_balance_ids = fields.One2many(
        'lot.customer.balance', 'lot_id', string='Delivered, returned, net per customer',
        readonly=True)

    # --- mass balance (see tools/mass_balance_sql.py) -------------------
    mb_received = fields.Float('Received', compute='_compute_mass_balance',
                               digits=dp.get_precision('Product Unit of Measure'))
    mb_produced = fields.Float('Produced', compute='_compute_mass_balance',
                               digits=dp.get_precision('Product Unit of Measure'))
    mb_returned = fields.Float('Customer returns', compute='_compute_mass_balance',
                               digits=dp.get_precision('Product Unit of Measure'))
    mb_adjusted_in = fields.Float('Inventory gains', compute='_compute_mass_balance',
                                  digits=dp.get_precision('Product Unit of Measure'))
    mb_consumed = fields.Float('Consumed', compute='_compute_mass_balance',
                               digits=dp.get_precision('Product Unit of Measure'))
    mb_delivered = fields.Float('Delivered', compute='_compute_mass_balance',
                                digits=dp.get_precision('Product Unit of Measure'))
    mb_returned_to_vendor = fields.Float('Returned to vendor', compute='_compute_mass_balance',
                                         digits=dp.get_precision('Product Unit of Measure'))
    mb_scrapped = fields.Float('Scrapped', compute='_compute_mass_balance',
                               digits=dp.get_precision('Product Unit of Measure'))
    mb_adjusted_out = fields.Float('Inventory losses', compute='_compute_mass_balance',
                                   digits=dp.get_precision('Product Unit of Measure'))
    mb_on_hand = fields.Float('On hand', compute='_compute_mass_balance',
                              digits=dp.get_precision('Product Unit of Measure'))
    mb_unexplained = fields.Float('Unexplained', compute='_compute_mass_balance',
                                  digits=dp.get_precision('Product Unit of Measure'))
    mb_uom = fields.Char('Unit', compute='_compute_mass_balance')
    mb_locations = fields.Text('Stock by location', compute='_compute_mass_balance')

    @api.depends('name', 'product_id.barcode', 'life_date', 'product_id.lot_label_symbology',
                 'receipt_picking_id.picking_type_id.lot_label_symbology',
                 'production_id.picking_type_id.lot_label_symbology')
    def _compute_label_barcode(self):
        for lot in self:
            label = labels.lot_label_barcode(
                lot.product_id.barcode, lot.name,
                fields.Datetime.from_string(lot.life_date) if lot.life_date else None,
                symbology=lot._label_symbology())
            lot.label_gs1_text = label['text']
            lot.label_barcode_uri = label['image_uri']
            lot.label_barcode_square = label['square']

    @api.depends('life_date')
    def _compute_is_expired(self):
        now = fields.Datetime.from_string(fields.Datetime.now())
        for lot in self:
            lot.is_expired = lot_rules.is_expired(
                lot.life_date and fields.Datetime.from_string(lot.life_date), now)

    def _search_is_expired(self, operator, value):
        now = fields.Datetime.from_string(fields.Datetime.now())
        if (operator == '=') == bool(value):
            return lot_rules.blocked_lots_domain(now, reasons=(lot_rules.EXPIRED,))
        return lot_rules.usable_lots_domain(now, reasons=(lot_rules.EXPIRED,))

    @api.multi
    def _compute_customer_move_line_ids(self):
        MoveLine = self.env['stock.move.line']
        lines = MoveLine.search(MoveLine._customer_lot_domain(self.ids),
                                order='date desc, id desc')
        # the customers delivered (tools/move_kind_sql.py: never a dropship's vendor)
        balances = self.env['lot.customer.balance'].search(
            [('lot_id', 'in', self.ids), ('delivered_qty', '>', 0)])
        # the customers the user may read as partners (e.g. not a private address)
        readable = self.env['res.partner']._lot_readable_ids(
            balances.sudo().mapped('partner_id').ids)
        for lot in self:
            mine = lines.filtered(lambda ml: ml.lot_id == lot)
            lot.customer_move_line_ids = mine
            partners = balances.filtered(
                lambda balance: balance.lot_id == lot).sudo().mapped('partner_id').filtered(
                lambda partner: partner.id in readable)
            lot.customer_ids = partners.sudo(self.env.uid)
            lot.customer_count = len(partners)

    @api.multi
    def _compute_mass_balance(self):
        lots = self.filtered('id')
        balances = {b['lot_id']: b for b in lots.mass_balance()} if lots else {}
        for lot in self:
            balance = balances.get(lot.id)
            if not balance:
                continue
            for bucket in mass_balance_sql.BUCKETS + ('on_hand', 'unexplained'):
                lot['mb_' + bucket] = balance[bucket]
            lot.mb_uom = balance['uom']
            lot.mb_locations = '\n'.join(
                '%s%s: %s %s' % (loc['location_name'],
                                 _(' (in transit)') if loc['usage'] == 'transit' else '',
                                 loc['qty'], balance['uom'])
                for loc in balance['on_hand_by_location'])

    @api.model_cr
    def init(self):
        # lots written by SQL (imports, data generators, other modules' bulk
        # code) are released like those created through the ORM
        self.env.cr.execute(
            'ALTER TABLE stock_production_lot ALTER COLUMN release_state SET DEFAULT %s',
            [lot_rules.RELEASED])

    @api.onchange('product_id')
    def _onchange_product_id_company(self):
        if self.product_id.company_id:
            self.company_id = self.product_id.company_id

    @api.model
    def create(self, vals):
        if any(vals.get(field) for field in QUARANTINE_FIELDS):
            self._check_quarantine_access()
        if any(vals.get(field) for field in EXPIRY_SOURCE_FIELDS):
            self._raise_expiry_source_readonly()
        if set(vals) & RELEASE_FIELDS:
            # a lot's quality status is set by the code (receipt, production)
            # and the quality decisions, never by a client's values
            self._check_release_access()
        self._check_lot_name_free(vals)
        vals = dict(vals, expiry_source=self._created_expiry_source(vals))
        return super(StockProductionLot, self).create(vals)

    @api.multi
    def write(self, vals):
        if set(vals) & QUARANTINE_FIELDS:
            # whatever the context says (action_quarantine / action_release
            # check the group, then write through _write_quarantine)
            self._check_quarantine_access()
        if set(vals) & EXPIRY_SOURCE_FIELDS:
            self._raise_expiry_source_readonly()
        if set(vals) & set(EXPIRY_DATE_FIELDS):
            # dates edited by a user: kept when the lot is produced
            # (the derivation writes through _write_expiry)
            vals = dict(vals, expiry_source='manual', expiry_source_lot_id=False)
        if set(vals) & RELEASE_FIELDS:
            # whatever the context says: the quality decisions check the
            # group, then write through _write_release
            self._check_release_access()
        if 'name' in vals or 'product_id' in vals or 'company_id' in vals:
            for lot in self:
                self._check_lot_name_free(dict(
                    name=vals.get('name', lot.name),
                    product_id=vals.get('product_id', lot.product_id.id),
                    company_id=vals.get('company_id', lot.company_id.id)), exclude=lot)
        return super(StockProductionLot, self).write(vals)

    @api.multi
    def action_view_purchase_order(self):
        self.ensure_one()
        return open_record_action(self.purchase_order_id, self.purchase_order_id.display_name)

    @api.multi
    def action_view_receipt(self):
        self.ensure_one()
        return open_record_action(self.receipt_picking_id, self.receipt_picking_id.display_name)

    @api.multi
    def action_view_production(self):
        self.ensure_one()
        return open_record_action(self.production_id, self.production_id.display_name)

    @api.multi
    def action_open_trace_downstream(self):
        return self.env['lot.trace']._open_for(self, 'downstream')

    @api.multi
    def action_open_trace_upstream(self):
        return self.env['lot.trace']._open_for(self, 'upstream')

    @api.multi
    def action_quarantine(self, reason):
        """Block the lots: never reserved, picked, shipped or consumed again
        until released. Pending reservations of these lots are removed and
        their moves re-reserved from valid stock."""
        self._check_quarantine_access()
        reason = (reason or '').strip()
        if not reason:
            raise UserError(_('Give a reason to quarantine a lot.'))
        lots = self.filtered(lambda lot: not lot.quarantined)
        lots._write_quarantine({
            'quarantined': True,
            'quarantine_reason': reason,
            'quarantine_date': fields.Datetime.now(),
            'quarantine_user_id': self.env.uid,
        })
        for lot in lots:
            lot.message_post(body=html_body(_('Lot quarantined. Reason: %s'), reason))
        lots._unreserve_blocked_lots()
        return True

    @api.multi
    def action_release(self, reason):
        """Lift the quarantine; the lots can be reserved again."""
        self._check_quarantine_access()
        reason = (reason or '').strip()
        if not reason:
            raise UserError(_('Give a reason to release a lot from quarantine.'))
        lots = self.filtered('quarantined')
        lots._write_quarantine({
            'quarantined': False,
            'quarantine_reason': False,
            'quarantine_date': False,
            'quarantine_user_id': False,
        })
        for lot in lots:
            lot.message_post(body=html_body(_('Lot released from quarantine. Reason: %s'), reason))
        return True

    @api.multi
    def action_quality_release(self):
        """Open the release dialog (decision note, certificate of analysis)."""
        return self._open_release_wizard('release')

    @api.multi
    def action_quality_reject(self):
        """Open the rejection dialog (reason; return to vendor or scrap)."""
        return self._open_release_wizard('reject')

    @api.multi
    def action_root_cause(self):
        """How this lot was made, from which component lots, and who else is at risk."""
        self.ensure_one()
        return self.env['lot.root.cause']._open_for_lot(self)

    @api.multi
    def action_new_recall(self):
        """Open a new recall case starting from these lots."""
        return {
            'type': 'ir.actions.act_window', 'res_model': 'lot.recall', 'view_mode': 'form',
            'target': 'current', 'name': _('New recall'),
            'context': {'default_lot_ids': [(6, 0, self.ids)]},
        }

    @api.multi
    def action_view_customers(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Customers of %s') % self.name,
            'res_model': 'res.partner',
            'view_mode': 'tree,form',
            'domain': [('id', 'in', self.customer_ids.ids)],
        }

    @api.multi
    def action_view_mass_balance_moves(self):
        """The done move lines behind one figure of the Balance tab (the
        bucket is chosen by the button's context key ``mass_balance_bucket``)."""
        self.ensure_one()
        bucket = self.env.context.get('mass_balance_bucket')
        if bucket not in mass_balance_sql.FLOWS:
            raise UserError(_('Choose a figure of the balance to see its moves.'))
        self.check_access_rule('read')
        ids = mass_balance_sql.bucket_move_line_ids(self.env.cr, self.ids, bucket,
                                                    self._trace_company_ids())
        return {
            'type': 'ir.actions.act_window', 'res_model': 'stock.move.line',
            'name': _('%s: %s') % (self.name, self._fields['mb_' + bucket].get_description(
                self.env)['string']),
            'view_mode': 'tree,form', 'domain': [('id', 'in', ids)],
            'context': {'create': False},
        }

    @api.multi
    def action_view_mass_balance_stock(self):
        """The quants behind "On hand" (internal and transit locations)."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'stock.quant',
            'name': _('%s: stock') % self.name, 'view_mode': 'tree,form',
            'domain': [('lot_id', '=', self.id),
                       ('location_id.usage', 'in', ('internal', 'transit'))],
            'context': {'create': False},
        }

    @api.multi
    def trace_downstream(self, max_depth=None):
        """Everything these lots went into and where it went: finished lots
        at every level (production), deliveries, returns, scrap and stock on
        hand.  A list of trace rows (docs/reference/trace_rows.rst)."""
        return self._trace('downstream', max_depth)

    @api.multi
    def trace_upstream(self, max_depth=None):
        """Everything these lots were made from: component lots at every
        level (production, with order, work centers and operators) and the
        receipts they came in with (vendor, purchase order)."""
        return self._trace('upstream', max_depth)

    @api.multi
    def mass_balance(self):
        """Where every unit of these lots went: one dict per lot
        (docs/reference/trace_rows.rst), from one SQL aggregation over the done moves."""
        if not self:
            return []
        self.check_access_rights('read')
        self.check_access_rule('read')
        self.env['stock.move.line'].recompute()
        return mass_balance_sql.mass_balance(self.env.cr, self.ids, self._trace_company_ids())

    @api.model
    def _raise_expiry_source_readonly(self):
        raise AccessError(_('The expiry source of a lot is set by the system: change the '
                            'expiry dates instead (the lot is then marked "Manual").'))

    @api.model
    def _created_expiry_source(self, vals):
        """The expiry source of a lot created with VALS: 'product' when
        product_expiry gives it the product's dates (none given, or all of
        them within a day of the product's times from now), 'manual' for
        other dates given, False when the lot gets no date."""
        product_id = vals.get('product_id') or self.env.context.get('default_product_id')
        defaults = self._get_dates(product_id)
        for date_field in EXPIRY_DATE_FIELDS:
            given = _as_datetime(vals.get(date_field))
            if not given:
                continue
            default = _as_datetime(defaults[date_field])
            if not default or abs(given - default) > EXPIRY_PRODUCT_TOLERANCE:
                return 'manual'
        if any(vals.get(date_field) or defaults[date_field]
               for date_field in EXPIRY_DATE_FIELDS):
            return 'product'
        return False

    def _write_expiry(self, vals):
        """The only writer of the expiry source (the production's
        derivation, a scanned label): callers decide the values."""
        return super(StockProductionLot, self).write(vals)

    def _mark_expiry_from_label(self):
        """These lots were created with the dates of their GS1 label."""
        self._write_expiry({'expiry_source': 'label', 'expiry_source_lot_id': False})

    def _production_date(self):
        """When this lot was first produced (a done finished line of a
        manufacturing order), naive UTC, or None."""
        self.ensure_one()
        self.env.cr.execute("""
            SELECT min(ml.date) FROM stock_move_line ml
              JOIN stock_move m ON m.id = ml.move_id
             WHERE ml.lot_id = %s AND ml.state = 'done' AND m.production_id IS NOT NULL
        """, [self.id])
        return _as_datetime(self.env.cr.fetchone()[0])

    def _derive_expiry(self):
        """Give these lots, just produced, their expiry dates: the product's
        times from the production date or, when the product derives its
        expiry from its components, the earliest of the component lots'
        (genealogy edges of every order that made the lot), whichever is
        earlier (derive_expiry). Lots whose dates come from a label or a
        user keep them. Written as the system: the user producing may not
        read every component lot."""
        self.env['lot.genealogy.edge'].recompute()
        for lot in self.sudo():
            if lot.expiry_source in EXPIRY_KEPT_SOURCES:
                continue
            produced = lot._production_date()
            if not produced:
                continue
            product = lot.product_id
            times = {date_field: product[time_field] for date_field, time_field in EXPIRY_TIMES}
            components = []
            if product.expiry_from_components == 'earliest':
                components = [
                    (component, {date_field: _as_datetime(component[date_field])
                                 for date_field in EXPIRY_DATE_FIELDS})
                    for component in lot.genealogy_component_edge_ids.mapped('component_lot_id')]
            dates, source, component = derive_expiry(produced, times, components)
            vals = {date_field: date and fields.Datetime.to_string(date) or False
                    for date_field, date in dates.items()}
            vals.update(expiry_source=source,
                        expiry_source_lot_id=component.id if component else False)
            current = {name: lot[name] for name in vals}
            current['expiry_source_lot_id'] = lot.expiry_source_lot_id.id
            if current != vals:
                lot._write_expiry(vals)

    def _fsma_set_lot_code_source(self, partner, supplier_lot_code=None):
        """Record PARTNER as the lot code source of the lots that have none yet."""
        if not partner:
            return
        for lot in self.filtered(lambda rec: not rec.tlc_source_partner_id):
            vals = {'tlc_source_partner_id': partner.id}
            if partner.gln and not lot.tlc_source_reference:
                vals['tlc_source_reference'] = partner.gln
            if supplier_lot_code and not lot.supplier_lot_code:
                vals['supplier_lot_code'] = supplier_lot_code
            lot.write(vals)

    @api.model
    def _check_lot_name_free(self, vals, exclude=None):
        """A clear error instead of the database's when a user types a lot
        name that this product already has in this company (the unique
        constraint still guards against concurrent creations).

        Only in a company the user works for: the names looked up are those
        the user may read anyway, never another company's."""
        if not vals.get('name') or not vals.get('product_id'):
            return
        company_id = vals.get('company_id') or self.default_get(['company_id']).get('company_id')
        allowed = self._trace_company_ids()
        if allowed is not None and company_id not in allowed:
            raise AccessError(_('You may only create or rename lots of the companies you '
                                'work for.'))
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
        names = set()
        for _attempt in range(MAX_NAME_ATTEMPTS):
            name = sequence.next_by_id()
            if not taken.search_count([('name', '=', name), ('product_id', '=', product.id),
                                       ('company_id', '=', company.id)]):
                return name
            if name in names:
                break  # the sequence gives the same name again (step 0, fixed text)
            names.add(name)
        raise UserError(_(
            'The lot sequence "%s" gives only names that %s already has (last: %s): '
            'check its next number, step and prefix.') % (
            sequence.name, product.display_name, name))

    @api.model
    def _create_auto_lot(self, product, company, vals=None):
        """Create a lot of PRODUCT named from its sequence; VALS adds the
        origin fields. product_expiry fills the dates in create()."""
        values = dict(vals or {}, product_id=product.id, company_id=company.id,
                      name=self._next_lot_name(product, company))
        return self.create(values)

    def _label_symbology(self):
        """The lot label's barcode: the product's choice, else the one of the
        operation type that made the lot, else GS1-128."""
        origin = self.receipt_picking_id.picking_type_id or self.production_id.picking_type_id
        return (self.product_id.lot_label_symbology or origin.lot_label_symbology
                or labels.DEFAULT_SYMBOLOGY)

    @api.multi
    def _label_report_action(self):
        return self.env.ref('lot_traceability.action_report_lot_label').report_action(
            self, config=False)

    @api.multi
    def _label_pages(self):
        """The lots split in pages and rows for the label report, as many
        per row and rows per page as the company is configured for."""
        company = self.env.user.company_id
        columns = max(company.lot_label_columns or 1, 1)
        per_page = columns * max(company.lot_label_rows or 1, 1)
        if self._label_paperformat().format == 'custom':   # a label printer: one a page
            columns = per_page = 1
        lots = list(self)
        pages = []
        for start in range(0, len(lots), per_page):
            page = lots[start:start + per_page]
            pages.append([page[i:i + columns] for i in range(0, len(page), columns)])
        return pages

    def _label_paperformat(self):
        """The paper format of the label report: the company's choice."""
        return self.env.user.company_id._lot_label_paperformat()

    def _label_height_mm(self):
        """The height of one label: the printable page height for a label
        printer, a row of the sheet otherwise."""
        paper = self._label_paperformat()
        if paper.format == 'custom':
            return max(paper.page_height - paper.margin_top - paper.margin_bottom - 4, 20)
        rows = max(self.env.user.company_id.lot_label_rows or 1, 1)
        return max(int((297 - paper.margin_top - paper.margin_bottom) / rows) - 10, 20)

    @api.multi
    def _label_quantity(self):
        """The quantity a label shows, in the product's unit: what the receipt
        received, or (labels printed before validation) what its lines with
        this lot will receive (done quantity, else the expected one); else
        what is in stock."""
        self.ensure_one()
        if self.received_qty:
            return self.received_qty
        receipt = self.receipt_picking_id
        if receipt and receipt.state not in ('done', 'cancel'):
            lines = receipt.move_line_ids.filtered(lambda ml: ml.lot_id == self)
            return sum(line.product_uom_id._compute_quantity(
                line.qty_done or line.product_uom_qty, self.product_id.uom_id)
                for line in lines)
        return self.product_qty

    @api.multi
    def _label_quantity_text(self):
        """The label's quantity and unit, written in the user's language."""
        self.ensure_one()
        return '%s %s' % (formats.format_qty(self.env, self._label_quantity()),
                          self.product_id.uom_id.name)

    @api.multi
    def _scan_blocking_reason(self):
        """Why this lot may not be used by any scan: 'expired' (life_date
        past, UTC), 'quarantined' or False, as tools/lot_rules.py decides
        (the quality status matters only where goods leave stock:
        lot.scan.mixin._lot_scan_check_release)."""
        self.ensure_one()
        return self._block_reason(release_needed=False) or False

    def _block_reasons(self, cutoff=None, release_needed=True):
        """lot_rules.block_reasons for this lot now (CUTOFF: naive UTC
        shelf-life cutoff or None; RELEASE_NEEDED: False for uses that need
        no quality release, e.g. a move between internal locations)."""
        self.ensure_one()
        now = fields.Datetime.from_string(fields.Datetime.now())
        life_date = self.life_date and fields.Datetime.from_string(self.life_date)
        return lot_rules.block_reasons(life_date, self.quarantined, now, cutoff,
                                       self.release_state, release_needed)

    def _block_reason(self, cutoff=None, release_needed=True):
        """lot_rules.block_reason for this lot now (see _block_reasons)."""
        reasons = self._block_reasons(cutoff, release_needed)
        return reasons[0] if reasons else None

    @api.multi
    def _trace(self, direction, max_depth=None):
        if not self:
            return []
        self.check_access_rights('read')
        self.check_access_rule('read')
        max_depth = self._trace_max_depth(max_depth)
        self.env['lot.genealogy.edge'].recompute()
        return trace_sql.trace(self.env.cr, self.ids, direction,
                               self._trace_company_ids(), max_depth)

    @api.model
    def _trace_max_depth(self, max_depth):
        """MAX_DEPTH checked: a whole number from 1 to MAX_TRACE_DEPTH;
        None/False/0: the configured default (``lot_traceability.trace_max_depth``)."""
        if max_depth is None or max_depth is False or max_depth == 0:
            param = self.env['ir.config_parameter'].sudo().get_param(
                'lot_traceability.trace_max_depth', trace_sql.DEFAULT_MAX_DEPTH)
            try:
                return min(max(int(param), 1), MAX_TRACE_DEPTH)
            except (TypeError, ValueError):
                return trace_sql.DEFAULT_MAX_DEPTH
        if isinstance(max_depth, bool) or not isinstance(max_depth, int) or max_depth < 0:
            raise UserError(_('The trace depth must be a positive whole number, not %s.')
                            % (max_depth,))
        if max_depth > MAX_TRACE_DEPTH:
            raise UserError(_('The trace depth may be at most %s levels (asked: %s).')
                            % (MAX_TRACE_DEPTH, max_depth))
        return max_depth

    @api.model
    def _trace_company_ids(self):
        """Companies whose lots, moves and stock a trace may show, as the
        lot record rule does (None: no restriction, for the superuser)."""
        if self.env.uid == SUPERUSER_ID:
            return None
        return self.env['res.company'].sudo().search(
            [('id', 'child_of', self.env.user.company_id.id)]).ids

    def _open_release_wizard(self, decision):
        self._check_release_access()
        if not self:
            raise UserError(_('Choose the lots to decide on.'))
        decided = self.filtered(lambda lot: lot.release_state != lot_rules.PENDING)
        if decision == 'release' and decided:
            raise UserError(_('Only lots awaiting release can be released; %s is %s.') % (
                decided[0].name, dict(self._fields['release_state']._description_selection(
                    self.env))[decided[0].release_state]))
        if decision == 'reject' and self.filtered(
                lambda lot: lot.release_state == lot_rules.REJECTED):
            raise UserError(_('Lot %s is already rejected.') % self.filtered(
                lambda lot: lot.release_state == lot_rules.REJECTED)[0].name)
        return {
            'type': 'ir.actions.act_window',
            'name': _('Release Lots') if decision == 'release' else _('Reject Lots'),
            'res_model': 'lot.release.wizard',
            'view_mode': 'form',
            'views': [(False, 'form')],
            'target': 'new',
            'context': {'default_lot_ids': [(6, 0, self.ids)],
                        'default_decision': decision},
        }

    def _check_release_access(self):
        if not self.env.user._lot_is_quality_manager():
            raise AccessError(_('Only a Quality Manager can release or reject lots or set '
                                'their quality status.'))

    def _write_release(self, vals):
        """The only writer of the quality status: callers are the code that
        receives or makes lots, and the quality decisions after their group
        check (_release_decide)."""
        return super(StockProductionLot, self.sudo()).write(vals)

    def _set_pending_release(self):
        """Lots just received or made whose product needs a quality release
        and that no quality decision was taken on yet: awaiting release."""
        lots = self.filtered(lambda lot: lot.release_state == lot_rules.RELEASED and not
                             lot.sudo().release_decision_ids)
        if lots:
            lots._write_release({'release_state': lot_rules.PENDING})
            for lot in lots:
                lot.sudo().message_post(body=html_body(
                    _('Lot awaiting quality release: it cannot be used until a Quality Manager '
                      'releases it.')))
        return lots

    def _release_decide(self, decision, note, certificate=None, origin='manual'):
        """Record the quality DECISION ('release' or 'reject') on these lots
        with NOTE (and CERTIFICATE, an ir.attachment on the lot): status,
        append-only log, chatter. Callers check the rights first (the
        release wizard) or are the code itself (receipt shelf-life check)."""
        state = lot_rules.RELEASED if decision == 'release' else lot_rules.REJECTED
        if isinstance(certificate, int):   # an id (demo data)
            certificate = self.env['ir.attachment'].browse(certificate)
        Decision = self.env['lot.release.decision'].sudo()
        for lot in self:
            lot._write_release({'release_state': state})
            Decision.create({
                'lot_id': lot.id,
                'decision': decision,
                'note': note,
                'certificate_id': certificate.id if certificate else False,
                'user_id': self.env.uid,
                'origin': origin,
                'company_id': lot.company_id.id,
            })
            if decision == 'release':
                body = html_body(_('Lot released by quality. Note: %s'), note)
                if certificate:
                    body = html_body(_('Lot released by quality. Note: %s Certificate: %s'),
                                     note, certificate.name)
            else:
                body = html_body(_('Lot rejected by quality. Reason: %s'), note)
            lot.sudo().message_post(body=body, author_id=self.env.user.partner_id.id)
        if state == lot_rules.REJECTED:
            self._unreserve_blocked_lots()
        return True

    def _release_return_action(self):
        """Odoo's return of the receipt that brought this rejected lot in,
        the lot put on the return lines."""
        self.ensure_one()
        picking = self.receipt_picking_id
        action = self.env.ref('stock.act_stock_return_picking').read()[0]
        action['context'] = {'active_id': picking.id, 'active_ids': picking.ids,
                             'active_model': 'stock.picking'}
        return action

    def _release_scrap_action(self):
        """A new scrap order of this rejected lot, from where it is in stock."""
        self.ensure_one()
        quant = self.env['stock.quant'].search(
            [('lot_id', '=', self.id), ('location_id.usage', '=', 'internal'),
             ('quantity', '>', 0)], limit=1)
        context = {'default_product_id': self.product_id.id, 'default_lot_id': self.id,
                   'default_product_uom_id': self.product_id.uom_id.id}
        if quant:
            context.update(default_location_id=quant.location_id.id,
                           default_scrap_qty=quant.quantity)
        return {
            'type': 'ir.actions.act_window', 'name': _('Scrap %s') % self.name,
            'res_model': 'stock.scrap', 'view_mode': 'form', 'views': [(False, 'form')],
            'target': 'new', 'context': context,
        }

    def _check_quarantine_access(self):
        if not self.env.user._lot_is_stock_manager():
            raise AccessError(_('Only an Inventory Manager can quarantine or release lots.'))

    def _write_quarantine(self, vals):
        """The only writer of the quarantine fields: callers check the
        rights first (action_quarantine, action_release)."""
        return super(StockProductionLot, self).write(vals)

    def _unreserve_blocked_lots(self):
        """Remove the reservations made on these lots by moves not done yet
        and reserve those moves again from the stock that is still valid.

        A line with a quantity done keeps it (only its reservation goes: the
        worker's count is not lost, validating it is refused while the lot
        is blocked). Documents of every company are handled: quarantine is
        about the lot, wherever it is reserved."""
        lines = self.env['stock.move.line'].sudo().search([
            ('lot_id', 'in', self.ids),
            ('state', 'not in', ('done', 'cancel', 'draft')),
            ('product_uom_qty', '>', 0),
        ])
        if not lines:
            return
        moves = lines.mapped('move_id')
        documents = list(lines.mapped('picking_id')) + \
            list(lines.mapped('move_id.raw_material_production_id'))
        counted = lines.filtered(lambda line: float_compare(
            line.qty_done, 0, precision_rounding=line.product_uom_id.rounding) > 0)
        counted.write({'product_uom_qty': 0.0})
        (lines - counted).unlink()
        moves._recompute_state()
        moves._action_assign()
        names = ', '.join(self.mapped('name'))
        author = self.env.user.partner_id.id
        for document in documents:
            document.sudo().message_post(author_id=author, body=html_body(_(
                'Lot(s) %s quarantined: their reservation was removed and the '
                'operation re-reserved from valid stock.'), names))

    def _usability_error(self, cutoff=None, release_needed=True):
        """A user-facing message when this lot must not leave the stock
        (expired, quarantined, not released by quality unless RELEASE_NEEDED
        is False, shorter shelf life than CUTOFF), else False."""
        self.ensure_one()
        reason = self._block_reason(cutoff, release_needed)
        if not reason:
            return False
        return self._block_message(reason, self.name, self.product_id, self.life_date,
                                   self.quarantine_reason, cutoff)

    @api.model
    def _block_message(self, reason, name, product, life_date=None, quarantine_reason=None,
                       cutoff=None):
        """The sentence, in the user's language, saying why lot NAME of
        PRODUCT may not be used for REASON (a tools/lot_rules.py reason);
        LIFE_DATE (naive UTC datetime or Odoo's string) and CUTOFF as the
        rule saw them. Also for a lot only read from a label (no record)."""
        if isinstance(life_date, datetime.datetime):
            life_date = fields.Datetime.to_string(life_date)
        product_name = product.display_name
        if reason == lot_rules.QUARANTINED:
            return _('Lot %s of %s is quarantined (%s).') % (
                name, product_name, (quarantine_reason or '').strip() or _('no reason given'))
        if reason == lot_rules.PENDING:
            return _('Lot %s of %s is awaiting quality release.') % (name, product_name)
        if reason == lot_rules.REJECTED:
            return _('Lot %s of %s was rejected by quality.') % (name, product_name)
        if reason == lot_rules.EXPIRED:
            return _('Lot %s of %s expired on %s.') % (name, product_name, life_date)
        return _('Lot %s of %s expires on %s, sooner than the customer accepts (%s).') % (
            name, product_name, life_date, fields.Datetime.to_string(cutoff))

    @api.model
    def _block_label(self, reason):
        """REASON (tools/lot_rules.py) in a few words, for lists of lots."""
        return {
            lot_rules.EXPIRED: _('expired'),
            lot_rules.QUARANTINED: _('quarantined'),
            lot_rules.PENDING: _('awaiting quality release'),
            lot_rules.REJECTED: _('rejected by quality'),
            lot_rules.SHELF_LIFE: _('shelf life too short for the customer'),
        }[reason]

    @api.model
    def _scan_refusal(self, reason, name, product, life_date=None, quarantine_reason=None):
        """(code, message) of a scan refused for REASON (tools/lot_rules.py):
        the code of lot_rules.SCAN_CODES, the lot's own sentence
        (_block_message) between a headline and what the worker does."""
        sentence = self._block_message(reason, name, product, life_date, quarantine_reason)
        template = {
            lot_rules.EXPIRED: _('Expired: %s Do not use it.'),
            lot_rules.QUARANTINED: _('Quarantined: %s Put it aside and call quality.'),
            lot_rules.PENDING: _('Awaiting release: %s Do not use it; put it aside.'),
            lot_rules.REJECTED: _('Rejected: %s Do not use it; put it aside for return or '
                                  'scrap.'),
        }[reason]
        return lot_rules.SCAN_CODES[reason], template % sentence

    def _fefo_date(self):
        self.ensure_one()
        return lot_rules.fefo_date(self.removal_date, self.life_date, self.use_date)

    @api.model
    def _blocked_lot_ids(self, product, cutoff=None, release_needed=True):
        """Ids of the PRODUCT's lots that must not be reserved: quarantined,
        not released by quality (when RELEASE_NEEDED), expired, or (with
        CUTOFF, a naive UTC datetime) ending life before it."""
        now = fields.Datetime.from_string(fields.Datetime.now())
        condition, params = lot_rules.blocked_lots_sql(now, cutoff,
                                                       release_needed=release_needed)
        self.env.cr.execute(
            'SELECT id FROM stock_production_lot lot WHERE lot.product_id = %s AND '
            + condition, [product.id] + params)
        return {row[0] for row in self.env.cr.fetchall()}
