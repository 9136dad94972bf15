"""The legal bases ("Căn cứ …") of every THADS document, by document kind, ground and date. Pure Python, no Django.

Checked against the official consolidated text (Pháp điển) of Luật Thi hành án dân sự 26/2008/QH12 as amended by
Law 64/2014/QH13 (and 2018–2022) and of Decree 62/2015/NĐ-CP (THADS.md §2 [V]):

=====================  ===================================================================================
document               bases (2008/2014 law, acts dated before 01/07/2026)
=====================  ===================================================================================
decision to enforce,   Art. 23; Art. 36.2, the point of each obligation: a (fine, illicit gains, court fees
proactive              and charges), b (return of money or assets), c (confiscation; other state revenues,
                       Decree 62 Art. 6.3), d (recovery of land-use rights or other assets to the state
                       fund), đ (interim measure), e (bankruptcy decision); Decree 62 Art. 6
decision to enforce,   Art. 23; Art. 36.1; Decree 62 Art. 7
on request
postponement           Art. 48.1 point a–h, or 48.2 (request of the person who may protest); points a and b
                       also Decree 62 Art. 14.1 (debtor must perform personally)
continuation           Art. 48.4 after a postponement; Art. 49.3 after a suspension; Art. 44a.2 + Decree 62
                       Art. 9.4 after "chưa có điều kiện"; + Decree 62 Art. 9.6 from the separate book
suspension             Art. 49.1: the head NOTIFIES the suspension decided by the person who protests
                       (a notice, not a decision); Art. 49.2: DECISION on the court's acceptance of a
                       bankruptcy petition
termination            Art. 50.1 point a–h
not yet enforceable    Art. 44a.1 point a–c; Decree 62 Art. 9.4; for point c also Decree 62 Art. 9.3 and
                       the statement that enforcement is postponed under Art. 48.1.b
entrustment            Arts. 55.1, 56, 57.1.a (as amended by Law 03/2022); Decree 62 Art. 16
revocation             Art. 37.1 point a–d (revocation by the issuer) or 37.3 point a–b (annulment)
revocation on          Art. 37.1 and 57.1.a: the decision revoking the decision to enforce before an
entrustment            entrustment, made from the entrustment's history row (its number and date are the
                       row's ``revocation_no`` / ``revocation_on``); the point of Art. 37.1 is not named
                       (UNVERIFIED which point the practice cites: none is printed rather than a wrong one)
return of the request  only from 01/07/2026: Law 106/2025 Art. 38 (verified article; point 4 not verified, not
                       printed) and Decree 152/2026 Art. 22.2 [V, read in the decree's text: "thông báo bằng văn
                       bản về việc gửi lại yêu cầu thi hành án cho người đã yêu cầu", a copy to the procuracy]:
                       a NOTICE signed for the agency, not a decision
notice to the debtor   Art. 39 (notification within 3 working days); Art. 45.1 (10-day voluntary period;
                       not for interim measures, which are enforced at once)
payout notice          Art. 47.5 (payout within 10 days of collection); Decree 62 Art. 49.2 (written notice
                       to the payee to come and receive)
receipt                TT 04/2023/TT-BTP Art. 13 (receipt of enforcement money), Art. 17 (collection)
creditor notice        Art. 44.2: after two re-verifications still without conditions, the agency notifies
                       the creditor in writing of the result
=====================  ===================================================================================

**Acts dated on or after 01/07/2026** fall under Law 106/2025/QH15 and Decree 152/2026/NĐ-CP (THADS.md §10; the
same cut-over as the deadline rules, ``domain.deadline_rules``). Only three article numbers of the new law are
verified: proactive decision Art. 33, decision on request Art. 34, "chưa có điều kiện" and re-verification Art. 38
(their point letters are not). Every other basis is printed as a blank to fill in ("Căn cứ Điều ....... Luật Thi hành
án dân sự quy định về hoãn thi hành án;") and flagged ``verified=False``, so the signer completes it and the screen
warns: printing the old article numbers under the new law would be exactly the wrong legal text this module exists
to prevent. When the numbers are verified, fill :data:`ARTICLES_2026` and the blanks disappear.

The words themselves (document kinds, laws, the statutory wording of each ground, obligation labels) are in
:mod:`thads.domain.legal_texts`; this module re-exports them, so ``from thads.domain import legal_bases`` is the one
import a document needs. (Moved from ``thads.documents.legal``, issue 13.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from thads.domain.legal_texts import (
    ARTICLES_2026,
    CUTOVER_2026,
    DECISION_KINDS,
    DECREE_62,
    DECREE_152_2026,
    EVENT_OPTIONAL,
    GROUND_TEXT,
    GROUNDS,
    KIND_ACT,
    KIND_EVENTS,
    LAW,
    LAW_2008_FULL,
    LAW_2025_FULL,
    OBLIGATION_LABELS_VI,
    POINT_ORDER,
    PROACTIVE_POINT,
    REGIME_2015,
    REGIME_2026,
    RESUME_REASON,
    TOPIC_VI,
    TT_04_2023,
    DocKind,
    Signer,
)
from thads.domain.states import RETURN_REQUEST_GROUND

__all__ = [
    "ARTICLES_2026", "Basis", "CUTOVER_2026", "DECISION_KINDS", "DECREE_152_2026", "DECREE_62", "DocKind", "EVENT_OPTIONAL", "GROUNDS",
    "GROUND_TEXT", "KIND_ACT", "KIND_EVENTS", "LAW", "LAW_2008_FULL", "LAW_2025_FULL", "LegalError", "LegalText",
    "OBLIGATION_LABELS_VI", "POINT_ORDER", "PROACTIVE_POINT", "REGIME_2015", "REGIME_2026", "RESUME_REASON", "Signer",
    "TOPIC_VI", "TT_04_2023", "cite", "legal_text", "proactive_points", "regime_for",
]


class LegalError(ValueError):
    """The document cannot carry a correct legal basis; ``message_vi`` says why, for the user."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


