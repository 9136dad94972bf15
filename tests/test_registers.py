"""The six registers of an office (issue 18): lines generated from a small hand-made history, running numbers per
book year, the period's days included, another unit's case absent, the printed book's numbered pages, the XLSX with
the same lines, addresses only with the personal-data right and never an ID number, the command's errors."""

from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.domain.registers import RegisterKind, book_year, book_year_start, running_numbers
from thads.org.models import AuditEvent
from thads.registers import registers
from thads.registers.register_pdf import counted, css_string, render_pdf

TODAY = timezone.localdate()
D0 = TODAY - timedelta(days=120)
ID_NUMBER = "046090001234"
ADDRESS = "12 Lê Lợi, Phú Thuận"


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def _receive(staff, unit, on, initiation, debtor="Lê Văn Đức", user="head_a"):
    return do_receive(
        staff[user], unit, on=on, initiation=initiation, judgment_kind="dan_su", court="TAND huyện A",
        judgment_number="45/2024/DS-ST", judgment_date=on - timedelta(days=30),
        debtors=[PartyData(debtor, ID_NUMBER, ADDRESS)], creditors=[PartyData("Nguyễn Thị Mai")],
        obligations=[ObligationData("tra_no", "person", 100_000_000)])


@pytest.fixture
def world(staff, org):
    """Branch A: a judgment received on day 0, decided on day 2, without conditions on day 20; a request received
    on day 5, decided on day 6, 60m collected on day 30 and 50m paid out on day 35. Branch B: a judgment on day 0."""
    a, b = org["units"]["A"], org["units"]["B"]
    officer = staff["officer_a"].officer
    c1 = _receive(staff, a, day(0), "chu_dong")
    do_act(staff["head_a"], c1.pk, "decide", day(2), decision_no="1/QĐ-CCTHADS", officer=officer)
    do_act(staff["officer_a"], c1.pk, "notify_debtor", day(3))
    do_act(staff["officer_a"], c1.pk, "start_verification", day(14))
    do_act(staff["head_a"], c1.pk, "classify_unable", day(20), ground="44a.1.a", decision_no="7/QĐ-CCTHADS")
    c2 = _receive(staff, a, day(5), "theo_don", debtor="Trần Văn Bình")
    do_act(staff["head_a"], c2.pk, "decide", day(6), decision_no="2/QĐ-CCTHADS", officer=officer)
    do_act(staff["officer_a"], c2.pk, "notify_debtor", day(7))
    do_act(staff["officer_a"], c2.pk, "start_verification", day(18))
    do_act(staff["officer_a"], c2.pk, "verify_able", day(22))
    do_act(staff["accountant_a"], c2.pk, "collect", day(30), amount=60_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], c2.pk, "payout", day(35), amount=50_000_000, obligation="1", receipt_no="PC-1")
    c3 = _receive(staff, b, day(0), "chu_dong", debtor="Người Của B", user="officer_b")
    return {"A": a, "B": b, "c1": c1, "c2": c2, "c3": c3}


def _lines(kind, unit, d_from=None, d_to=None, see=False):
    spec = registers.SPECS[RegisterKind(kind)]
    return list(registers.iter_lines(spec, unit, d_from or day(-1), d_to or day(60), see))


# ------------------------------------------------------------------------------------------------- pure rules


@pytest.mark.parametrize(("dates", "before", "numbers"), [
    ([date(2025, 3, 1), date(2025, 3, 2)], {}, [1, 2]),
    ([date(2025, 3, 1), date(2025, 3, 2)], {2025: 10}, [11, 12]),
    ([date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)], {2025: 4}, [5, 1, 2]),
])
def test_running_numbers_continue_within_a_book_year_and_restart_with_the_next(dates, before, numbers):
    assert list(running_numbers(dates, before)) == numbers


