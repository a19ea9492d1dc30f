# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""POST /lot_traceability/scan (JSON-RPC): scanners, handheld apps and the
form of a saved transfer or manufacturing order (lot_scan_form.js)."""
import logging
import random
import time

from psycopg2 import IntegrityError, errorcodes
from psycopg2.extensions import TransactionRollbackError

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from ..db_errors import expected_conflicts, is_connection_error, unavailable
from ..models.lot_scan_mixin import scan_document

_logger = logging.getLogger(__name__)

SCAN_TRIES = 5


def scan_with_retry(env, model, res_id, barcode, reason=None, tries=SCAN_TRIES, scan_id=None):
    """One scan as the whole transaction of ENV's cursor (the request's).

    When a concurrent scan changed the same line (serialization failure) or
    created the same new lot (unique violation), the transaction starts over,
    so no increment is lost and the next try finds that lot (a repeat of a
    running scan with the same SCAN_ID waits for it and gets its answer in
    lot_scan itself); the caller commits. These conflicts are not logged as
    errors by odoo.sql_db (db_errors): a serialization failure of the last
    try goes on to Odoo's own retry of the request (odoo.service.model.check);
    when that too fails every time, the route (retry_when_busy) answers 503
    with data.retry = true: nothing was kept, the client sends it again."""
    for attempt in range(1, tries + 1):
        try:
            with expected_conflicts():
                return scan_document(env, model, res_id, barcode, reason=reason,
                                     scan_id=scan_id)
        except (TransactionRollbackError, IntegrityError) as error:
            if attempt == tries or (isinstance(error, IntegrityError) and
                                    error.pgcode != errorcodes.UNIQUE_VIOLATION):
                raise
            _logger.info('scan on %s,%s: concurrent update (%s), try %d', model, res_id,
                         error.pgcode, attempt + 1)
            env.cr.rollback()
            env.clear()
            # PostgreSQL raises both only once the other transaction has
            # committed: the next try can go at once (a few ms of jitter keep
            # two retrying scans apart)
            time.sleep(random.uniform(0, 0.005) * attempt)


class LotScanController(http.Controller):

    @http.route('/lot_traceability/scan', type='json', auth='user', methods=['POST'],
                retry_when_busy=True)
    def scan(self, model, res_id, barcode, reason=None, scan_id=None, **kw):
        """Params: model (stock.picking | mrp.production), res_id, barcode, optional
        reason (overrides the planned lot), optional scan_id (the client's id of
        this scan: sent again, the first answer comes back and nothing changes).
        Answer: {status, code, message, line} (LotScanMixin.lot_scan), sent
        once the scan is committed. When the database connection is lost
        (PostgreSQL restarting), the answer is HTTP 503 with "retry": true:
        whether the scan was saved is unknown, the client sends it again
        with the same scan_id. So is a scan that met other scans of the
        same lines at every retry (nothing of it was kept)."""
        try:
            res_id = int(res_id)
        except (TypeError, ValueError):
            raise UserError(_('The document id "%s" is not a number.') % (res_id,))
        answer = scan_with_retry(request.env, model, res_id, barcode, reason=reason,
                                 scan_id=scan_id)
        try:
            request.env.cr.commit()
        except Exception as error:
            if is_connection_error(error):
                raise unavailable(request)
            raise
        return answer
