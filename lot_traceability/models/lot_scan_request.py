# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The memory of idempotent scans: one row per scan id a user sent with a
scan, holding the first answer (``LotScanMixin.lot_scan(..., scan_id=...)``).

Written only by the scan, as superuser, in the scan's own transaction: a retry
of the same scan (its answer lost on the way to the handheld) finds the row
on any worker or machine and gets the same answer, and nothing is counted
twice."""
import json
import re
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

SCAN_ID_PATTERN = re.compile(r'^[A-Za-z0-9._:-]{1,64}$')
KEEP_DAYS_PARAM = 'lot_traceability.scan_request_days'
KEEP_DAYS_DEFAULT = 7


class LotScanRequest(models.Model):
    _name = 'lot.scan.request'
    _description = 'Scan request (idempotent scans)'
    _order = 'id desc'

    scan_id = fields.Char(string='Scan ID', required=True, readonly=True,
                          help='The id the scanner sent with the scan.')
    # indexed by the unique constraint (user_id, scan_id)
    user_id = fields.Many2one('res.users', string='User', required=True, readonly=True,
                              ondelete='cascade')
    res_model = fields.Char(string='Document Model', required=True, readonly=True)
    res_id = fields.Integer(string='Document ID', required=True, readonly=True)
    barcode = fields.Char(string='Barcode', readonly=True)
    reason = fields.Char(string='Reason', readonly=True)
    answer = fields.Text(string='Answer', readonly=True,
                         help='The answer given to the first request (JSON).')

    _sql_constraints = [
        ('scan_id_user_uniq', 'unique(user_id, scan_id)',
         'A scan id is used once per user.'),
    ]

    # ------------------------------------------------------------ used by lot_scan
    @api.model
    def _check_scan_id(self, scan_id):
        """SCAN_ID as sent, or a UserError naming what is wrong with it."""
        if not isinstance(scan_id, str) or not SCAN_ID_PATTERN.match(scan_id):
            raise UserError(_(
                'The scan id "%s" is not valid: send 1 to 64 letters, digits, '
                '".", "_", ":" or "-" (a UUID, for example), a new one for each scan.')
                % (scan_id,))
        return scan_id

    @api.model
    def _claim(self, user_id, scan_id, res_model, res_id, barcode, reason):
        """Reserve SCAN_ID for USER_ID in the current transaction.

        Returns None when the scan is new (the caller scans, then stores the
        answer with :meth:`_store_answer`), else the stored answer of the first
        request. When another transaction holds the same id (a repeat arriving
        while the first request still runs), PostgreSQL makes this INSERT wait
        for it, then raises a serialization failure (REPEATABLE READ): the
        caller then reads that answer with :meth:`_committed_answer`."""
        cr = self.env.cr
        cr.execute("""
            INSERT INTO lot_scan_request (scan_id, user_id, res_model, res_id, barcode, reason,
                                          create_uid, write_uid, create_date, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC',
                    now() at time zone 'UTC')
            ON CONFLICT (user_id, scan_id) DO NOTHING
            RETURNING id
        """, (scan_id, user_id, res_model, res_id, barcode or '', reason or '',
              user_id, user_id), log_exceptions=False)
        if cr.fetchone():
            return None
        return self._first_answer(cr, user_id, scan_id, res_model, res_id, barcode, reason)

    @api.model
    def _committed_answer(self, user_id, scan_id, res_model, res_id, barcode, reason):
        """After a concurrency error: the answer another transaction committed
        meanwhile for SCAN_ID of USER_ID, read in a new transaction (the
        current one's snapshot does not see it), or None."""
        with self.pool.cursor() as cr:
            return self._first_answer(cr, user_id, scan_id, res_model, res_id, barcode, reason)

    @api.model
    def _first_answer(self, cr, user_id, scan_id, res_model, res_id, barcode, reason):
        """The answer stored for SCAN_ID of USER_ID, read on CR, or None; a
        UserError when it answered another scan."""
        cr.execute("""
            SELECT res_model, res_id, barcode, reason, answer FROM lot_scan_request
             WHERE user_id = %s AND scan_id = %s
        """, (user_id, scan_id))
        row = cr.fetchone()
        if not row:
            return None
        first_model, first_id, first_barcode, first_reason, answer = row
        if (first_model, first_id, first_barcode or '', first_reason or '') != (
                res_model, res_id, barcode or '', reason or '') or not answer:
            raise UserError(_(
                'The scan id "%s" was already sent with another scan (another document, '
                'barcode or reason): nothing was recorded. Send a new scan id for each '
                'scan, and the same one only to repeat a scan that got no answer.') % scan_id)
        return json.loads(answer)

    @api.model
    def _store_answer(self, user_id, scan_id, answer):
        """Keep ANSWER as the answer to SCAN_ID of USER_ID (claimed)."""
        self.env.cr.execute("""
            UPDATE lot_scan_request SET answer = %s WHERE user_id = %s AND scan_id = %s
        """, (json.dumps(answer), user_id, scan_id))

    # ------------------------------------------------------------ cron
    @api.model
    def _gc_scan_requests(self):
        """Forget the scan requests older than the days of the system parameter
        ``lot_traceability.scan_request_days`` (default 7)."""
        value = self.env['ir.config_parameter'].sudo().get_param(KEEP_DAYS_PARAM)
        try:
            days = int(value) if value else KEEP_DAYS_DEFAULT
        except ValueError:
            days = KEEP_DAYS_DEFAULT
        days = max(days, 1)
        limit = fields.Datetime.to_string(datetime.utcnow() - timedelta(days=days))
        self.env.cr.execute('DELETE FROM lot_scan_request WHERE create_date < %s', (limit,))
        self.invalidate_cache()
        return True
