# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX download of a recall: logged-in users who may read the recall only."""
from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


class RecallController(http.Controller):

    @http.route('/lot_traceability/recall/<int:recall_id>/xlsx', type='http', auth='user')
    def recall_xlsx(self, recall_id, **kwargs):
        recall = request.env['lot.recall'].browse(recall_id)
        try:
            recall.check_access_rights('read')
            recall.check_access_rule('read')
            recall.name  # raises MissingError for an id that does not exist
        except MissingError:
            raise NotFound()
        except AccessError:
            raise Forbidden()
        content = recall.export_xlsx()
        filename = '%s.xlsx' % recall.name.replace('/', '-')
        return request.make_response(content, headers=[
            ('Content-Type', XLSX_MIME),
            ('Content-Length', len(content)),
            ('Content-Disposition', content_disposition(filename)),
        ])
