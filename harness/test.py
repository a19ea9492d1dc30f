# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``make test``: build (or reuse) the template database, clone it, run pytest.

The template is installed once per state of the addon's sources (module
install takes minutes; cloning takes seconds).  Extra arguments go to pytest,
e.g. ``make test ARGS='-k receipt -x'``.

Developer loop: ``LOT_TEST_REUSE=1`` keeps an existing test database and only
upgrades the addon in it (seconds instead of minutes); give each parallel
worker its own ``LOT_TEST_DB``.
"""
import os
import sys

from . import db, pg, settings


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        pg.start()
        if os.environ.get('LOT_TEST_REUSE') and db.is_complete(settings.TEST_DB):
            db.update(settings.TEST_DB)
            # fixtures clone extra databases from the template: it must be idle
            template = db.clone(settings.TEST_DB, settings.TEST_DB + '_src')
        else:
            template = db.template()
            db.clone(template, settings.TEST_DB)
    except (db.DatabaseError, pg.ClusterError) as exc:
        raise SystemExit(str(exc))
    conf = settings.write_odoo_conf()
    os.environ.update(settings.env())
    os.environ['LOT_TEMPLATE_DB'] = template
    import pytest
    paths = [arg for arg in argv if not arg.startswith('-')
             and os.path.exists(arg.split('::')[0])]
    default = [] if paths else [os.path.join(settings.REPO, 'tests')]
    code = pytest.main(['--odoo-config=%s' % conf, '--odoo-database=%s' % settings.TEST_DB,
                        '--odoo-log-level=warn', '-p', 'no:cacheprovider'] + default + argv)
    return int(code)


if __name__ == '__main__':
    sys.exit(main())