@dataclass(frozen=True, slots=True)
class Basis:
    """One "Căn cứ …;" line. ``ref`` is machine-readable (``"L2008:48.1.c"``, ``"D62:9.3"``, ``"L2025:33"``,
    ``"L2025:?postpone"`` for a blank); ``verified=False`` means the signer must check or fill it in."""

    text: str
    ref: str
    verified: bool = True


@dataclass(frozen=True, slots=True)
class LegalText:
    kind: DocKind
    regime: str
    title: str  # QUYẾT ĐỊNH / THÔNG BÁO / BIÊN LAI THU TIỀN
    subject: str  # "Về việc hoãn thi hành án"
    bases: tuple[Basis, ...]
    ground: str = ""
    ground_text: str = ""  # the statutory wording of the ground, with its citation
    statement: str = ""  # an extra sentence the law requires (Decree 62 Art. 9.3)
    signer: Signer = Signer.HEAD

    @property
    def verified(self) -> bool:
        return all(b.verified for b in self.bases)

    @property
    def refs(self) -> tuple[str, ...]:
        return tuple(b.ref for b in self.bases)


def regime_for(on: date) -> str:
    """Law 106/2025 + Decree 152/2026 govern acts dated from 01/07/2026 (Decree 152/2026 Art. 115: further steps of
    a running case follow the new rules); earlier acts keep the 2008/2014 law."""
    return REGIME_2026 if on >= CUTOVER_2026 else REGIME_2015


def cite(code: str) -> str:
    """``"48.1.c"`` → ``"điểm c khoản 1 Điều 48"``; ``"36.1"`` → ``"khoản 1 Điều 36"``; ``"39"`` → ``"Điều 39"``."""
    parts = code.split(".")
    out = f"Điều {parts[0]}"
    if len(parts) > 1:
        out = f"khoản {parts[1]} {out}"
    if len(parts) > 2:
        out = f"điểm {parts[2]} {out}"
    return out


def _points(points: Iterable[str]) -> str:
    """``["a", "b"]`` → ``"a, b"`` (as in "điểm a, b khoản 2 Điều 36")."""
    return ", ".join(sorted(set(points), key=POINT_ORDER.index))


