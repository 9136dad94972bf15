"""The complaints objects of the access-matrix world (``tests/test_url_access_matrix.py``): in each of branches A and
B a reception day, a reception about the world's case, a letter from it, a complaint of that letter on the case
(received, so that "accept" is offered) and a denunciation with its denunciator's identity, resolved by the branch
(``resolver_unit``); and how the complaints pages' URL arguments name them.

The rows are written directly (as the world's assets are): the table tests who may open which page, not the actions.
"""

from __future__ import annotations

from datetime import date

#: URL name → the world object its ``pk`` names (pages about a case take the world's case).
PK_OBJECT = {
    "complaints-reception-detail": "reception", "complaints-letter-detail": "letter",
    "complaints-matter-new": "letter", "complaints-matter-detail": "matter", "complaints-matter-step": "matter",
    "complaints-matter-identity": "denunciation",
}


def build(objects: dict, units: dict) -> None:
    """Add the complaints rows of targets A and B to ``objects`` ((kind, target) → pk); the cases must be there."""
    from thads.cases.models import Case
    from thads.complaints.models import Letter, Matter, MatterEvent, Reception, ReceptionDay

    for target in ("A", "B"):
        unit, case = units[target], Case.objects.get(pk=objects[("case", target)])
        day = ReceptionDay.objects.create(unit=unit, on=date(2025, 9, 10), head_day=True, place="Trụ sở")
        reception = Reception.objects.create(
            unit=unit, on=date(2025, 9, 10), schedule=day, head_day=True, content="Hỏi về việc thi hành án",
            persons=[{"name": "Phan Văn Khiếu", "id_number": "046080009999", "address": "Huế",
                      "representative": False}], outcome="recorded")
        reception.cases.add(case)
        letter = Letter.objects.create(unit=unit, received_on=date(2025, 9, 10), channel="in_person",
                                       reception=reception, content="Khiếu nại quyết định",
                                       signatories=[{"name": "Phan Văn Khiếu", "id_number": "046080009999",
                                                     "address": "Huế"}])
        matter = Matter.objects.create(unit=unit, letter=letter, kind="complaint", received_on=date(2025, 9, 10),
                                       summary="Khiếu nại quyết định thi hành án", case=case,
                                       complained_act="before_measures", act_known_on=date(2025, 9, 5),
                                       respondent="officer", resolver_unit=unit)
        MatterEvent.objects.create(matter=matter, seq=1, kind="received", on=date(2025, 9, 10), unit=unit)
        denunciation = Matter.objects.create(
            unit=unit, kind="denunciation", received_on=date(2025, 9, 11), summary="Tố cáo chấp hành viên",
            respondent="officer", resolver_unit=unit,
            identity={"name": "Người Tố Cáo", "id_number": "046070001111", "address": "Huế", "contact": ""})
        MatterEvent.objects.create(matter=denunciation, seq=1, kind="received", on=date(2025, 9, 11), unit=unit)
        objects.update({("receptionday", target): day.pk, ("reception", target): reception.pk,
                        ("letter", target): letter.pk, ("matter", target): matter.pk,
                        ("denunciation", target): denunciation.pk})


def kwarg(route_name: str | None, name: str, target: str | None, objects: dict):
    """The value of a complaints page's URL argument, or None when the page is not a complaints page."""
    if route_name == "complaints-matter-step" and name == "step":
        return "accept"
    if name == "kind" and (route_name or "").startswith("complaints-register"):
        return "complaint"
    if name == "pk" and route_name in PK_OBJECT:
        return objects[(PK_OBJECT[route_name], target)]
    return None
