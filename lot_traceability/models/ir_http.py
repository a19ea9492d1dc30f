# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessDenied
from odoo.http import request

from ..db_errors import DatabaseUnavailable, is_connection_error, unavailable


class IrHttp(models.AbstractModel):
    _inherit = 'ir.http'

    @classmethod
    def _authenticate(cls, auth_method='user'):
        """Odoo turns any error of the session check into AccessDenied: one
        caused by a lost database connection (PostgreSQL restarting between
        the request's first query and the check) answers 503 instead, like
        the rest of that moment's requests; the session stays logged in."""
        try:
            return super(IrHttp, cls)._authenticate(auth_method)
        except AccessDenied as error:
            if is_connection_error(error.__context__):
                raise unavailable(request)
            raise

    @classmethod
    def _handle_exception(cls, exception):
        """A request whose database connection was lost answers 503 (JSON with
        "retry": true for a JSON request) instead of Odoo's error page; the
        transaction is not committed and the session stays logged in."""
        if isinstance(exception, DatabaseUnavailable) or is_connection_error(exception):
            request._failed = exception   # no commit
            if isinstance(exception, DatabaseUnavailable):
                return exception.get_response()
            return unavailable(request).get_response()
        return super(IrHttp, cls)._handle_exception(exception)
