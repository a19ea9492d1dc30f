# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""POST /lot_traceability/scan (JSON-RPC): scanners and handheld apps."""
from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from ..models.lot_scan_mixin import scan_with_retry


class LotScanController(http.Controller):

    @http.route('/lot_traceability/scan', type='json', auth='user', methods=['POST'])
    def scan(self, model, res_id, barcode, reason=None, **kw):
        """Params: model (stock.picking | mrp.production), res_id, barcode, optional
        reason (overrides the planned lot). Answer: {status, code, message, line},
        the same as the form's scan."""
        try:
            res_id = int(res_id)
        except (TypeError, ValueError):
            raise UserError(_('The document id "%s" is not a number.') % (res_id,))
        return scan_with_retry(request.env, model, res_id, barcode, reason=reason)