def proactive_points(obligations: Sequence[tuple[str, str]], *, interim: bool = False,
                     bankruptcy: bool = False, state_fund_recovery: bool = False) -> list[str]:
    """Points of Art. 36.2 a proactive decision rests on, from its ``(kind, beneficiary)`` obligations.

    Interim measures (point đ) and bankruptcy decisions (point e) are proactive whatever they order. Otherwise each
    obligation must be a proactive item: point a, b or c by kind, or point c for any other revenue owed to the state
    (Decree 62 Art. 6.3). Anything else (a debt owed to a person, maintenance, damages to a person) is enforced only
    on request (Art. 36.1): :class:`LegalError`. ``state_fund_recovery``: the judgment orders the recovery of
    land-use rights or other assets to the state fund (point d, ``PROACTIVE_POINT_TEXT``; no obligation kind of the
    contract says so, the caller does).
    """
    if interim:
        return ["đ"]
    if bankruptcy:
        return ["e"]
    points, refused = set(), []
    for kind, beneficiary in obligations:
        point = PROACTIVE_POINT.get(kind) or ("c" if beneficiary == "state" else None)
        if point is None:
            refused.append(kind)
        else:
            points.add(point)
    if state_fund_recovery:
        points.add("d")
    if refused or not points:
        names = ", ".join(OBLIGATION_LABELS_VI.get(k, k) for k in refused) or "không có khoản nào"
        raise LegalError(f"Khoản «{names}» không thuộc diện chủ động ra quyết định thi hành án (khoản 2 Điều 36 "
                         "Luật Thi hành án dân sự); chỉ thi hành khi có yêu cầu (khoản 1 Điều 36).")
    return sorted(points, key=POINT_ORDER.index)


class _Bases:
    """Collects the bases of one document in one regime."""

    def __init__(self, regime: str) -> None:
        self.regime = regime
        self.items: list[Basis] = []
        self._law_opened = False
        self._decree_named = False

    def _open_law(self) -> None:
        if not self._law_opened:
            full = LAW_2008_FULL if self.regime == REGIME_2015 else LAW_2025_FULL
            law_ref = "L2008" if self.regime == REGIME_2015 else "L2025"
            self.items.append(Basis(f"Căn cứ {full};", law_ref))
            self._law_opened = True

    def add(self, text: str, ref: str) -> None:
        """A basis in the law in force whose wording the document kind fixes (e.g. the points of Art. 36.2)."""
        self._open_law()
        self.items.append(Basis(text, ref))

    def law(self, *codes: str, topic: DocKind | None = None, key: str = "") -> None:
        """Articles of the 2008 law (``codes``); under the 2026 regime the verified article for ``key``, else a
        blank to fill in about ``topic``."""
        self._open_law()
        if self.regime == REGIME_2015:
            self.items.append(Basis(f"Căn cứ {_join_cites(codes)} {LAW};", "L2008:" + "+".join(codes)))
        elif key in ARTICLES_2026:
            article = ARTICLES_2026[key]
            self.items.append(Basis(f"Căn cứ Điều {article} {LAW};", f"L2025:{article}"))
        else:
            what = TOPIC_VI.get(topic, "") if topic else ""
            self.items.append(Basis(f"Căn cứ Điều ....... {LAW} quy định về {what};", f"L2025:?{key or topic}",
                                    verified=False))

    def decree(self, *codes: str) -> None:
        """Articles of Decree 62/2015 (repealed from 01/07/2026 by Decree 152/2026 Art. 114: not cited then)."""
        if self.regime != REGIME_2015:
            return
        name = DECREE_62 if not self._decree_named else "Nghị định số 62/2015/NĐ-CP"
        self._decree_named = True
        self.items.append(Basis(f"Căn cứ {_join_cites(codes)} {name};", "D62:" + "+".join(codes)))

    def circular(self, *codes: str) -> None:
        """TT 04/2023/TT-BTP guides Decree 62; its status under Decree 152/2026 is not verified."""
        self.items.append(Basis(f"Căn cứ {_join_cites(codes)} {TT_04_2023};", "TT04/2023:" + "+".join(codes),
                                verified=self.regime == REGIME_2015))


def _join_cites(codes: Sequence[str]) -> str:
    """``("9.3", "9.4")`` → ``"khoản 3, khoản 4 Điều 9"``; ``("39", "45.1")`` → ``"Điều 39 và khoản 1 Điều 45"``."""
    groups: dict[str, list[str]] = {}
    for code in codes:
        groups.setdefault(code.split(".")[0], []).append(code)
    cites = []
    for article, members in groups.items():
        if len(members) > 1 and all(m.count(".") == 1 for m in members):
            cites.append(", ".join(f"khoản {m.split('.')[1]}" for m in members) + f" Điều {article}")
        else:
            cites += [cite(m) for m in members]
    return ", ".join(cites[:-1]) + (" và " if len(cites) > 1 else "") + cites[-1]


def _ground(kind: DocKind, ground: str) -> str:
    allowed = GROUNDS[kind]
    if ground not in allowed:
        raise LegalError(f"Căn cứ «{ground or '—'}» không phải là căn cứ của loại văn bản này "
                         f"(các căn cứ: {', '.join(allowed)}).")
    return ground


