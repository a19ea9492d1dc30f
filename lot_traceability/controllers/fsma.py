# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""FSMA 204 and EPCIS 2.0 downloads: a recall's EPCIS document, and an FSMA
request's workbook and EPCIS document. Logged-in users who may read the
record only (as the recall XLSX). A GET writes nothing; the export is
written to a temporary file and streamed from it (memory stays flat)."""
import codecs
import tempfile

from werkzeug.exceptions import BadRequest
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from .recall import XLSX_MIME, download, readable

EPCIS_MIME = 'application/ld+json'


def _spool_response(spool, mime, name, extension):
    """Stream the temporary file SPOOL, written up to its current position."""
    size = spool.tell()
    spool.seek(0)
    return download(wrap_file(request.httprequest.environ, spool), size, mime, name, extension)


def _spool(write_to):
    """A temporary file written by WRITE_TO(spool); a request that cannot be
    answered (UserError, ValidationError) is a 400 saying why, not a 500."""
    spool = tempfile.TemporaryFile()
    try:
        write_to(spool)
    except (UserError, ValidationError) as error:
        spool.close()
        raise BadRequest(error.name)
    return spool


def _epcis_response(write_to, name):
    def write(spool):
        writer = codecs.getwriter('utf-8')(spool)
        write_to(writer.write)
        writer.flush()
    return _spool_response(_spool(write), EPCIS_MIME, name, 'epcis.jsonld')


class FsmaController(http.Controller):

    @http.route('/lot_traceability/recall/<int:recall_id>/epcis', type='http', auth='user',
                methods=['GET', 'POST'])
    def recall_epcis(self, recall_id, **kwargs):
        recall = readable('lot.recall', recall_id)
        return _epcis_response(recall._export_epcis, recall.name)

    @http.route('/lot_traceability/fsma/<int:request_id>/epcis', type='http', auth='user',
                methods=['GET', 'POST'])
    def fsma_epcis(self, request_id, **kwargs):
        fsma = readable('lot.fsma.request', request_id)
        return _epcis_response(fsma._export_epcis, fsma.name)

    @http.route('/lot_traceability/fsma/<int:request_id>/xlsx', type='http', auth='user',
                methods=['GET', 'POST'])
    def fsma_xlsx(self, request_id, **kwargs):
        fsma = readable('lot.fsma.request', request_id)
        spool = _spool(fsma._export_xlsx)
        spool.seek(0, 2)
        return _spool_response(spool, XLSX_MIME, fsma.name, 'xlsx')