def test_the_book_year_is_the_calendar_year_by_default_and_may_open_in_october():
    assert book_year(date(2025, 12, 31)) == 2025 and book_year_start(2025) == date(2025, 1, 1)
    assert book_year(date(2025, 10, 1), 10) == 2026 and book_year_start(2026, 10) == date(2025, 10, 1)


def test_the_page_counters_are_css_content_and_quotes_are_escaped():
    assert counted("Trang %(page)s/%(pages)s") == '"Trang " counter(page) "/" counter(pages)'
    assert css_string('a"b\\') == '"a\\22 b\\5c "'


# ------------------------------------------------------------------------------------------------- the lines


@pytest.mark.parametrize(("kind", "expected"), [
    ("judgments", [(1, day(0), "1/QĐ-CCTHADS")]),
    ("requests", [(1, day(5), "2/QĐ-CCTHADS")]),
    ("decisions", [(1, day(2), "1/QĐ-CCTHADS"), (2, day(6), "2/QĐ-CCTHADS"), (3, day(20), "7/QĐ-CCTHADS")]),
    ("unable", [(1, day(20), "7/QĐ-CCTHADS")]),
])
def test_each_register_lists_the_units_own_acts_in_order(world, kind, expected):
    lines = _lines(kind, world["A"])
    if day(-1).year != day(60).year:  # the running numbers restart on 1 January
        pytest.skip("the period spans two book years")
    assert [(ln[0], ln[1], next(c for c in ln if isinstance(c, str) and "QĐ" in c).split(" ")[0]) for ln in lines] \
        == expected
    assert all("Người Của B" not in str(c) for ln in lines for c in ln)


def test_the_money_register_has_the_receipt_and_the_payout_with_its_fee(world):
    lines = _lines("money", world["A"])
    received = [ln[6] for ln in lines if ln[6]]
    paid = [ln[7] for ln in lines if ln[7]]
    assert received == [60_000_000]
    assert sum(paid) == 50_000_000
    assert [ln[2] for ln in lines][0] == "BL-1" and "PC-1" in [ln[2] for ln in lines]


def test_the_period_includes_both_its_days_and_nothing_outside(world):
    assert [ln[1] for ln in _lines("decisions", world["A"], day(2), day(20))] == [day(2), day(6), day(20)]
    assert [ln[1] for ln in _lines("decisions", world["A"], day(3), day(19))] == [day(6)]


def test_a_line_keeps_its_running_number_in_a_shorter_period(world):
    full = {ln[1]: ln[0] for ln in _lines("decisions", world["A"], book_year_start(book_year(day(6))), day(60))}
    assert [(ln[1], ln[0]) for ln in _lines("decisions", world["A"], day(6), day(60))] == \
        [(d, full[d]) for d in sorted(full) if d >= day(6)]
    spec = registers.SPECS[RegisterKind.DECISIONS]
    page = list(registers.rows(spec, world["A"], day(6), day(60))[1:2])
    assert registers.lines(spec, world["A"], page, see=False)[0][0] == full[page[0]["r_on"]]


def test_another_units_case_is_in_its_own_register_only(world):
    assert [ln[8] for ln in _lines("judgments", world["B"])] == [world["c3"].ext_id]
    assert world["c3"].ext_id not in {ln[8] for ln in _lines("judgments", world["A"])}


def test_addresses_only_with_the_right_and_never_an_id_number(world):
    hidden = _lines("judgments", world["A"])
    shown = _lines("judgments", world["A"], see=True)
    assert ADDRESS not in str(hidden) and ADDRESS in str(shown)
    assert ID_NUMBER not in str(shown)


# ------------------------------------------------------------------------------------------------- the files


def _book_text(pdf_lines, kind="decisions"):
    from weasyprint import HTML  # noqa: F401  (the PDF is made by WeasyPrint: read its text back with pypdf or boxes)

    spec = registers.SPECS[RegisterKind(kind)]
    return render_pdf(title=spec.title, unit_name="Chi cục THADS huyện A", period="P", columns=registers.columns(spec),
                      lines=pdf_lines, printed_on=TODAY)