def _ground_sentence(ground: str, regime: str) -> str:
    text = GROUND_TEXT[ground]
    return f"{text} ({cite(ground)} {LAW})." if regime == REGIME_2015 else f"{text}."




@dataclass(frozen=True, slots=True)
class _Facts:
    """What the case says beyond kind and date (see :func:`legal_text`)."""

    obligations: Sequence[tuple[str, str]]
    interim: bool
    bankruptcy: bool
    from_phase: str


@dataclass(slots=True)
class _Draft:
    """One document as its kind's builder fills it in."""

    bases: _Bases
    ground: str
    title: str = "QUYẾT ĐỊNH"
    subject: str = ""
    signer: Signer = Signer.HEAD
    ground_text: str = ""
    statement: str = ""

    @property
    def regime(self) -> str:
        return self.bases.regime

    def check_ground(self, kind: DocKind) -> str:
        """The act's ground must be one of the kind's statutory grounds (:data:`GROUNDS`)."""
        self.ground = _ground(kind, self.ground)
        return self.ground

    def state_ground(self) -> None:
        self.ground_text = _ground_sentence(self.ground, self.regime)


def _decide_proactive(d: _Draft, f: _Facts) -> None:
    """Art. 36.2 (the points of the obligations) + Decree 62 Art. 6; Law 106/2025 Art. 33."""
    points = proactive_points(f.obligations, interim=f.interim, bankruptcy=f.bankruptcy)
    d.subject = "Thi hành án chủ động"
    if d.regime == REGIME_2015:
        d.bases.add(f"Căn cứ điểm {_points(points)} khoản 2 Điều 36 {LAW};",
                    "L2008:" + "+".join(f"36.2.{p}" for p in points))
    else:
        d.bases.law(key="decide_proactive")
    d.bases.decree("6")


def _decide_on_request(d: _Draft, f: _Facts) -> None:
    """Art. 36.1 + Decree 62 Art. 7; Law 106/2025 Art. 34."""
    d.subject = "Thi hành án theo yêu cầu"
    d.bases.law("36.1", key="decide_on_request")
    d.bases.decree("7")


def _postpone(d: _Draft, f: _Facts) -> None:
    """Art. 48.1 point a–h or 48.2; points a and b also Decree 62 Art. 14.1."""
    ground = d.check_ground(DocKind.POSTPONE)
    d.subject = "Về việc hoãn thi hành án"
    d.bases.law(ground, topic=DocKind.POSTPONE)
    if ground in ("48.1.a", "48.1.b"):
        d.bases.decree("14.1")
    d.state_ground()


def _resume(d: _Draft, f: _Facts) -> None:
    """Art. 48.4 after a postponement, 49.3 after a suspension, 44a.2 + Decree 62 Art. 9.4 (and 9.6 from the
    separate book) after "chưa có điều kiện"."""
    d.subject = "Về việc tiếp tục thi hành án"
    d.ground_text = RESUME_REASON.get(f.from_phase, "") + "." if f.from_phase in RESUME_REASON else ""
    if f.from_phase == "POSTPONED":
        d.bases.law("48.4", topic=DocKind.RESUME)
    elif f.from_phase == "SUSPENDED":
        d.bases.law("49.3", topic=DocKind.RESUME)
    elif f.from_phase in ("NOT_YET_ABLE", "SEPARATE_BOOK"):
        d.bases.law("44a.2", topic=DocKind.RESUME)
        if f.from_phase == "SEPARATE_BOOK":
            d.bases.decree("9.4", "9.6")
        else:
            d.bases.decree("9.4")
    else:
        raise LegalError("Chỉ ra quyết định tiếp tục thi hành án sau khi hoãn, tạm đình chỉ hoặc chưa có điều "
                         "kiện thi hành án (khoản 4 Điều 48, khoản 3 Điều 49 Luật Thi hành án dân sự).")


def _suspend(d: _Draft, f: _Facts) -> None:
    """Art. 49.1: the head notifies the suspension decided by the protester (a notice); Art. 49.2: a decision."""
    ground = d.check_ground(DocKind.SUSPEND)
    d.subject = "Về việc tạm đình chỉ thi hành án"
    if ground == "49.1":
        d.title = "THÔNG BÁO"  # Art. 49.1: the head notifies the protester's suspension decision
    d.bases.law(ground, topic=DocKind.SUSPEND)
    d.state_ground()


