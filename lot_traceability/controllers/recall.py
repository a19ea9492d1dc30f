# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX download of a recall: logged-in users who may read the recall only.
The download writes nothing: the Export XLSX button records the export.
The helpers serve every download of the addon (controllers/fsma.py too)."""
import json

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request, serialize_exception
from odoo.tools import html_escape

XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


def readable(model, record_id):
    """The record MODEL RECORD_ID if the user may read it: else 404 for an id
    that does not exist, 403 for a record the user may not read."""
    record = request.env[model].browse(record_id)
    try:
        record.check_access_rights('read')
        record.check_access_rule('read')
        if not record.exists():  # an id that does not exist
            raise NotFound()
    except MissingError:
        raise NotFound()
    except AccessError:
        raise Forbidden()
    return record


def download(body, size, mime, name, extension):
    """The response sending BODY (SIZE bytes) as the file NAME.EXTENSION
    ('/' in a record's reference becomes '-'). A download the web client asked for
    (session.get_file: a POST with a token) waits for the token in a cookie, as for
    reports: the UI is released when the file arrives."""
    response = request.make_response(body, headers=[
        ('Content-Type', mime),
        ('Content-Length', size),
        ('Content-Disposition', content_disposition(
            '%s.%s' % (name.replace('/', '-'), extension))),
    ])
    token = request.params.get('token')
    if token:
        response.set_cookie('fileToken', token)
    return response


class RecallController(http.Controller):

    @http.route('/lot_traceability/recall/<int:recall_id>/xlsx', type='http', auth='user',
                methods=['GET', 'POST'])
    def recall_xlsx(self, recall_id, **kwargs):
        recall = readable('lot.recall', recall_id)
        try:
            content, _counts = recall._xlsx_content()
        except UserError as error:
            # the web client's file download shows this error as a message
            body = json.dumps({'code': 200, 'message': 'Odoo Server Error',
                               'data': serialize_exception(error)})
            response = request.make_response(html_escape(body))
            response.status_code = 503
            return response
        return download(content, len(content), XLSX_MIME, recall.name, 'xlsx')
