"""The official registers (sổ) an enforcement office keeps, as pure data: the six kinds, their printed titles, the
book year and the running numbers (THADS.md §2.3).

The register forms are set by TT 04/2023/TT-BTP Art. 30 — the article exists; **the column lists are UNVERIFIED**
(THADS.md §2.3): the columns THADS prints (``thads.registers.registers``) follow the sổ thụ lý described there and
the facts the history holds. A register is **per office**: it lists the acts of the unit itself (not of the units
below it), as each office keeps its own books.

Running numbers: each register numbers its lines from 1 within a **book year**, the calendar year (UNVERIFIED: a
sổ is opened each year; TT 04/2023/TT-BTP Art. 30 was not read in the issue 18 law review, and the statistics run on
the statistical year 01/10–30/09 (THADS.md §4), so a sổ may instead open on 01/10). ``BOOK_YEAR_START_MONTH`` says
when it opens; an installation sets ``THADS_REGISTER_BOOK_YEAR_START_MONTH`` (e.g. 10) without a code change
(``registers.registers.start_month``). A line keeps its number whatever period is
printed: the number of a line is one more than the lines of the same register and book year before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum


class RegisterKind(StrEnum):
    """The six registers (issue 18), by the names of ``thads register --kind``."""

    JUDGMENTS = "judgments"  # sổ nhận bản án, quyết định (Arts. 27–29)
    REQUESTS = "requests"  # sổ nhận đơn yêu cầu thi hành án (Art. 31)
    DECISIONS = "decisions"  # sổ quyết định về thi hành án (Arts. 36, 37, 44a, 48–50, 55)
    MONEY = "money"  # sổ thu, chi tiền thi hành án (TT 04/2023 Arts. 13–19)
    UNABLE = "unable"  # sổ theo dõi việc chưa có điều kiện thi hành (Art. 44a)
    DOCUMENTS = "documents"  # sổ đăng ký văn bản đi


#: The printed titles of the books (the words of the sector; the forms' own titles are UNVERIFIED).
TITLES_VI: dict[RegisterKind, str] = {
    RegisterKind.JUDGMENTS: "Sổ nhận bản án, quyết định",
    RegisterKind.REQUESTS: "Sổ nhận đơn yêu cầu thi hành án",
    RegisterKind.DECISIONS: "Sổ quyết định về thi hành án",
    RegisterKind.MONEY: "Sổ thu, chi tiền thi hành án",
    RegisterKind.UNABLE: "Sổ theo dõi việc chưa có điều kiện thi hành án",
    RegisterKind.DOCUMENTS: "Sổ đăng ký văn bản đi",
}

#: The month a book year opens (1 = January: the calendar year). UNVERIFIED, see the module docstring.
BOOK_YEAR_START_MONTH = 1


def book_year(on: date, start_month: int = BOOK_YEAR_START_MONTH) -> int:
    """The book year of a line dated ``on``, named by the year it ends in."""
    return on.year + (1 if start_month > 1 and on.month >= start_month else 0)


def book_year_start(year: int, start_month: int = BOOK_YEAR_START_MONTH) -> date:
    """The first day of book year ``year``."""
    return date(year - 1, start_month, 1) if start_month > 1 else date(year, 1, 1)


def running_numbers(dates: Iterable[date], before: dict[int, int],
                    start_month: int = BOOK_YEAR_START_MONTH) -> Iterator[int]:
    """The running number of each line, given the lines' dates in register order and ``before``: for each book
    year met, how many lines of that year precede the first one given (a year missing counts 0). The count
    restarts at 1 when a new book year begins."""
    seen: dict[int, int] = {}
    for on in dates:
        year = book_year(on, start_month)
        seen[year] = seen.get(year, before.get(year, 0)) + 1
        yield seen[year]

