"""The API half of the access matrix (see matrix.py for the rules): `api:<name>` → cases, bodies in JSON."""

from __future__ import annotations

from .rules import (
    EDITORS,
    EVERY_MEMBER,
    LOGGED_IN,
    MEMBERS,
    NOT_X,
    ONLY_DISPATCH,
    ONLY_EDITORS,
    SEE_ALL,
    TODAY_TEXT,
    X_PROJECT,
    X_RECORD,
    Case,
    allow,
    ledger_template,
    pk,
    upload,
)
from .world import (
    ADMINISTRATOR,
    DEPARTMENT,
    DISPATCH,
    OFFICER_X,
    OFFICER_Y,
    RESPONSIBLE_LEADER,
    ZONE_LEADER,
    png_bytes,
)


def read(rule, **options) -> Case:
    return Case("GET", rule, **options)


def write(method: str, rule, **options) -> Case:
    options.setdefault("body", "json")
    return Case(method, rule, **options)


def crud(detail_pk, rule, *, create=None, put=None, patch=None, delete=True, read_rule=EVERY_MEMBER):
    """The list (GET, POST) and detail (GET, PUT, PATCH, DELETE) cases of a plain model viewset."""
    listing = [read(read_rule)]
    if create is not None:
        listing.append(write("POST", rule, data=create))
    detail = [read(read_rule, kwargs=detail_pk)]
    if put is not None:
        detail.append(write("PUT", rule, kwargs=detail_pk, data=put))
    if patch is not None:
        detail.append(write("PATCH", rule, kwargs=detail_pk, data=patch))
    if delete:
        detail.append(write("DELETE", rule, kwargs=detail_pk))
    return listing, detail


def _zone_cases():
    body = lambda w: {"name": "北部新城经济开发区", "division_code": "220105"}  # noqa: E731
    return crud(pk(lambda w: w.zone), ONLY_EDITORS, put=body, patch=lambda w: {"short_name": "北部新城"}, delete=False)


ZONE_LIST, ZONE_DETAIL = _zone_cases()
AREA_LIST, AREA_DETAIL = crud(
    pk(lambda w: w.spare_area),
    ONLY_EDITORS,
    create=lambda w: {"name": "新材料产业园", "kind": "park"},
    put=lambda w: {"name": "待撤销片区", "kind": "other"},
    patch=lambda w: {"description": "拟撤销"},
)
DEPARTMENT_LIST, DEPARTMENT_DETAIL = crud(
    pk(lambda w: w.spare_department),
    ONLY_EDITORS,
    create=lambda w: {"name": "应急管理局"},
    put=lambda w: {"name": "待撤销科室"},
    patch=lambda w: {"phone": "0431-1"},
)
ORGANISATION_LIST, ORGANISATION_DETAIL = crud(
    pk(lambda w: w.spare_organisation),
    ONLY_EDITORS,
    create=lambda w: {"name": "广汇建设有限公司", "kind": "platform"},
    put=lambda w: {"name": "待注销公司", "kind": "other"},
    patch=lambda w: {"address": "长春"},
)
PERSON_LIST, PERSON_DETAIL = crud(
    pk(lambda w: w.spare_person),
    ONLY_EDITORS,
    create=lambda w: {"name": "新同志"},
    put=lambda w: {"name": "临时人员"},
    patch=lambda w: {"title": "科员"},
)
CALENDAR_LIST, CALENDAR_DETAIL = crud(
    pk(lambda w: w.calendar_day),
    allow(ADMINISTRATOR),
    create=lambda w: {"date": "2031-05-01", "kind": "holiday", "name": "劳动节"},
    put=lambda w: {"date": "2031-01-01", "kind": "holiday", "name": "元旦"},
    patch=lambda w: {"name": "新年"},
)

STEP_WRITERS = allow(EDITORS, DEPARTMENT, OFFICER_X)
X_STEP = lambda w: {"project_pk": w.x.project.pk, "pk": w.x.steps[1].pk}  # noqa: E731

