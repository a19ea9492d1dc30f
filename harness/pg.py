# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A private PostgreSQL cluster in ``.state/pg``, on 127.0.0.1 only.

Usage: ``python -m harness.pg {init,start,stop,status}``.  Every command is
idempotent: starting a running cluster or stopping a stopped one is fine.  A
stale ``postmaster.pid`` left by an interrupted run is removed; a port used by
another program is reported clearly.
"""
import os
import pwd
import shutil
import socket
import subprocess
import sys

from . import settings

OWNER = 'postgres'   # PostgreSQL refuses to run as root


class ClusterError(RuntimeError):
    pass


def _binary(name):
    path = shutil.which(name)
    if path is None:
        for version in ('17', '16', '15', '14', '13'):
            candidate = '/usr/lib/postgresql/%s/bin/%s' % (version, name)
            if os.path.exists(candidate):
                return candidate
        raise ClusterError('PostgreSQL tool %r not found: install the Debian package '
                           '"postgresql" (apt-get install postgresql)' % name)
    return path


def _as_owner(cmd):
    if os.geteuid() == 0:
        return ['runuser', '-u', OWNER, '--'] + cmd
    return cmd


def _run(cmd, check=True):
    proc = subprocess.run(_as_owner(cmd), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    if check and proc.returncode:
        raise ClusterError('%s failed:\n%s' % (' '.join(cmd), proc.stdout))
    return proc


def _chown_tree(path):
    if os.geteuid() != 0:
        return
    user = pwd.getpwnam(OWNER)
    for root, dirs, files in os.walk(path):
        os.chown(root, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(os.path.join(root, name), user.pw_uid, user.pw_gid)


def is_initialised():
    return os.path.exists(os.path.join(settings.PG_DATA, 'PG_VERSION'))


def init():
    """Create the cluster (superuser role ``odoo``, trust auth on 127.0.0.1)."""
    if is_initialised():
        return False
    if os.path.exists(settings.PG_DATA):
        shutil.rmtree(settings.PG_DATA)   # a half-created cluster: start over
    os.makedirs(settings.PG_DATA)
    os.makedirs(settings.PG_SOCKET_DIR, exist_ok=True)
    os.chmod(settings.PG_DATA, 0o700)
    _chown_tree(settings.PG_DIR)
    _run([_binary('initdb'), '-D', settings.PG_DATA, '-U', settings.PG_USER,
          '--auth=trust', '-E', 'UTF8', '--locale=C'])
    with open(os.path.join(settings.PG_DATA, 'postgresql.conf'), 'a') as conf:
        conf.write('\n# lot_traceability private cluster\n'
                   "listen_addresses = '127.0.0.1'\n"
                   # a throw-away development/test cluster: trade durability for speed
                   'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
                   'max_connections = 200\nshared_buffers = 256MB\n')
    return True


def is_running():
    if not is_initialised():
        return False
    return _run([_binary('pg_ctl'), 'status', '-D', settings.PG_DATA], check=False).returncode == 0


def _port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((settings.PG_HOST, port)) == 0


def _remove_stale_pid():
    pid_file = os.path.join(settings.PG_DATA, 'postmaster.pid')
    if os.path.exists(pid_file):
        os.remove(pid_file)


def start():
    """Start the cluster; return True when it was started by this call."""
    init()
    if is_running():
        return False
    _remove_stale_pid()
    if _port_in_use(settings.PG_PORT):
        raise ClusterError(
            'Port %d on 127.0.0.1 is already used by another program, so the project '
            'PostgreSQL cannot start there. Stop that program or choose another port: '
            'LOT_PG_PORT=55433 make ...' % settings.PG_PORT)
    os.makedirs(settings.PG_SOCKET_DIR, exist_ok=True)
    _chown_tree(settings.PG_DIR)
    options = '-p %d -k %s' % (settings.PG_PORT, settings.PG_SOCKET_DIR)
    proc = _run([_binary('pg_ctl'), 'start', '-D', settings.PG_DATA, '-l', settings.PG_LOG,
                 '-w', '-t', '60', '-o', options], check=False)
    if proc.returncode:
        tail = ''
        if os.path.exists(settings.PG_LOG):
            with open(settings.PG_LOG) as log:
                tail = ''.join(log.readlines()[-15:])
        raise ClusterError('PostgreSQL did not start:\n%s\n%s' % (proc.stdout, tail))
    return True


def stop():
    """Stop the cluster; return True when it was running."""
    if not is_running():
        return False
    _run([_binary('pg_ctl'), 'stop', '-D', settings.PG_DATA, '-m', 'fast', '-w'])
    return True


def status():
    if not is_initialised():
        return 'not initialised (%s)' % settings.PG_DATA
    if is_running():
        return 'running on %s:%d (%s)' % (settings.PG_HOST, settings.PG_PORT, settings.PG_DATA)
    return 'stopped (%s)' % settings.PG_DATA


def connect(dbname='postgres'):
    import psycopg2
    conn = psycopg2.connect(host=settings.PG_HOST, port=settings.PG_PORT,
                            user=settings.PG_USER, dbname=dbname)
    conn.autocommit = True
    return conn


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else 'status'
    try:
        if command == 'init':
            print('initialised' if init() else 'already initialised')
        elif command == 'start':
            print('started' if start() else 'already running', '-', status())
        elif command == 'stop':
            print('stopped' if stop() else 'not running')
        elif command == 'status':
            print(status())
        else:
            raise SystemExit('usage: python -m harness.pg {init,start,stop,status}')
    except ClusterError as exc:
        raise SystemExit(str(exc))


if __name__ == '__main__':
    main()
