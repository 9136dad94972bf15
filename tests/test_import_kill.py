"""Killing ``thads import`` half way (``kill -9``) leaves the database exactly as before (issue 12, "faults").

A real process imports a province file into a database of its own (a SQLite file, or a fresh PostgreSQL database
when the suite runs on PostgreSQL); once its transaction has written the first batch of new cases it gets SIGKILL.
Counts, ledger sums, cached amounts, statistics cells and the byte-exact ``thads export`` must equal those from
before, the busy page must no longer think an import is running, and (SQLite) the same import then runs to its end.
"""

from __future__ import annotations

import signal
import time

from tests import import_processes as procs
from thads.cases.importer import running_imports


def test_an_import_killed_half_way_leaves_the_database_as_before(tmp_path, settings):
    vendor = procs.suite_vendor()
    with procs.prepared_database(tmp_path, vendor) as env:
        before = procs.snapshot(env)  # counts, sums, cells, audit rows, SHA-256 of `thads export --unit HUE`
        assert before["ledger_check"] == "ok"
        importer = procs.start_import(env)
        state = procs.wait_until_writing(env, importer, min_done=1)
        assert state is not None, "the import ended before it was half way: " + procs.output(importer)
        importer.send_signal(signal.SIGKILL)
        assert importer.wait(30) == -signal.SIGKILL
        assert 0 < state["done"] < state["total"]

        if vendor == "postgresql":  # the server notices the dropped connection and rolls its transaction back
            time.sleep(0.5)
        assert procs.snapshot(env) == before
        settings.VAR_DIR = env["THADS_VAR_DIR"]
        assert running_imports() == []  # the killed import's progress file is recognised as dead

        if vendor == "postgresql":
            return  # PostgreSQL's rollback of a dropped connection is the server's; SQLite's recovery is tested below
        # SQLite: the killed process's lock and WAL leave no trace; the same import then runs to its end.
        again = procs.thads(env, "import", str(procs.files()[1]))
        assert again.returncode == 0, again.stderr[-2000:]
        after = procs.snapshot(env, export=False)
        assert after["cases"] == procs.BIG_CASES and after["audit"] == before["audit"] + 1
        assert after["ledger_check"] == "ok"