def test_the_printed_book_numbers_its_pages(world, monkeypatch):
    from weasyprint import HTML

    pages = {}
    real = HTML.write_pdf

    def spy(self, *a, **kw):
        doc = self.render()
        pages["texts"] = [" ".join(b.text for b in _boxes(p._page_box) if hasattr(b, "text")) for p in doc.pages]
        return real(self, *a, **kw)

    monkeypatch.setattr(HTML, "write_pdf", spy)
    lines = _lines("decisions", world["A"]) * 40  # enough lines for several pages
    pdf = _book_text(lines)
    assert pdf.startswith(b"%PDF")
    texts = pages["texts"]
    n = len(texts)
    assert n > 1
    for i, text in enumerate(texts, start=1):
        assert f"{i}/{n}" in text.replace(" ", "") and "Chi cục THADS huyện A" in text
    assert str(n) in texts[0] and ("1/QĐ-CCTHADS" in texts[0])


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def test_the_xlsx_of_the_command_has_the_same_lines(world, tmp_path):
    out = tmp_path / "so.xlsx"
    call_command("register", unit="A", kind="decisions", date_from=day(-1).isoformat(),
                 date_to=day(60).isoformat(), format="xlsx", output=str(out), stderr=io.StringIO())
    ws = openpyxl.load_workbook(out).active
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    lines = _lines("decisions", world["A"])
    assert [(r[0], r[1].date(), r[2] or "", r[5]) for r in rows] == [(ln[0], ln[1], ln[2], ln[5]) for ln in lines]


def test_the_command_writes_the_pdf_and_audits_addresses(world, tmp_path):
    out = tmp_path / "so.pdf"
    call_command("register", unit="A", kind="money", date_from=day(-1).isoformat(), date_to=day(60).isoformat(),
                 output=str(out), with_addresses=True, stderr=io.StringIO())
    assert out.read_bytes().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="registers.money.pdf").exists()


@pytest.mark.parametrize(("options", "message"), [
    ({"unit": "ZZ"}, "unknown unit"),
    ({"date_from": "2025-02-30"}, "invalid date"),
    ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "--from is after --to"),
])
def test_the_command_refuses_bad_input_with_a_message(org, tmp_path, options, message):
    o = {"unit": "A", "kind": "money", "date_from": "2026-01-01", "date_to": "2026-03-01",
         "output": str(tmp_path / "x.pdf"), **options}
    with pytest.raises(CommandError, match=message):
        call_command("register", **o)
    assert not (tmp_path / "x.pdf").exists()


def test_the_command_refuses_an_unknown_register(org, tmp_path):
    with pytest.raises(CommandError):
        call_command("register", "--unit", "A", "--kind", "bad", "--from", "2026-01-01", "--to", "2026-01-02",
                     "-o", str(tmp_path / "x.pdf"))


def test_the_documents_register_lists_the_documents_of_the_units_acts(world, settings, tmp_path, staff):
    from thads.documents.actions import do_generate_document
    from thads.domain.legal_bases import DocKind

    settings.MEDIA_ROOT = tmp_path / "media"
    document = do_generate_document(staff["head_a"], world["c2"].pk, DocKind.DECIDE_ON_REQUEST)
    lines = _lines("documents", world["A"], d_to=TODAY)
    assert [(ln[0], ln[1], ln[2], ln[4]) for ln in lines] == [(1, document.on, document.number, world["c2"].ext_id)]
    assert _lines("documents", world["B"], d_to=TODAY) == []


def test_a_period_too_long_for_a_printed_book_is_refused_by_the_command(world, tmp_path, monkeypatch):
    from thads.registers.management.commands import register

    monkeypatch.setattr(register, "MAX_PDF_ROWS", 2)
    with pytest.raises(CommandError, match="more than a printed book takes"):
        call_command("register", unit="A", kind="decisions", date_from=day(-1).isoformat(),
                     date_to=day(60).isoformat(), output=str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
