"""Derived tables are projections of the case history (issue 13 item 3).

``cases`` owns the history; the tables computed from it belong to the contexts that read them: the statistics
cells and spans (``thads.stats``), the open deadlines (``thads.deadlines``) and the search words
(``Case.search_text``, ``thads.cases.search``). ``cases`` imports none of those contexts. Instead every writer of
the history (each act of ``cases.actions``, a receipt, an entrusted incoming case, the importer) *publishes*
"these cases' histories changed (before, after)" inside its own transaction, and every projection, registered by
its app in ``AppConfig.ready()``, brings its tables in step in that same transaction.

API (what a context uses)::

    register(name, factory, order=…)         # in AppConfig.ready(); factory() -> a Session
    publish(changes)                         # one batch, one transaction: each projection's add() then close()
    with publishing() as publish_batch:      # many batches (the importer): add() per batch, close() once at the end
        publish_batch(changes)
    registered() -> list[str]                # the projection names, in the order they run

    register_import_guard(name, guard)       # guard(dates) -> list of problems ("… is closed")
    import_guard() -> guard                  # all registered guards at once (none registered: refuses)

A ``Session`` is opened per publication (per import) and has two methods: ``add(changes)``, called with every
batch, and ``close()``, called once after the last batch (before the transaction commits). A projection that
writes rows shared by many cases (the statistics cells) keeps them in memory until ``close()`` so that its row
locks are held only for the last moments of a long import.

Projections run in ascending ``order`` (then name): deterministic whatever the order in which apps become ready.
The search words (100) come first, the open deadlines (200) next, the statistics (300) last: the statistics cells
are the rows other writers share, so they are written as late as possible.

A projection must give the same rows when recomputed from the histories alone: each has a rebuild command
(``thads rebuild-search``, ``thads recompute-deadlines``, ``thads stats-rebuild``) and a test that an incremental
run after acts and an import equals a rebuild.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from thads.domain.history import CaseHistory


@dataclass(frozen=True, slots=True)
class HistoryChange:
    """One case whose history changed.

    ``case_id``: the ``Case`` row's id. ``before``/``after``: the case's contract history (``domain.history``)
    before and after the change, ``None`` while the case is not decided (a receipt, an entrusted incoming case, a
    case decided by this very act has ``before`` None); ``after`` is ``before`` itself (the same object) when only
    acts outside the contract were appended (a notice, a payout), which the statistics do not see. ``imported``:
    the change comes from the importer, whose histories carry only the contract's events (the deadlines of the acts
    an import cannot carry are not opened, and final cases get none)."""

    case_id: int
    before: CaseHistory | None
    after: CaseHistory | None
    imported: bool = False

    @property
    def contract_changed(self) -> bool:
        """Whether the contract history changed (what the statistics replay)."""
        return self.after is not None and self.after is not self.before and self.after != self.before


class Session(Protocol):
    def add(self, changes: Sequence[HistoryChange]) -> None: ...

    def close(self) -> None: ...


SessionFactory = Callable[[], Session]
ImportGuard = Callable[[Iterable[date]], list[str]]


@dataclass(frozen=True)
class _Registered:
    order: int
    name: str
    factory: SessionFactory


_PROJECTIONS: dict[str, _Registered] = {}
_GUARDS: dict[str, ImportGuard] = {}


def register(name: str, factory: SessionFactory, *, order: int) -> None:
    """Register (or replace, by name) a projection; called from its app's ``AppConfig.ready()``."""
    _PROJECTIONS[name] = _Registered(order, name, factory)


def unregister(name: str) -> None:
    """Remove a projection (tests)."""
    _PROJECTIONS.pop(name, None)


def registered() -> list[str]:
    """The registered projections' names in the order they run."""
    return [p.name for p in _ordered()]


def _ordered() -> list[_Registered]:
    return sorted(_PROJECTIONS.values(), key=lambda p: (p.order, p.name))


class Publication:
    """The projections' sessions of one transaction: opened at the first batch, closed by ``close()``."""

    def __init__(self) -> None:
        self._sessions: list[Session] | None = None

    def __call__(self, changes: Sequence[HistoryChange]) -> None:
        if not changes:
            return
        if self._sessions is None:
            self._sessions = [p.factory() for p in _ordered()]
        for session in self._sessions:
            session.add(changes)

    def close(self) -> None:
        for session in self._sessions or ():
            session.close()
        self._sessions = None


@contextlib.contextmanager
def publishing() -> Iterator[Publication]:
    """Publish many batches of one transaction (the importer): each projection's ``add`` per batch, its ``close``
    once when the block ends without an error (on an error the transaction is rolled back anyway)."""
    publication = Publication()
    yield publication
    publication.close()


def publish(changes: Sequence[HistoryChange]) -> None:
    """Bring every projection in step with ``changes`` (one batch), inside the caller's transaction."""
    with publishing() as publication:
        publication(changes)


def register_import_guard(name: str, guard: ImportGuard) -> None:
    """Register a check an import must pass unless it is declared historical (the statistics: no record dated
    inside a closed period). ``guard(dates)`` returns the problems, in words for the user."""
    _GUARDS[name] = guard


#: The problem an import is refused with when no guard is registered (the statistics app not loaded): a missing
#: registration must not let records into closed periods unchecked; ``--historical`` imports are not guarded.
NO_GUARD_PROBLEM = "no import guard is registered (closed statistical periods cannot be checked)"


def import_guard() -> ImportGuard:
    """All registered import guards as one (their problems in name order). With none registered the guard fails
    closed: any file with a dated record is refused (THADS.md §4.2: records dated inside a closed period need a
    historical import), never let through unchecked."""
    if not _GUARDS:
        return lambda dates: [NO_GUARD_PROBLEM] if any(True for _ in dates) else []
    guards = [_GUARDS[name] for name in sorted(_GUARDS)]

    def check(dates: Iterable[date]) -> list[str]:
        dates = list(dates)
        return [problem for guard in guards for problem in guard(dates)]

    return check


__all__ = ["HistoryChange", "ImportGuard", "Publication", "Session", "import_guard", "publish", "publishing",
           "register", "register_import_guard", "registered", "unregister"]
