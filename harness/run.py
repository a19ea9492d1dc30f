# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``make run``: start PostgreSQL, create the demo database once, serve Odoo.

Serves http://127.0.0.1:$LOT_HTTP_PORT (8069) with database $LOT_DB
(lot_demo) in the foreground until Ctrl-C.  Login admin / admin.

``LOT_WORKERS=N`` (N > 0) runs Odoo's multi-process server instead of the
threaded one: N HTTP workers, the longpolling (gevent) process on
$LOT_LONGPOLLING_PORT (HTTP port + 3) and cron workers, with Odoo's CPU and
memory limits per worker.
"""
import os
import sys

from . import db, pg, settings


def main():
    try:
        pg.start()
        db.ensure_current(settings.DEMO_DB, demo=True)
    except (db.DatabaseError, pg.ClusterError) as exc:
        raise SystemExit(str(exc))
    settings.write_odoo_conf()
    mode = ''
    args = [sys.executable, '-m', 'harness.odoo_bin', '-c', settings.ODOO_CONF,
            '-d', settings.DEMO_DB, '--db-filter=^%s$' % settings.DEMO_DB]
    if settings.WORKERS > 0:
        args.append('--workers=%d' % settings.WORKERS)
        mode = (' with %d HTTP workers (longpolling on port %d)'
                % (settings.WORKERS, settings.LONGPOLLING_PORT))
    print('Serving %s at http://127.0.0.1:%d%s (login admin / admin); Ctrl-C to stop.'
          % (settings.DEMO_DB, settings.HTTP_PORT, mode), flush=True)
    args += sys.argv[1:]
    os.chdir(settings.REPO)
    os.execve(sys.executable, args, settings.env())


if __name__ == '__main__':
    main()