def _terminate(d: _Draft, f: _Facts) -> None:
    """Art. 50.1 point a–h."""
    ground = d.check_ground(DocKind.TERMINATE)
    d.subject = "Về việc đình chỉ thi hành án"
    d.bases.law(ground, topic=DocKind.TERMINATE)
    d.state_ground()


def _not_yet_able(d: _Draft, f: _Facts) -> None:
    """Art. 44a.1 point a–c + Decree 62 Art. 9.4; point c also Decree 62 Art. 9.3 and the statement that
    enforcement is postponed under Art. 48.1.b. Law 106/2025 Art. 38."""
    ground = d.check_ground(DocKind.NOT_YET_ABLE)
    d.subject = "Về việc chưa có điều kiện thi hành án"
    d.bases.law(ground, key="unable")
    if ground == "44a.1.c":
        d.bases.decree("9.3", "9.4")
    else:
        d.bases.decree("9.4")
    d.state_ground()
    if ground == "44a.1.c" and d.regime == REGIME_2015:
        d.statement = ("Việc thi hành án bị hoãn theo điểm b khoản 1 Điều 48 Luật Thi hành án dân sự "
                       "(khoản 3 Điều 9 Nghị định số 62/2015/NĐ-CP).")


def _entrust(d: _Draft, f: _Facts) -> None:
    """Arts. 55.1, 56, 57.1.a (as amended by Law 03/2022) + Decree 62 Art. 16."""
    d.subject = "Về việc ủy thác thi hành án"
    d.bases.law("55.1", "56", "57.1.a", topic=DocKind.ENTRUST)
    d.bases.decree("16")


def _revoke(d: _Draft, f: _Facts) -> None:
    """Art. 37.1 point a–d (revocation by the issuer) or 37.3 point a–b (annulment)."""
    ground = d.check_ground(DocKind.REVOKE)
    annul = ground.startswith("37.3")
    d.subject = "Về việc hủy quyết định về thi hành án" if annul else "Về việc thu hồi quyết định thi hành án"
    d.bases.law(ground, topic=DocKind.REVOKE)
    d.state_ground()


def _entrust_revoke(d: _Draft, f: _Facts) -> None:
    """Art. 57.1.a (after a decision to enforce, an entrustment needs the decision revoking it) with Art. 37.1
    (revocation by the issuer). Which point of Art. 37.1 the revocation rests on is UNVERIFIED: the clause is cited
    without a point, the reason is the entrustment (Art. 57.1.a)."""
    d.subject = "Về việc thu hồi quyết định thi hành án"
    d.bases.law("37.1", "57.1.a", topic=DocKind.ENTRUST_REVOKE)
    cited = f" ({cite('57.1.a')} {LAW})" if d.regime == REGIME_2015 else ""
    d.ground_text = f"Ủy thác thi hành án cho cơ quan thi hành án dân sự khác{cited}."


def _return_request(d: _Draft, f: _Facts) -> None:
    """Decree 152/2026 Art. 22.2 [V]: two years after the decision "chưa có điều kiện", re-verified (Law 106/2025
    Art. 38.3) without new information, the agency notifies the requester in writing that the request is sent back
    ("thông báo bằng văn bản về việc gửi lại yêu cầu thi hành án"), with a copy to the procuracy. Law 106/2025
    Art. 38 is verified (its point 4 is not, so it is not printed). No such step exists before 01/07/2026 (Art. 51
    of Law 26/2008, "trả đơn", was repealed by Law 64/2014)."""
    if d.regime == REGIME_2015:
        raise LegalError("Chỉ gửi lại yêu cầu thi hành án từ ngày 01/07/2026 (khoản 2 Điều 22 Nghị định số "
                         "152/2026/NĐ-CP).")
    d.title = "THÔNG BÁO"
    d.subject = "Về việc gửi lại yêu cầu thi hành án"
    d.ground = RETURN_REQUEST_GROUND
    d.bases.law(key="unable")
    d.bases.add(f"Căn cứ khoản 2 Điều 22 {DECREE_152_2026};", "D152:22.2")
    d.ground_text = ("Đã hết thời hạn 02 năm kể từ ngày có quyết định về việc chưa có điều kiện thi hành án, đã xác "
                     "minh lại mà không có thông tin mới về điều kiện thi hành án của người phải thi hành án.")


