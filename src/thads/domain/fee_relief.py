"""Exemption and reduction of the enforcement fee on the creditor's application (miễn, giảm phí thi hành án dân
sự): Thông tư 216/2016/TT-BTC Art. 7 (Pháp điển item 33.3.TT.56.7, read for issue 14 item 4). Pure Python, amounts
in ``int`` VND. The fee itself (bands, threshold, instalments, the Art. 6 cases) is :mod:`thads.domain.fees`.

The text (Art. 7):

* 7.1 exemption (miễn): a) "Được hưởng chế độ ưu đãi người có công với cách mạng"; b) "Thuộc diện neo đơn được Ủy
  ban nhân dân cấp xã … xác nhận; thuộc diện tàn tật hoặc ốm đau kéo dài có tóm tắt hồ sơ bệnh án được cơ sở khám
  bệnh, chữa bệnh từ cấp huyện trở lên xác nhận"; c) the creditor "xác minh chính xác sau khi cơ quan thi hành án
  dân sự đã ra quyết định về việc chưa có điều kiện thi hành án theo quy định tại khoản 1 Điều 44a" and the agency
  realised the asset.
* 7.2 reduction (giảm): a) "Giảm đến 80%" for a poor household (chuẩn hộ nghèo) confirmed by the commune or the
  employer; b) "Giảm 30% … tương ứng với số tiền thực nhận từ việc xử lý tài sản" the creditor verified accurately
  when requesting, realised without coercion with mobilised forces; c) 20% in the case of b when such coercion was
  needed (b and c not when the asset was named in the judgment or award).
* 7.3–7.4: a written application with its proof, filed with the fee-collecting agency; "Trong thời hạn 05 (năm) ngày
  làm việc, kể từ ngày nhận đủ hồ sơ, Thủ trưởng tổ chức thu phí có trách nhiệm xem xét, ra quyết định miễn hoặc
  giảm … hoặc thông báo bằng văn bản … về việc họ không được miễn hoặc giảm … và nêu rõ lý do" (a decision, or a
  written refusal with its reasons); "Việc xét miễn, giảm … thực hiện đối với từng quyết định thu phí …, trừ trường
  hợp … người có công với cách mạng" (per fee decision of Art. 5.1, except 7.1.a, which covers them all).

How THADS applies it (the choices the text leaves open are parameters, marked UNVERIFIED):

* A relief names the fee decision (a payout that withheld a fee, Art. 5.1) it is about: the relieved share of the
  fee already withheld is refunded (``HOAN_TRA``, :func:`plan_relief`). Without one it is decided ahead of the next
  fee decision of that creditor, whose fee is then reduced (:func:`payout_relief`). A 7.1.a exemption covers every
  fee decision of the creditor under the case, later ones and (``standing_covers_past``, UNVERIFIED) earlier ones.
* A fee decision is relieved once (a second application on it is refused), except by a 7.1.a exemption, which
  refunds what is still withheld.
* The relieved share is ``fee × percent / 100`` rounded once to whole VND, half up (no rounding rule in the text:
  UNVERIFIED, the fee schedule's rounding). The cumulative fee of later instalments (Arts. 5.2–5.3) keeps counting
  the fee before relief (``fee_gross``), so a relief is never "caught up" by the next instalment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import NamedTuple

from thads.domain.calendar import CalendarRangeError, WorkCalendar, national_calendar
from thads.domain.errors import RuleViolation
from thads.lib.numbers import format_vnd

#: Art. 7.4: the head decides within 5 working days of receiving the complete application.
DECISION_WORKING_DAYS = 5


@dataclass(frozen=True, slots=True)
class ReliefRule:
    """One point of TT 216/2016 Art. 7: who qualifies, and the relief (100 = exemption; ``up_to``: the head sets any
    percentage from 1 to ``percent``, else exactly ``percent``)."""

    point: str
    who: str  # Vietnamese, as the text words it (shortened)
    percent: int
    up_to: bool = False
    every_decision: bool = False  # Art. 7.4, last paragraph: one decision covers every fee decision

    @property
    def exemption(self) -> bool:
        return self.percent == 100


#: The Art. 7 grounds as data (configurable: pass another table).
RELIEF_TABLE: Mapping[str, ReliefRule] = MappingProxyType({r.point: r for r in (
    ReliefRule("7.1.a", "Người được hưởng chế độ ưu đãi người có công với cách mạng", 100, every_decision=True),
    ReliefRule("7.1.b", "Người thuộc diện neo đơn được Ủy ban nhân dân cấp xã xác nhận; người tàn tật hoặc ốm đau "
                        "kéo dài có tóm tắt hồ sơ bệnh án được cơ sở khám bệnh, chữa bệnh từ cấp huyện trở lên "
                        "xác nhận", 100),
    ReliefRule("7.1.c", "Người được thi hành án xác minh chính xác tài sản sau khi có quyết định về việc chưa có "
                        "điều kiện thi hành án (khoản 1 Điều 44a Luật Thi hành án dân sự) và cơ quan thi hành án "
                        "dân sự xử lý được tài sản để thi hành án", 100),
    ReliefRule("7.2.a", "Người có khó khăn về kinh tế thuộc chuẩn hộ nghèo, được Ủy ban nhân dân cấp xã nơi cư trú "
                        "hoặc cơ quan, tổ chức nơi làm việc xác nhận", 80, up_to=True),
    ReliefRule("7.2.b", "Người được thi hành án xác minh chính xác tài sản khi yêu cầu thi hành án, tài sản được xử "
                        "lý mà không phải cưỡng chế có huy động lực lượng", 30),
    ReliefRule("7.2.c", "Người được thi hành án xác minh chính xác tài sản khi yêu cầu thi hành án, tài sản được xử "
                        "lý có cưỡng chế huy động lực lượng", 20),
)})


def _refuse(code: str, message: str) -> RuleViolation:
    return RuleViolation(f"fee_relief.{code}", message)


def relief_percent(point: str, percent: int | None = None, table: Mapping[str, ReliefRule] = RELIEF_TABLE) -> int:
    """The percentage of the fee relieved under Art. 7 ``point`` (100 for 7.1; 30 for 7.2.b; 20 for 7.2.c; for
    7.2.a the head's ``percent``, at most 80). Refuses (:class:`RuleViolation`) an unknown point or a percentage
    the point does not allow."""
    rule = table.get(point)
    percent = _whole_percent(percent)
    if rule is None:
        raise _refuse("ground", f"«{point or '—'}» không phải là trường hợp miễn, giảm phí của Điều 7 Thông tư "
                                "216/2016/TT-BTC.")
    if not rule.up_to:
        if percent not in (None, rule.percent):
            raise _refuse("percent", f"Trường hợp điểm {point[-1]} khoản {point[2]} Điều 7 Thông tư "
                                     f"216/2016/TT-BTC được {'miễn' if rule.exemption else 'giảm'} đúng "
                                     f"{rule.percent}% phí, không phải {percent}%.")
        return rule.percent
    if percent is None or not 1 <= percent <= rule.percent:
        raise _refuse("percent", f"Trường hợp điểm {point[-1]} khoản {point[2]} Điều 7 Thông tư 216/2016/TT-BTC "
                                 f"được giảm đến {rule.percent}% phí: nhập tỷ lệ giảm từ 1% đến {rule.percent}%.")
    return percent


def _whole_percent(percent: object) -> int | None:
    """The head's percentage as a whole number (a form or an API may send ``"40"``); refuses anything else."""
    if percent is None or (isinstance(percent, int) and not isinstance(percent, bool)):
        return percent  # type: ignore[return-value]
    try:
        return int(str(percent).strip())
    except ValueError:
        raise _refuse("percent", f"Tỷ lệ miễn, giảm phí «{percent}» phải là một số nguyên phần trăm.") from None


def decision_due(received_on: date, calendar: WorkCalendar | None = None,
                 days: int = DECISION_WORKING_DAYS) -> date:
    """The last day for the head's decision or written refusal: the 5th working day after the day the complete
    application was received (TT 216/2016 Art. 7.4; the day itself not counted, Civil Code Art. 147.1). A date
    outside the working-day calendar is refused (:class:`RuleViolation`), never an error page."""
    try:
        return (calendar or national_calendar()).add_working_days(received_on, days)
    except CalendarRangeError:
        raise _refuse("received_on", f"Ngày nhận đủ hồ sơ {received_on:%d/%m/%Y} nằm ngoài lịch ngày làm việc của "
                                     "hệ thống: kiểm tra lại ngày.") from None


def relieved_share(fee: int, percent: int, rounding: str = ROUND_HALF_UP) -> int:
    """``fee × percent / 100`` in whole VND, rounded once (UNVERIFIED rounding, see the module docstring)."""
    return int((Decimal(fee) * percent / 100).quantize(Decimal(1), rounding=rounding))


class FeeDecisionRec(NamedTuple):
    """A fee decision (Art. 5.1) as the history keeps it: the payout event that withheld the fee."""

    seq: int
    on: date
    fee: int  # the fee withheld (after any relief applied at the payout)
    relieved: bool = False  # a relief was applied when it was withheld
    refunded: int = 0  # refunded since (earlier relief decisions)


class ReliefPlan(NamedTuple):
    """What a granted relief does: its percentage, the refunds ``(payout seq, amount)`` of fees already withheld,
    whether it covers later fee decisions too (7.1.a) and the last day it was due (Art. 7.4)."""

    percent: int
    refunds: tuple[tuple[int, int], ...]
    standing: bool
    due: date


def plan_relief(point: str, percent: int | None, *, received_on: date, on: date, target: int | None,
                decisions: Sequence[FeeDecisionRec], table: Mapping[str, ReliefRule] = RELIEF_TABLE,
                standing_covers_past: bool = True, calendar: WorkCalendar | None = None) -> ReliefPlan:
    """The effect of the head's relief decision dated ``on`` on an application complete on ``received_on``
    (TT 216/2016 Art. 7.1, 7.2, 7.4). ``target``: the seq of the fee decision it is about (None: decided ahead of
    the next one); ``decisions``: the creditor's fee decisions under the case. Refuses a decision before the
    application, an unknown target, a fee decision already relieved (except by 7.1.a) or nothing left to relieve.
    A 7.1.a exemption refunds what is still withheld from every fee decision, the target or not (Art. 7.4)."""
    pct = relief_percent(point, percent, table)
    if received_on > on:
        raise _refuse("received_after", "Ngày nhận đủ hồ sơ đề nghị miễn, giảm phí sau ngày ra quyết định.")
    rule = table[point]
    by_seq = {d.seq: d for d in decisions}
    chosen: list[FeeDecisionRec] = []
    if target is not None and target not in by_seq:
        raise _refuse("target", "Không có quyết định thu phí thi hành án (lần chi trả có khấu trừ phí) được chọn.")
    if rule.every_decision and standing_covers_past:  # Art. 7.4 last sentence: 7.1.a is not per fee decision
        chosen = [d for d in decisions if d.fee > d.refunded or d.seq == target]
    elif target is not None:
        chosen = [by_seq[target]]
    refunds = []
    for d in chosen:
        if d.on > on:
            raise _refuse("before_fee", "Quyết định miễn, giảm phí không được trước quyết định thu phí.")
        if not rule.exemption and (d.relieved or d.refunded):
            raise _refuse("again", "Quyết định thu phí này đã được xét miễn, giảm phí (Điều 7.4 Thông tư "
                                   "216/2016/TT-BTC: xét đối với từng quyết định thu phí).")
        amount = d.fee - d.refunded if rule.exemption else relieved_share(d.fee, pct)
        if amount <= 0 and target is not None:
            raise _refuse("nothing", f"Quyết định thu phí này không còn khoản phí nào để hoàn trả "
                                     f"(đã thu {format_vnd(d.fee)}, đã hoàn trả {format_vnd(d.refunded)}).")
        if amount > 0:
            refunds.append((d.seq, amount))
    return ReliefPlan(pct, tuple(refunds), rule.every_decision, decision_due(received_on, calendar))


class ReliefGrant(NamedTuple):
    """A granted relief as the history keeps it (for later payouts of the same creditor)."""

    seq: int
    point: str
    percent: int
    standing: bool  # 7.1.a: every fee decision
    ahead: bool  # decided ahead of the next fee decision (no target)


def payout_relief(grants: Iterable[ReliefGrant], used: Iterable[int] = ()) -> ReliefGrant | None:
    """The relief a new fee decision (payout) of the creditor gets: a standing 7.1.a exemption, else the earliest
    relief decided ahead of it that no payout has used yet (``used``: the seqs later payouts recorded), else None."""
    grants = list(grants)
    standing = [g for g in grants if g.standing]
    if standing:
        return standing[0]
    spent = set(used)
    ahead = [g for g in grants if g.ahead and g.seq not in spent]
    return min(ahead, key=lambda g: g.seq) if ahead else None


def reduced_fee(fee: int, grant: ReliefGrant | None) -> int:
    """The fee withheld once ``grant`` is applied to the fee ``fee`` of a fee decision (Art. 7.1–7.2)."""
    return fee if grant is None or fee <= 0 else fee - relieved_share(fee, grant.percent)


__all__ = ["DECISION_WORKING_DAYS", "RELIEF_TABLE", "FeeDecisionRec", "ReliefGrant", "ReliefPlan", "ReliefRule",
           "decision_due", "payout_relief", "plan_relief", "reduced_fee", "relief_percent", "relieved_share"]
