"""``make run``: start PostgreSQL, create the demo database once, serve Odoo.

Serves http://127.0.0.1:$LOT_HTTP_PORT (8069) with database $LOT_DB
(lot_demo) in the foreground until Ctrl-C.  Login admin / admin.
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
    print('Serving %s at http://127.0.0.1:%d (login admin / admin); Ctrl-C to stop.'
          % (settings.DEMO_DB, settings.HTTP_PORT), flush=True)
    args = [sys.executable, '-m', 'harness.odoo', '-c', settings.ODOO_CONF,
            '-d', settings.DEMO_DB, '--db-filter=^%s$' % settings.DEMO_DB] + sys.argv[1:]
    os.chdir(settings.REPO)
    os.execve(sys.executable, args, settings.env())


if __name__ == '__main__':
    main()
