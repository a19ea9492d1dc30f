# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Database outages and expected conflicts, seen from the HTTP side.

*Outage.* Odoo 11 checks the registry's signaling (a query) at the start of
every request to a database; when PostgreSQL is restarting that query fails
with a connection error and ``odoo.http.Root.dispatch`` logs the session out
and serves the request without a database (the scan route answers 404, the
next request "Session expired", ``/web`` an HTML 500). While an HTTP request
runs, :func:`check_signaling` turns such a connection error into
:class:`DatabaseUnavailable`: 503 with ``Retry-After``, the session untouched
(a JSON request gets a JSON-RPC error of code 503 with ``data.retry`` =
true); so does a request whose connection is lost while it runs, and one
whose cursor cannot be closed at its end (``WebRequest.__exit__``; nothing
was committed). Any other error (missing database, bad query) keeps Odoo's
behaviour.

*Expected conflicts.* ``odoo.sql_db`` logs each failed statement as ERROR
"bad query" before raising it. A scan that loses a race against another
scan is rolled back and retried (``controllers/scan.py``, then Odoo's retry
of the whole request on a serialization failure): inside
:func:`expected_conflicts` the "bad query" record of a serialization failure
or unique violation is dropped (the retries log INFO lines); every other
statement's error is logged as before. A JSON request of a route declared
with ``retry_when_busy=True`` (the scan route) that still meets concurrent
updates after every retry is answered 503 with ``data.retry`` = true
(nothing was kept; the client sends it again) and logged at INFO.

*Time limit.* The multi-process server SIGKILLs a worker whose request runs
longer than ``limit_time_real`` (checked every 4 s): the client gets no
answer (502 behind a proxy). Inside :func:`time_budget` (a recall's trace
and XLSX export) every statement gets a ``statement_timeout`` that ends it
:data:`RESERVE` seconds before that, and a statement that reaches it is a
:class:`~odoo.exceptions.UserError` saying so (the transaction is rolled
back: nothing is kept). ``client_connection_check_interval`` makes
PostgreSQL end the statement of a worker that was killed anyway (its locks
go with it) instead of running it to its end.
"""
import json
import logging
import threading
import time
from contextlib import contextmanager

import werkzeug.exceptions
import werkzeug.wrappers
from psycopg2 import IntegrityError, InterfaceError, OperationalError, errorcodes
from psycopg2.extensions import QueryCanceledError, TransactionRollbackError

import odoo
from odoo import _, http
from odoo.modules.registry import Registry
from odoo.tools import config

from .exceptions import PlainUserError

_logger = logging.getLogger(__name__)
_state = threading.local()

RETRY_AFTER = 1   # seconds
# seconds kept before limit_time_real: the server's 4 s check period + 1 s to answer
RESERVE = 5


def is_connection_error(error):
    """True for a lost or refused PostgreSQL connection (server restarting,
    shut down, network), False for any other database error."""
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    code = getattr(error, 'pgcode', None) or ''
    if code and not code.startswith(('08', '57P')):
        return False   # serialization failure, query cancelled, ...
    return 'does not exist' not in str(error)


class DatabaseUnavailable(werkzeug.exceptions.ServiceUnavailable):
    """503 Service Unavailable, retryable; JSON for a JSON request."""

    def __init__(self, json_request=False, request_id=None):
        self.message = unavailable_message()
        headers = [('Retry-After', str(RETRY_AFTER))]
        if json_request:
            error = retry_error()
            error.pop('http_status')
            body = json.dumps({'jsonrpc': '2.0', 'id': request_id, 'error': error})
            response = werkzeug.wrappers.Response(body, status=503, headers=headers,
                                                  mimetype='application/json')
        else:
            response = werkzeug.wrappers.Response(self.message, status=503, headers=headers,
                                                  mimetype='text/plain')
        super(DatabaseUnavailable, self).__init__(self.message, response=response)


def unavailable_message():
    return _('The database is not reachable at the moment; send the same request again.')


def busy_message():
    return _('Other scans of this document were being saved at the same moment, every time '
             'this one was tried; nothing of it was kept. Send the same scan again.')


def retry_error(message=None):
    """The JSON-RPC error of a request to send again (JsonRequest._json_response)."""
    message = message or unavailable_message()
    return {'code': 503, 'message': message, 'http_status': 503,
            'data': {'name': 'lot_traceability.database_unavailable', 'message': message,
                     'arguments': [message], 'exception_type': 'retry', 'retry': True}}


def unavailable(request=None):
    """The DatabaseUnavailable answer for REQUEST (an odoo.http.WebRequest)."""
    if request is None:
        return DatabaseUnavailable()
    json_request = getattr(request, '_request_type', None) == 'json'
    request_id = getattr(request, 'jsonrequest', {}).get('id') if json_request else None
    return DatabaseUnavailable(json_request, request_id)


_check_signaling = Registry.check_signaling


def check_signaling(self):
    try:
        return _check_signaling(self)
    except (OperationalError, InterfaceError) as error:
        request = http._request_stack.top
        if request is None or not is_connection_error(error):
            raise
        _logger.warning('database %s unreachable, request answered 503: %s',
                        self.db_name, str(error).strip())
        raise unavailable(request)


Registry.check_signaling = check_signaling

_json_handle_exception = http.JsonRequest._handle_exception


def is_concurrency_failure(error):
    """A serialization failure or deadlock: the transaction met a concurrent one."""
    return isinstance(error, TransactionRollbackError)


def retries_when_busy(json_request):
    """True for a route declared with ``retry_when_busy=True``: its request,
    still meeting concurrent updates after every retry, is answered 503 with
    data.retry = true (nothing was kept) instead of an error."""
    endpoint = getattr(json_request, 'endpoint', None)
    return bool(endpoint and endpoint.routing.get('retry_when_busy'))


def json_handle_exception(self, exception):
    """A JSON-RPC request whose connection was lost, or (routes declared
    retry_when_busy) that lost every retry to concurrent updates: 503,
    data.retry = true."""
    if isinstance(exception, DatabaseUnavailable) or is_connection_error(exception):
        self._failed = exception   # nothing to commit
        _logger.warning('database connection lost during %s, answered 503: %s',
                        self.httprequest.path, str(exception).strip())
        return self._json_response(error=retry_error())
    if is_concurrency_failure(exception) and retries_when_busy(self):
        self._failed = exception   # rolled back: nothing to commit
        _logger.info('%s met concurrent updates at every try, answered 503 (send again)',
                     self.httprequest.path)
        return self._json_response(error=retry_error(busy_message()))
    return _json_handle_exception(self, exception)


http.JsonRequest._handle_exception = json_handle_exception

_request_exit = http.WebRequest.__exit__


def request_exit(self, exc_type, exc_value, traceback):
    """Closing the cursor of a dead connection fails: answer 503, not Odoo's
    HTML error page (nothing of the request was committed)."""
    try:
        return _request_exit(self, exc_type, exc_value, traceback)
    except (OperationalError, InterfaceError) as error:
        if not is_connection_error(error):
            raise
        self.disable_db = True
        self.uid = None
        raise unavailable(self)


http.WebRequest.__exit__ = request_exit


@contextmanager
def _expected(predicate):
    """odoo.sql_db's "bad query" record of an error that PREDICATE accepts is dropped."""
    previous = getattr(_state, 'expected', None)
    _state.expected = predicate
    try:
        yield
    finally:
        _state.expected = previous


