# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""harness.pg: start/stop are idempotent, a busy port gives a clear error.

Runs on a second, throw-away cluster so the suite's own cluster is untouched."""
import os
import shutil
import socket

import pytest

from conftest import free_port
from harness import pg, settings


@pytest.fixture
def scratch_cluster(monkeypatch):
    base = os.path.join(settings.STATE, 'scratch-pg-%d' % os.getpid())
    monkeypatch.setattr(settings, 'PG_DIR', base)
    monkeypatch.setattr(settings, 'PG_DATA', os.path.join(base, 'data'))
    monkeypatch.setattr(settings, 'PG_SOCKET_DIR', os.path.join(base, 'run'))
    monkeypatch.setattr(settings, 'PG_LOG', os.path.join(base, 'postgresql.log'))
    monkeypatch.setattr(settings, 'PG_PORT', free_port())
    try:
        yield base
    finally:
        pg.stop()
        shutil.rmtree(base, ignore_errors=True)


def test_start_twice_and_stop_twice(scratch_cluster):
    assert pg.start() is True
    assert pg.start() is False
    assert pg.is_running()
    with pg.connect() as conn, conn.cursor() as cr:
        cr.execute('SELECT current_user')
        assert cr.fetchone()[0] == settings.PG_USER
    assert pg.stop() is True
    assert pg.stop() is False
    assert 'stopped' in pg.status()


def test_stale_pid_file_is_recovered(scratch_cluster):
    pg.init()
    with open(os.path.join(settings.PG_DATA, 'postmaster.pid'), 'w') as stale:
        stale.write('999999\n%s\n' % settings.PG_DATA)
    assert pg.start() is True
    assert pg.is_running()


def test_port_in_use_gives_a_clear_error(scratch_cluster):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(('127.0.0.1', settings.PG_PORT))
        busy.listen(1)
        with pytest.raises(pg.ClusterError) as error:
            pg.start()
    assert 'already used by another program' in str(error.value)
    assert 'LOT_PG_PORT' in str(error.value)
    assert not pg.is_running()
