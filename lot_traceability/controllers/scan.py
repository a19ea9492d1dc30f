# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""POST /lot_traceability/scan (JSON-RPC): scanners and handheld apps."""
import logging
import random
import time

from psycopg2.extensions import TransactionRollbackError

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

_logger = logging.getLogger(__name__)

SCAN_MODELS = ('stock.picking', 'mrp.production')
MAX_TRIES = 5


class LotScanController(http.Controller):

    @http.route('/lot_traceability/scan', type='json', auth='user')
    def scan(self, model, res_id, barcode, reason=None, **kw):
        """Same answer as the form's scan: {status, code, message, line}."""
        if model not in SCAN_MODELS:
            raise UserError(_('Scanning is possible on transfers and manufacturing '
                              'orders only, not on %s.') % model)
        try:
            res_id = int(res_id)
        except (TypeError, ValueError):
            raise UserError(_('The document id "%s" is not a number.') % (res_id,))
        env = request.env
        for attempt in range(1, MAX_TRIES + 1):
            record = env[model].browse(res_id)
            if not record.exists():
                raise MissingError(_('This document does not exist any more.'))
            try:
                record.check_access_rights('write')
                record.check_access_rule('write')
            except AccessError:
                raise AccessError(_('You may not record scans on this document.'))
            try:
                return record.lot_scan(barcode, reason=reason)
            except TransactionRollbackError:
                # another scan changed the same line at the same moment: start over
                if attempt == MAX_TRIES:
                    raise
                _logger.info('scan on %s,%s: concurrent update, retry %d', model, res_id, attempt)
                env.cr.rollback()
                env.clear()
                time.sleep(random.uniform(0.01, 0.1) * attempt)