def expected_conflicts():
    """Statements run inside may lose a race that the caller retries."""
    return _expected(is_expected_conflict)


def is_expected_conflict(error):
    if isinstance(error, TransactionRollbackError):
        return True
    return isinstance(error, IntegrityError) and error.pgcode == errorcodes.UNIQUE_VIOLATION


def request_time_limit():
    """limit_time_real (s) when this process is an HTTP worker of the
    multi-process server answering a request, else None (threaded server,
    cron, shell, tests: nothing kills them)."""
    if odoo.evented or not config.get('workers') or http._request_stack.top is None:
        return None
    limit = config.get('limit_time_real') or 0
    return limit if limit > 0 else None


class TimeBudget(object):
    """The seconds left to WHAT (a sentence for the user) before the worker is killed."""

    def __init__(self, env, what, limit):
        self.env = env   # the user's language for the message
        self.what = what
        self.limit = limit
        self.deadline = time.time() + limit - RESERVE

    def check(self):
        """Give the next statements the time that is left; UserError when none is."""
        left = self.deadline - time.time()
        if left <= 0:
            self.stop()
        self.env.cr.execute('SET LOCAL statement_timeout = %s', (max(1, int(left * 1000)),))

    def stop(self, aborted=False):
        """UserError saying why; ABORTED: a statement was stopped, the
        transaction is rolled back first (the message is translated by a query)."""
        if aborted:
            self.env.cr.rollback()
        _logger.warning('%s stopped %d s before limit_time_real (%d s)',
                        self.what, RESERVE, self.limit)
        raise PlainUserError(_(
            '%s was stopped: it was about to pass the time this server gives one request '
            '(limit_time_real, %d s). Nothing of it was kept. Try again when the server is '
            'less busy; if it happens again, ask your administrator to raise '
            'limit_time_real.') % (self.what, self.limit), _('Request stopped'))


class _NoBudget(object):
    def check(self):
        pass


def is_statement_timeout(error):
    return isinstance(error, QueryCanceledError)


@contextmanager
def time_budget(env, what):
    """Run the block within the request's limit_time_real (see *Time limit*);
    yields an object whose check() the block calls between long steps."""
    limit = request_time_limit()
    if limit is None or limit - RESERVE < 1:
        yield _NoBudget()   # nothing to stop first, or too short to stop in time
        return
    cr = env.cr
    budget = TimeBudget(env, what, limit)
    if cr._cnx.server_version >= 140000:
        cr.execute("SET LOCAL client_connection_check_interval = 1000")
    budget.check()
    try:
        with _expected(is_statement_timeout):
            yield budget
    except QueryCanceledError:
        budget.stop(aborted=True)
    cr.execute('SET LOCAL statement_timeout TO DEFAULT')


class ExpectedConflictFilter(logging.Filter):
    """Drops odoo.sql_db's "bad query" of an expected error: a retried
    conflict, a statement stopped by time_budget."""

    def filter(self, record):
        expected = getattr(_state, 'expected', None)
        if expected is None or record.levelno < logging.ERROR:
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        return not (str(record.msg).startswith('bad query') and args and expected(args[-1]))


if not any(isinstance(f, ExpectedConflictFilter) for f in logging.getLogger('odoo.sql_db').filters):
    logging.getLogger('odoo.sql_db').addFilter(ExpectedConflictFilter())
