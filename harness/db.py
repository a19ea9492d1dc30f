# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases with lot_traceability installed.

``python -m harness.db ensure NAME [--no-demo]`` creates NAME once (kept when
it is complete), ``python -m harness.db template`` builds the test template
(one per state of the addon's sources, cached), ``python -m harness.db clone
TEMPLATE NAME`` copies one.  A database whose creation fails or was
interrupted is dropped, never left half-created.
"""
import hashlib
import os
import subprocess
import sys
import time

from psycopg2 import sql

from . import pg, settings


def template_prefix():
    # one family of templates per test database, so parallel runs with
    # different LOT_TEST_DB never drop each other's template
    return settings.TEST_DB + '_tmpl_'


class DatabaseError(RuntimeError):
    pass


def exists(name):
    with pg.connect() as conn, conn.cursor() as cr:
        cr.execute('SELECT 1 FROM pg_database WHERE datname = %s', (name,))
        return bool(cr.fetchone())


def drop(name):
    conn = pg.connect()
    try:
        with conn.cursor() as cr:
            cr.execute('SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                       'WHERE datname = %s AND pid <> pg_backend_pid()', (name,))
            cr.execute('UPDATE pg_database SET datistemplate = false WHERE datname = %s', (name,))
            cr.execute(sql.SQL('DROP DATABASE IF EXISTS {}').format(sql.Identifier(name)))
    finally:
        conn.close()
    filestore = os.path.join(settings.DATA_DIR, 'filestore', name)
    if os.path.isdir(filestore):
        import shutil
        shutil.rmtree(filestore, ignore_errors=True)


def is_complete(name, modules=(settings.ADDON,)):
    """True when NAME has the addon (or MODULES) installed and no module left half-done."""
    if not exists(name):
        return False
    conn = pg.connect(name)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module')")
            if cr.fetchone()[0] is None:
                return False
            cr.execute("SELECT count(*) FROM ir_module_module WHERE name IN %s "
                       "AND state = 'installed'", (tuple(modules),))
            if cr.fetchone()[0] != len(set(modules)):
                return False
            cr.execute("SELECT count(*) FROM ir_module_module "
                       "WHERE state IN ('to install', 'to upgrade', 'to remove')")
            return cr.fetchone()[0] == 0
    finally:
        conn.close()


def install(name, demo=True, modules=settings.ADDON, check=None):
    """Create NAME with MODULES installed, in a child Odoo process.

    CHECK(name) tells whether the result is complete (default: the addon is
    installed, see ``is_complete``)."""
    settings.write_odoo_conf()
    cmd = [sys.executable, '-m', 'harness.odoo_bin', '-c', settings.ODOO_CONF, '-d', name,
           '-i', modules, '--stop-after-init', '--log-level=warn', '--max-cron-threads=0',
           '--http-port=0']
    if not demo:
        cmd.append('--without-demo=all')
    started = time.time()
    proc = subprocess.run(cmd, cwd=settings.REPO, env=settings.env())
    if proc.returncode or not (check or is_complete)(name):
        drop(name)
        raise DatabaseError('Installing %s into database %r failed (see the log above); '
                            'the half-created database was dropped.' % (modules, name))
    return time.time() - started


def ensure(name, demo=True, modules=(settings.ADDON,)):
    """Create NAME with MODULES unless it is already complete; recreate a
    half-created one."""
    pg.start()

    def complete(dbname):
        return is_complete(dbname, modules)

    if complete(name):
        return False
    if exists(name):
        print('Database %r is incomplete (interrupted run?): recreating it.' % name)
        drop(name)
    print('Creating database %r with %s%s (takes a few minutes the first time)...'
          % (name, ', '.join(modules), ' and demo data' if demo else ''))
    seconds = install(name, demo=demo, modules=','.join(modules), check=complete)
    print('Database %r ready in %.0f s.' % (name, seconds))
    return True


def sources_digest():
    """Digest of everything that shapes a freshly installed database."""
    digest = hashlib.sha1()
    roots = [os.path.join(settings.REPO, module) for module in settings.TEMPLATE_MODULES]
    extra = [os.path.join(settings.REPO, 'requirements.txt'),
             os.path.join(settings.REPO, 'harness', 'compat.py')]
    paths = list(extra)
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != '__pycache__')
            paths.extend(os.path.join(folder, f) for f in sorted(files)
                         if not f.endswith('.pyc'))
    for path in paths:
        if os.path.exists(path):
            digest.update(os.path.relpath(path, settings.REPO).encode())
            with open(path, 'rb') as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


def template():
    """Name of an up-to-date template database (built when missing): the
    addon, its barcode-app glue and the OCA modules the glue depends on."""
    pg.start()
    name = template_prefix() + sources_digest()
    if not is_complete(name, settings.TEMPLATE_MODULES):
        ensure(name, demo=True, modules=settings.TEMPLATE_MODULES)
        conn = pg.connect()
        try:
            with conn.cursor() as cr:
                cr.execute('UPDATE pg_database SET datistemplate = true WHERE datname = %s',
                           (name,))
        finally:
            conn.close()
    _drop_old_templates(keep=name)
    return name


def _drop_old_templates(keep):
    with pg.connect() as conn, conn.cursor() as cr:
        cr.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)",
                   (template_prefix(),))
        old = [row[0] for row in cr.fetchall() if row[0] != keep]
    for name in old:
        drop(name)


def clone(source, target):
    """Replace TARGET by a copy of SOURCE (database and filestore)."""
    drop(target)
    conn = pg.connect()
    try:
        with conn.cursor() as cr:
            cr.execute(sql.SQL('CREATE DATABASE {} TEMPLATE {}').format(
                sql.Identifier(target), sql.Identifier(source)))
    finally:
        conn.close()
    src_store = os.path.join(settings.DATA_DIR, 'filestore', source)
    if os.path.isdir(src_store):
        import shutil
        shutil.copytree(src_store, os.path.join(settings.DATA_DIR, 'filestore', target))
    return target


DIGEST_PARAM = 'lot_traceability.harness_sources_digest'


def _stored_digest(name):
    conn = pg.connect(name)
    try:
        with conn.cursor() as cr:
            cr.execute('SELECT value FROM ir_config_parameter WHERE key = %s', (DIGEST_PARAM,))
            row = cr.fetchone()
            return row and row[0]
    finally:
        conn.close()


def _store_digest(name, digest):
    conn = pg.connect(name)
    try:
        with conn.cursor() as cr:
            cr.execute('DELETE FROM ir_config_parameter WHERE key = %s', (DIGEST_PARAM,))
            cr.execute("INSERT INTO ir_config_parameter (key, value, create_date, write_date) "
                       "VALUES (%s, %s, now() at time zone 'UTC', now() at time zone 'UTC')",
                       (DIGEST_PARAM, digest))
    finally:
        conn.close()


def ensure_current(name, demo=True):
    """``ensure`` NAME, then upgrade the addon in it when its sources changed
    since the database was made (so ``make run`` never serves a stale schema)."""
    created = ensure(name, demo=demo)
    digest = sources_digest()
    if _stored_digest(name) != digest:
        if not created:
            print('The addon changed since %r was built: upgrading it...' % name)
            update(name)
        _store_digest(name, digest)


def update(name, modules=settings.ADDON):
    """Upgrade MODULES in the existing database NAME (fast developer loop)."""
    settings.write_odoo_conf()
    cmd = [sys.executable, '-m', 'harness.odoo_bin', '-c', settings.ODOO_CONF, '-d', name,
           '-u', modules, '--stop-after-init', '--log-level=warn', '--max-cron-threads=0',
           '--http-port=0']
    if subprocess.run(cmd, cwd=settings.REPO, env=settings.env()).returncode:
        raise DatabaseError('Updating %s in database %r failed (see the log above).'
                            % (modules, name))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ['ensure'] and len(argv) >= 2:
            ensure(argv[1], demo='--no-demo' not in argv)
        elif argv[:1] == ['template']:
            print(template())
        elif argv[:1] == ['clone'] and len(argv) == 3:
            clone(argv[1], argv[2])
        elif argv[:1] == ['drop'] and len(argv) == 2:
            drop(argv[1])
        else:
            raise SystemExit('usage: python -m harness.db ensure NAME [--no-demo] | template '
                             '| clone SOURCE TARGET | drop NAME')
    except (DatabaseError, pg.ClusterError) as exc:
        raise SystemExit(str(exc))


if __name__ == '__main__':
    main()