API: dict[str, list[Case]] = {
    "api:api-me": [read(allow(LOGGED_IN))],
    "api:zone-list": ZONE_LIST,
    "api:zone-detail": ZONE_DETAIL,
    "api:area-list": AREA_LIST,
    "api:area-detail": AREA_DETAIL,
    "api:department-list": DEPARTMENT_LIST,
    "api:department-detail": DEPARTMENT_DETAIL,
    "api:organisation-list": ORGANISATION_LIST,
    "api:organisation-detail": ORGANISATION_DETAIL,
    "api:person-list": PERSON_LIST,
    "api:person-detail": PERSON_DETAIL,
    "api:api-workday": [read(EVERY_MEMBER, query=lambda w: {"date": TODAY_TEXT, "add": 5})],
    "api:calendarday-list": CALENDAR_LIST,
    "api:calendarday-detail": CALENDAR_DETAIL,
    # --- projects ------------------------------------------------------------------------------
    "api:project-list": [
        read(EVERY_MEMBER, query=lambda w: {"q": "吉通"}),
        write(
            "POST",
            ONLY_EDITORS,
            data=lambda w: {"name": "北部新城污水处理厂", "category": "infrastructure", "total_investment": "30000.00"},
        ),
    ],
    "api:project-detail": [
        read(X_RECORD, kwargs=X_PROJECT),
        write(
            "PUT",
            ONLY_EDITORS,
            kwargs=X_PROJECT,
            data=lambda w: {"name": "吉通机械总部", "category": "industrial", "total_investment": "52000.00"},
        ),
        write("PATCH", ONLY_EDITORS, kwargs=X_PROJECT, data=lambda w: {"scope": "新建厂房三栋"}),
    ],
    "api:project-schedule": [read(X_RECORD, kwargs=X_PROJECT)],
    "api:project-stage": [write("POST", ONLY_EDITORS, kwargs=X_PROJECT, data=lambda w: {"stage": "suspended"})],
    "api:project-steps": [
        read(X_RECORD, kwargs=lambda w: {"project_pk": w.x.project.pk}),
        write(
            "POST",
            STEP_WRITERS,
            kwargs=lambda w: {"project_pk": w.x.project.pk},
            data=lambda w: {"name": "竣工验收", "duration_days": 5},
        ),
    ],
    "api:project-step": [
        read(X_RECORD, kwargs=X_STEP),
        write(
            "PUT", STEP_WRITERS, kwargs=X_STEP, data=lambda w: {"name": "一号厂房施工许可证办理", "duration_days": 15}
        ),
        write("PATCH", STEP_WRITERS, kwargs=X_STEP, data=lambda w: {"approval_number": "建施〔2026〕8号"}),
        write("DELETE", STEP_WRITERS, kwargs=X_STEP),
    ],
    "api:api-project-light": [read(X_RECORD, kwargs=X_PROJECT)],
    # --- progress reports ----------------------------------------------------------------------
    "api:report-list": [
        # A filter naming a project the caller cannot see is an invalid choice, as an unknown id is.
        read(allow(MEMBERS, codes={OFFICER_Y: 400}), query=lambda w: {"project": w.x.project.pk}),
        write(
            "POST",
            allow(DISPATCH, OFFICER_X, codes={OFFICER_Y: 400}),
            data=lambda w: {
                "project": w.x.project.pk,
                "period": TODAY_TEXT,
                "investment_done": "120.00",
                "progress_text": "二号厂房基础完成",
                "progress_percent": 40,
            },
        ),
    ],
    "api:report-detail": [
        read(X_RECORD, kwargs=pk(lambda w: w.x.draft)),
        write(
            "PUT",
            allow(DISPATCH, OFFICER_X),
            kwargs=pk(lambda w: w.x.draft),
            data=lambda w: {"project": w.x.project.pk, "investment_done": "150.00", "progress_text": "基础完成"},
        ),
        write(
            "PATCH",
            allow(DISPATCH, OFFICER_X),
            kwargs=pk(lambda w: w.x.draft),
            data=lambda w: {"progress_text": "主体结构施工"},
        ),
    ],
    "api:report-accept": [write("POST", ONLY_DISPATCH, kwargs=pk(lambda w: w.x.report))],
    "api:report-return-": [
        write("POST", ONLY_DISPATCH, kwargs=pk(lambda w: w.x.report), data=lambda w: {"reason": "投资数据与统计不符"})
    ],
    "api:report-submit": [write("POST", allow(DISPATCH, OFFICER_X), kwargs=pk(lambda w: w.x.draft))],
    "api:report-photos": [
        write(
            "POST",
            allow(DISPATCH, OFFICER_X),
            kwargs=pk(lambda w: w.x.draft),
            body="form",
            data=lambda w: {"image": upload("现场.png", png_bytes(), "image/png"), "caption": "东立面"},
        ),
    ],
    # --- issues --------------------------------------------------------------------------------
    "api:issue-list": [
        # A filter naming a project the caller cannot see is an invalid choice, as an unknown id is.
        read(allow(MEMBERS, codes={OFFICER_Y: 400}), query=lambda w: {"project": w.x.project.pk}),
        write(
            "POST",
            allow(DISPATCH, ZONE_LEADER, RESPONSIBLE_LEADER, OFFICER_X, codes={OFFICER_Y: 400}),
            data=lambda w: {"project": w.x.project.pk, "category": w.category.pk, "title": "临时用电未接入"},
        ),
    ],
    "api:issue-detail": [read(X_RECORD, kwargs=pk(lambda w: w.x.issue_assigned))],
    "api:issue-assign": [
        write(
            "POST",
            allow(DISPATCH, ZONE_LEADER, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.issue_open),
            data=lambda w: {"department": w.construction.pk},
        )
    ],
    "api:issue-respond": [
        write(
            "POST",
            allow(DISPATCH, DEPARTMENT, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.issue_assigned),
            data=lambda w: {"text": "正在协调。"},
        )
    ],
    "api:issue-resolve": [
        write(
            "POST",
            allow(DISPATCH, DEPARTMENT, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.issue_assigned),
            data=lambda w: {"text": "已办结。"},
        )
    ],
    "api:issue-close": [
        write(
            "POST",
            allow(DISPATCH, ZONE_LEADER, RESPONSIBLE_LEADER, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.issue_resolved),
            data=lambda w: {"text": "同意销号。"},
        )
    ],
    "api:issue-reopen": [
        write(
            "POST",
            allow(DISPATCH, ZONE_LEADER, RESPONSIBLE_LEADER, OFFICER_X, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.issue_resolved),
            data=lambda w: {"reason": "仍未解决。"},
        )
    ],
    "api:issuecategory-list": [read(EVERY_MEMBER)],
    "api:issuecategory-detail": [read(EVERY_MEMBER, kwargs=pk(lambda w: w.category))],
    # --- inbox ---------------------------------------------------------------------------------
    "api:notification-list": [read(allow(LOGGED_IN))],
    "api:notification-read-all": [write("POST", allow(LOGGED_IN))],
    "api:notification-detail": [
        read(allow(OFFICER_X, hidden=LOGGED_IN - {OFFICER_X}), kwargs=pk(lambda w: w.x.notification))
    ],
    "api:notification-read": [
        write("POST", allow(OFFICER_X, hidden=LOGGED_IN - {OFFICER_X}), kwargs=pk(lambda w: w.x.notification))
    ],
    # --- land ----------------------------------------------------------------------------------
    "api:api-land-summary": [read(EVERY_MEMBER, query=lambda w: {"year": 2026})],
    "api:api-parcel-list": [
        read(EVERY_MEMBER),
        write("POST", ONLY_DISPATCH, data=lambda w: {"number": "BX-09", "name": "北新地块", "area_ha": "3.50"}),
    ],
    "api:api-parcel-detail": [
        read(EVERY_MEMBER, kwargs=pk(lambda w: w.x.parcel)),
        write(
            "PUT",
            ONLY_DISPATCH,
            kwargs=pk(lambda w: w.x.parcel),
            data=lambda w: {"number": "JT-01", "name": "吉通地块", "area_ha": "12.60"},
        ),
        write("PATCH", ONLY_DISPATCH, kwargs=pk(lambda w: w.x.parcel), data=lambda w: {"note": "已完成勘测定界"}),
    ],
    "api:api-parcel-advance": [
        write(
            "POST",
            ONLY_DISPATCH,
            kwargs=pk(lambda w: w.x.parcel),
            data=lambda w: {"status": "acquiring", "date": TODAY_TEXT},
        )
    ],
    # --- funding -------------------------------------------------------------------------------
    "api:funding-application-list": [
        read(allow(MEMBERS, codes={OFFICER_Y: 400}), query=lambda w: {"project": w.x.project.pk}),
        write(
            "POST",
            ONLY_DISPATCH,
            data=lambda w: {
                "project": w.x.project.pk,
                "channel": "central_budget",
                "year": 2026,
                "requested_amount": "500.00",
            },
        ),
    ],
    "api:funding-application-detail": [
        read(X_RECORD, kwargs=pk(lambda w: w.x.application)),
        write(
            "PUT",
            ONLY_DISPATCH,
            kwargs=pk(lambda w: w.x.application),
            data=lambda w: {
                "project": w.x.project.pk,
                "channel": "special_bond",
                "year": 2026,
                "requested_amount": "12000.00",
            },
        ),
        write("PATCH", ONLY_DISPATCH, kwargs=pk(lambda w: w.x.application), data=lambda w: {"note": "第二批"}),
    ],
    "api:funding-application-advance": [
        write("POST", ONLY_DISPATCH, kwargs=pk(lambda w: w.x.application), data=lambda w: {"status": "registered"})
    ],
    "api:project-maturity": [read(X_RECORD, kwargs=X_PROJECT)],
    # --- investment ----------------------------------------------------------------------------
    "api:api-company-list": [
        read(EVERY_MEMBER),
        write("POST", allow(EDITORS, OFFICER_X, OFFICER_Y), data=lambda w: {"name": "长春新材料有限公司"}),
    ],
    "api:api-company-detail": [
        read(EVERY_MEMBER, kwargs=pk(lambda w: w.x.company)),
        write(
            "PUT",
            allow(EDITORS, OFFICER_X, OFFICER_Y),
            kwargs=pk(lambda w: w.x.company),
            data=lambda w: {"name": "吉通机械有限公司", "industry": "C"},
        ),
        write(
            "PATCH",
            allow(EDITORS, OFFICER_X, OFFICER_Y),
            kwargs=pk(lambda w: w.x.company),
            data=lambda w: {"note": "总部拟迁入"},
        ),
    ],
    "api:api-lead-list": [
        read(EVERY_MEMBER),
        write(
            "POST",
            allow(EDITORS, OFFICER_X, OFFICER_Y),
            data=lambda w: {
                "title": "新材料项目",
                "company": w.x.company.pk,
                "source": "other",
                "investment": "3000.00",
            },
        ),
    ],
    "api:api-lead-detail": [
        read(
            allow(SEE_ALL, RESPONSIBLE_LEADER, OFFICER_X, hidden={DEPARTMENT, OFFICER_Y}), kwargs=pk(lambda w: w.x.lead)
        ),
        write(
            "PUT",
            allow(EDITORS, OFFICER_X),
            kwargs=pk(lambda w: w.x.lead),
            data=lambda w: {
                "title": "吉通二期扩产",
                "company": w.x.company.pk,
                "source": "other",
                "investment": "21000.00",
            },
        ),
        write(
            "PATCH",
            allow(EDITORS, OFFICER_X),
            kwargs=pk(lambda w: w.x.lead),
            data=lambda w: {"description": "扩建装配车间"},
        ),
    ],
    "api:api-lead-advance": [
        write(
            "POST",
            allow(EDITORS, OFFICER_X, hidden={DEPARTMENT, OFFICER_Y}),
            kwargs=pk(lambda w: w.x.lead),
            data=lambda w: {"stage": "registered"},
        )
    ],
    "api:api-lead-log": [
        write(
            "POST",
            allow(EDITORS, OFFICER_X, hidden={DEPARTMENT, OFFICER_Y}),
            kwargs=pk(lambda w: w.x.lead),
            data=lambda w: {"kind": "visit", "date": "2026-06-12", "summary": "回访。"},
        )
    ],
    "api:api-lead-convert": [
        write(
            "POST",
            allow(EDITORS, hidden={DEPARTMENT, OFFICER_Y}),
            kwargs=pk(lambda w: w.x.lead),
            data=lambda w: {"name": "吉通二期扩产项目"},
        )
    ],
    # --- indicators ----------------------------------------------------------------------------
    "api:api-indicator-list": [read(EVERY_MEMBER)],
    "api:api-indicator-values": [
        read(EVERY_MEMBER, kwargs=lambda w: {"code": w.indicator.code}),
        write(
            "POST",
            ONLY_EDITORS,
            kwargs=lambda w: {"code": w.indicator.code},
            data=lambda w: {"granularity": "year", "period_start": "2024-01-01", "value": "880000"},
        ),
    ],
    "api:api-indicator-targets": [
        read(EVERY_MEMBER, kwargs=lambda w: {"code": w.indicator.code}),
        write(
            "POST",
            ONLY_EDITORS,
            kwargs=lambda w: {"code": w.indicator.code},
            data=lambda w: {"year": 2027, "value": "1150000"},
        ),
    ],
    "api:api-ledger-import": [
        write(
            "POST",
            ONLY_EDITORS,
            body="form",
            ok_codes=frozenset({422}),
            changes=False,
            data=lambda w: {"file": upload("台账.xlsx", ledger_template()), "dry_run": "true"},
        ),
    ],
    # --- meetings ------------------------------------------------------------------------------
    "api:api-meeting-list": [read(EVERY_MEMBER)],
    "api:api-meeting-detail": [
        read(X_RECORD, kwargs=pk(lambda w: w.x.meeting)),
        write(
            "PUT",
            ONLY_EDITORS,
            kwargs=pk(lambda w: w.x.meeting),
            data=lambda w: {"date": w.x.meeting.date.isoformat(), "kind": "special", "title": "征拆专题调度会"},
        ),
        write(
            "PATCH",
            ONLY_EDITORS,
            kwargs=pk(lambda w: w.x.meeting),
            data=lambda w: {"location": "管委会三楼会议室"},
        ),
    ],
    "api:api-decision-list": [
        read(EVERY_MEMBER),
        write(
            "POST",
            ONLY_DISPATCH,
            data=lambda w: {
                "meeting": w.x.meeting.pk,
                "text": "限期完成管线迁改",
                "department": w.construction.pk,
                "category": w.category.pk,
                "project": w.x.project.pk,
            },
        ),
    ],
    "api:api-decision-detail": [read(X_RECORD, kwargs=pk(lambda w: w.x.decision))],
    # --- evaluation, bulletins, cockpit ---------------------------------------------------------
    "api:api-evaluation-ranking": [read(EVERY_MEMBER)],
    "api:api-evaluation-score": [
        read(
            allow(SEE_ALL, DEPARTMENT),
            variant="department",
            kwargs=lambda w: {"kind": "department", "subject_id": w.construction.pk},
        ),
        read(
            allow(SEE_ALL, OFFICER_X),
            variant="officer",
            kwargs=lambda w: {"kind": "officer", "subject_id": w.users[OFFICER_X].person.pk},
        ),
    ],
    "api:api-bulletin-list": [read(EVERY_MEMBER), write("POST", ONLY_EDITORS, data=lambda w: {"as_of": TODAY_TEXT})],
    "api:api-bulletin-detail": [read(allow(SEE_ALL, hidden=MEMBERS - SEE_ALL), kwargs=pk(lambda w: w.bulletin))],
    "api:api-dashboard-cockpit": [read(EVERY_MEMBER)],
    "api:api-map": [read(EVERY_MEMBER)],
}
