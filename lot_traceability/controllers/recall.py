# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX download of a recall: logged-in users who may read the recall only.
The download writes nothing: the Export XLSX button records the export."""
from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


class RecallController(http.Controller):

    @http.route('/lot_traceability/recall/<int:recall_id>/xlsx', type='http', auth='user',
                methods=['GET', 'POST'])
    def recall_xlsx(self, recall_id, token=None, **kwargs):
        recall = request.env['lot.recall'].browse(recall_id)
        try:
            recall.check_access_rights('read')
            recall.check_access_rule('read')
            if not recall.exists():  # an id that does not exist
                raise NotFound()
        except MissingError:
            raise NotFound()
        except AccessError:
            raise Forbidden()
        content, _counts = recall.xlsx_content()
        filename = '%s.xlsx' % recall.name.replace('/', '-')
        response = request.make_response(content, headers=[
            ('Content-Type', XLSX_MIME),
            ('Content-Length', len(content)),
            ('Content-Disposition', content_disposition(filename)),
        ])
        if token:
            # the web client's file download waits for this cookie (as for reports)
            response.set_cookie('fileToken', token)
        return response