def _notice_debtor(d: _Draft, f: _Facts) -> None:
    """Art. 39 (notification) and 45.1 (voluntary period; not for interim measures, enforced at once)."""
    d.title, d.signer = "THÔNG BÁO", Signer.OFFICER
    d.subject = "Về việc thi hành án"
    d.bases.law(*(("39",) if f.interim else ("39", "45.1")), topic=DocKind.NOTICE_DEBTOR)


def _payout_notice(d: _Draft, f: _Facts) -> None:
    """Art. 47.5 (payout within 10 days of collection) + Decree 62 Art. 49.2 (notice to come and receive)."""
    d.title, d.signer = "THÔNG BÁO", Signer.OFFICER
    d.subject = "Về việc nhận tiền thi hành án"
    d.bases.law("47.5", topic=DocKind.PAYOUT_NOTICE)
    d.bases.decree("49.2")


def _receipt(d: _Draft, f: _Facts) -> None:
    """TT 04/2023/TT-BTP Art. 13 (receipt of enforcement money) and Art. 17 (collection)."""
    d.title, d.signer = "BIÊN LAI THU TIỀN", Signer.RECEIPT
    d.subject = "Thu tiền thi hành án dân sự"
    d.bases.circular("13", "17")


def _creditor_notice(d: _Draft, f: _Facts) -> None:
    """Art. 44.2: after two re-verifications still without conditions, the creditor is notified; Law 106/2025
    Art. 38."""
    d.title, d.signer = "THÔNG BÁO", Signer.OFFICER
    d.subject = "Về kết quả xác minh điều kiện thi hành án"
    d.bases.law("44.2", key="reverify")
    d.ground_text = GROUND_TEXT[d.ground] + "." if d.ground in GROUND_TEXT else ""


_BUILDERS: dict[DocKind, Callable[[_Draft, _Facts], None]] = {
    DocKind.DECIDE_PROACTIVE: _decide_proactive,
    DocKind.DECIDE_ON_REQUEST: _decide_on_request,
    DocKind.POSTPONE: _postpone,
    DocKind.RESUME: _resume,
    DocKind.SUSPEND: _suspend,
    DocKind.TERMINATE: _terminate,
    DocKind.NOT_YET_ABLE: _not_yet_able,
    DocKind.ENTRUST: _entrust,
    DocKind.REVOKE: _revoke,
    DocKind.NOTICE_DEBTOR: _notice_debtor,
    DocKind.PAYOUT_NOTICE: _payout_notice,
    DocKind.RECEIPT: _receipt,
    DocKind.CREDITOR_NOTICE: _creditor_notice,
    DocKind.ENTRUST_REVOKE: _entrust_revoke,
    DocKind.RETURN_REQUEST: _return_request,
}


def legal_text(kind: DocKind | str, *, on: date, ground: str = "", obligations: Sequence[tuple[str, str]] = (),
               interim: bool = False, bankruptcy: bool = False, from_phase: str = "") -> LegalText:
    """The title, subject, legal bases and ground wording of a document of ``kind`` for an act dated ``on``.

    ``ground``: the act's ground code (postponement, suspension, termination, not yet enforceable, revocation).
    ``obligations``: ``(kind, beneficiary)`` of the case's obligations (proactive decision points).
    ``interim`` / ``bankruptcy``: the judgment is an interim measure / a bankruptcy decision.
    ``from_phase``: the phase a continuation resumes from (POSTPONED, SUSPENDED, NOT_YET_ABLE, SEPARATE_BOOK).
    Raises :class:`LegalError` when no correct basis exists (wrong ground, non-proactive obligation…).
    Every decision under the 2008/2014 law first cites Art. 23 (the head's powers); each kind's own bases are
    in its builder (the table in this module's docstring).
    """
    kind = DocKind(kind)
    regime = regime_for(on)
    d = _Draft(_Bases(regime), ground)
    if kind in DECISION_KINDS and regime == REGIME_2015:
        d.bases.add(f"Căn cứ Điều 23 {LAW} về nhiệm vụ, quyền hạn của Thủ trưởng cơ quan thi hành án dân sự;",
                    "L2008:23")
    _BUILDERS[kind](d, _Facts(obligations, interim, bankruptcy, from_phase))
    return LegalText(kind=kind, regime=regime, title=d.title, subject=d.subject, bases=tuple(d.bases.items),
                     ground=d.ground, ground_text=d.ground_text, statement=d.statement, signer=d.signer)
