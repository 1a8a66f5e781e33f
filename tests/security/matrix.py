"""The access matrix: for every URL name, how to fill it and who may use it, per method.

A URL name of the pages is its Django name; one of the API is `api:<name>` (several API routes share a name
with a page, e.g. `project-list`). Each name maps to its cases: a method, a rule and how to fill the URL's
kwargs, query and body from the world. A rule says who is let through (`ok`: 2xx, or 3xx not to the login
page), who must get 404 (`hidden`: the row is not his to see), any other exact answer (`codes`, e.g. 400
for a body naming a project the caller cannot see); every other member is refused (403, or 404 where the
row is looked up first). Anonymous visitors are sent to the login page (pages) or answered 401 (API) unless
the rule is `public`. A write that is refused must change nothing; one that is let through with a valid body
must change something (a 200 that re-shows the form with an error is not "let through"). The vocabulary
(persona groups, `allow`, `Case`) is in rules.py.

Who may do what follows the code's permission modules and DESIGN.md's "Who uses it" table: the zone leader,
the dispatch office, observers and administrators read everything; the responsible leader, the department
and the officer of X read X; the officer of Y reads Y only. The dispatch office writes the registry and
its ledgers; the administrators write what each app's `permissions.py` gives them.
"""

from __future__ import annotations

from .rules import (
    BOUNDARY,
    EDITORS,
    EVERY_MEMBER,
    LOGGED_IN,
    MEMBERS,
    NOT_X,
    ONLY_DISPATCH,
    ONLY_EDITORS,
    PROJECT_FORM,
    SEE_ALL,
    TODAY_TEXT,
    X_PROJECT,
    X_RECORD,
    Case,
    allow,
    get,
    issue_action,
    ledger_template,
    pk,
    post,
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
)

PAGES: dict[str, list[Case]] = {
    # --- site -----------------------------------------------------------------------------------
    "login": [
        get(allow(LOGGED_IN, public=True)),
        post(allow(LOGGED_IN, public=True), data=lambda w: {"username": "nobody", "password": "wrong"}, changes=False),
    ],
    # Logging out answers with the login page, whoever asks.
    "logout": [post(allow(codes={p: "login" for p in LOGGED_IN}))],
    "set_language": [
        post(allow(LOGGED_IN, public=True), data=lambda w: {"language": "en", "next": "/"}, changes=False)
    ],
    "health": [get(allow(LOGGED_IN, public=True))],
    "home": [get(EVERY_MEMBER)],
    # --- org and calendar ------------------------------------------------------------------------
    "area-list": [get(EVERY_MEMBER)],
    "department-list": [get(EVERY_MEMBER)],
    "organisation-list": [get(EVERY_MEMBER)],
    "person-list": [get(EVERY_MEMBER)],
    "person-detail": [get(EVERY_MEMBER, kwargs=lambda w: {"pk": w.users[OFFICER_X].person.pk})],
    "audit-list": [get(allow(ADMINISTRATOR))],
    "audit-detail": [
        get(allow(ADMINISTRATOR), kwargs=lambda w: {"label": w.audit_label, "history_id": w.audit_history_id}),
        post(allow(ADMINISTRATOR), kwargs=lambda w: {"label": w.audit_label, "history_id": w.audit_history_id}),
    ],
    "calendar": [get(EVERY_MEMBER)],
    "calendar-year": [get(EVERY_MEMBER, kwargs=lambda w: {"year": 2031})],
    "calendar-day-save": [
        post(allow(ADMINISTRATOR), data=lambda w: {"date": "2031-05-01", "kind": "holiday", "name": "劳动节"})
    ],
    "calendar-days-bulk": [
        post(allow(ADMINISTRATOR), data=lambda w: {"schedule": "2031-05-01 至 2031-05-05 放假 劳动节"})
    ],
    "calendar-day-delete": [post(allow(ADMINISTRATOR), kwargs=pk(lambda w: w.calendar_day))],
    # --- projects ------------------------------------------------------------------------------
    "project-list": [
        get(EVERY_MEMBER),
        get(EVERY_MEMBER, variant="search", query=lambda w: {"q": "吉通"}),
        get(EVERY_MEMBER, variant="export", query=lambda w: {"export": "xlsx"}),
    ],
    "project-mine": [get(EVERY_MEMBER)],
    "project-create": [get(ONLY_EDITORS), post(ONLY_EDITORS, data=lambda w: PROJECT_FORM)],
    "project-detail": [get(X_RECORD, kwargs=X_PROJECT)],
    "project-edit": [
        get(allow(EDITORS, hidden=NOT_X), kwargs=X_PROJECT),
        post(allow(EDITORS, hidden=NOT_X), kwargs=X_PROJECT, data=lambda w: {**PROJECT_FORM, "name": "吉通机械总部"}),
    ],
    "project-stage": [post(allow(EDITORS, hidden=NOT_X), kwargs=X_PROJECT, data=lambda w: {"stage": "suspended"})],
    "project-template": [post(allow(EDITORS, hidden=NOT_X), kwargs=X_PROJECT)],
    "project-steps-section": [get(X_RECORD, kwargs=X_PROJECT)],
    "step-create": [
        get(allow(EDITORS, DEPARTMENT, OFFICER_X, hidden=NOT_X), kwargs=X_PROJECT),
        post(
            allow(EDITORS, DEPARTMENT, OFFICER_X, hidden=NOT_X),
            kwargs=X_PROJECT,
            data=lambda w: {"name": "竣工验收", "kind": "procedure", "duration_days": 5, "status": "not_started"},
        ),
    ],
    "step-edit": [
        get(
            allow(EDITORS, DEPARTMENT, OFFICER_X, hidden=NOT_X),
            kwargs=lambda w: {"pk": w.x.project.pk, "step_pk": w.x.steps[0].pk},
        ),
        post(
            allow(EDITORS, DEPARTMENT, OFFICER_X, hidden=NOT_X),
            kwargs=lambda w: {"pk": w.x.project.pk, "step_pk": w.x.steps[0].pk},
            data=lambda w: {
                "name": "一号厂房节能审查（变更）",
                "kind": "procedure",
                "duration_days": 12,
                "status": "in_progress",
                "actual_start": "2026-06-01",
            },
        ),
    ],
    "step-delete": [
        post(
            allow(EDITORS, DEPARTMENT, OFFICER_X, hidden=NOT_X),
            kwargs=lambda w: {"pk": w.x.project.pk, "step_pk": w.x.steps[1].pk},
        )
    ],
    # --- progress ------------------------------------------------------------------------------
    "report-home": [get(EVERY_MEMBER)],
    "report-form": [
        get(allow(DISPATCH, OFFICER_X, hidden=NOT_X), kwargs=X_PROJECT),
        post(
            allow(DISPATCH, OFFICER_X, hidden=NOT_X),
            kwargs=X_PROJECT,
            data=lambda w: {
                "investment_done": "300",
                "progress_percent": 45,
                "progress_text": "二号厂房钢结构吊装",
                "problems": "",
            },
        ),
    ],
    "report-review": [
        post(
            allow(DISPATCH, hidden=NOT_X),
            kwargs=lambda w: {"report_pk": w.x.report.pk},
            data=lambda w: {"action": "accept"},
        ),
    ],
    "report-photo": [get(X_RECORD, kwargs=pk(lambda w: w.x.photo))],
    "lights": [get(EVERY_MEMBER)],
    "light-settings": [get(ONLY_DISPATCH), post(ONLY_DISPATCH)],
    "light-settings-year": [
        get(ONLY_DISPATCH, kwargs=lambda w: {"year": 2026}),
        post(ONLY_DISPATCH, kwargs=lambda w: {"year": 2026}),
    ],
    # --- issues --------------------------------------------------------------------------------
    "issue-list": [
        get(EVERY_MEMBER),
        get(EVERY_MEMBER, variant="search", query=lambda w: {"q": "高压线"}),
    ],
    "issue-create": [
        get(allow(DISPATCH, ZONE_LEADER, RESPONSIBLE_LEADER, OFFICER_X, OFFICER_Y)),
        # The officer of Y may raise issues, but not on X: the form does not offer X (200, nothing written).
        post(
            allow(DISPATCH, ZONE_LEADER, RESPONSIBLE_LEADER, OFFICER_X, codes={OFFICER_Y: 200}),
            data=lambda w: {
                "project": w.x.project.pk,
                "source": "project",
                "category": w.category.pk,
                "title": "临时用电未接入",
            },
        ),
    ],
    "issue-settings": [get(ONLY_EDITORS), post(ONLY_EDITORS)],
    "issue-detail": [get(X_RECORD, kwargs=pk(lambda w: w.x.issue_assigned))],
    "issue-attach": [
        post(
            allow(DISPATCH, ZONE_LEADER, RESPONSIBLE_LEADER, DEPARTMENT, OFFICER_X, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.issue_assigned),
            data=lambda w: {"file": upload("补充材料.txt", "补充材料".encode()), "name": "补充材料"},
        )
    ],
    "issue-attachment": [
        get(X_RECORD, kwargs=lambda w: {"pk": w.x.issue_assigned.pk, "attachment_pk": w.x.attachment.pk})
    ],
    "issue-action": [
        issue_action(
            "assign",
            lambda w: w.x.issue_open,
            allow(DISPATCH, ZONE_LEADER, hidden=NOT_X),
            lambda w: {"department": w.construction.pk},
        ),
        issue_action(
            "respond",
            lambda w: w.x.issue_assigned,
            allow(DISPATCH, DEPARTMENT, hidden=NOT_X),
            lambda w: {"text": "正在协调供电公司。"},
        ),
        issue_action(
            "resolve",
            lambda w: w.x.issue_assigned,
            allow(DISPATCH, DEPARTMENT, hidden=NOT_X),
            lambda w: {"text": "已完成迁改。"},
        ),
        issue_action(
            "close",
            lambda w: w.x.issue_resolved,
            allow(DISPATCH, ZONE_LEADER, RESPONSIBLE_LEADER, hidden=NOT_X),
            lambda w: {"text": "同意销号。"},
        ),
        issue_action(
            "reopen",
            lambda w: w.x.issue_resolved,
            allow(DISPATCH, ZONE_LEADER, RESPONSIBLE_LEADER, OFFICER_X, hidden=NOT_X),
            lambda w: {"reason": "便道仍未贯通。"},
        ),
        post(
            allow(codes={p: 404 for p in MEMBERS}),
            variant="unknown",
            kwargs=lambda w: {"pk": w.x.issue_open.pk, "action": "delete"},
        ),
    ],
    # --- inbox ---------------------------------------------------------------------------------
    "inbox": [get(allow(LOGGED_IN))],
    "notification-read": [
        post(allow(OFFICER_X, hidden=LOGGED_IN - {OFFICER_X}), kwargs=pk(lambda w: w.x.notification))
    ],
    "notifications-read-all": [post(allow(LOGGED_IN))],
    # --- land ----------------------------------------------------------------------------------
    "land-ledger": [get(EVERY_MEMBER), get(EVERY_MEMBER, variant="search", query=lambda w: {"q": "吉通"})],
    "parcel-create": [get(ONLY_DISPATCH), post(ONLY_DISPATCH)],
    "parcel-detail": [get(EVERY_MEMBER, kwargs=pk(lambda w: w.x.parcel))],
    "parcel-edit": [
        get(ONLY_DISPATCH, kwargs=pk(lambda w: w.x.parcel)),
        post(ONLY_DISPATCH, kwargs=pk(lambda w: w.x.parcel)),
    ],
    "parcel-advance": [
        post(ONLY_DISPATCH, kwargs=pk(lambda w: w.x.parcel), data=lambda w: {"status": "acquiring", "date": TODAY_TEXT})
    ],
    "land-quota": [
        get(ONLY_DISPATCH, kwargs=lambda w: {"year": 2026}),
        post(ONLY_DISPATCH, kwargs=lambda w: {"year": 2026}),
    ],
    # --- funding -------------------------------------------------------------------------------
    "funding-pool": [get(EVERY_MEMBER)],
    "funding-application-list": [get(EVERY_MEMBER), get(EVERY_MEMBER, variant="search", query=lambda w: {"q": "吉通"})],
    "funding-application-create": [get(ONLY_DISPATCH), post(ONLY_DISPATCH)],
    "funding-application-detail": [get(X_RECORD, kwargs=pk(lambda w: w.x.application))],
    "funding-application-edit": [
        get(allow(DISPATCH, hidden=NOT_X), kwargs=pk(lambda w: w.x.application)),
        post(allow(DISPATCH, hidden=NOT_X), kwargs=pk(lambda w: w.x.application)),
    ],
    "funding-application-advance": [
        post(
            allow(DISPATCH, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.application),
            data=lambda w: {"advance-status": "registered"},
        ),
    ],
    "funding-project": [get(X_RECORD, kwargs=X_PROJECT)],
    "funding-document-add": [
        post(
            allow(DISPATCH, OFFICER_X, hidden=NOT_X),
            kwargs=X_PROJECT,
            data=lambda w: {"item": w.item.pk, "provided_on": "2026-06-01", "reference": "可研批复〔2026〕3号"},
        ),
    ],
    "funding-document-delete": [
        post(
            allow(DISPATCH, OFFICER_X, hidden=NOT_X),
            kwargs=lambda w: {"pk": w.x.project.pk, "document_pk": w.x.document.pk},
        ),
    ],
    "funding-bond": [post(allow(DISPATCH, hidden=NOT_X), kwargs=X_PROJECT)],
    "funding-settings": [get(ONLY_EDITORS), post(ONLY_EDITORS)],
    # --- investment ----------------------------------------------------------------------------
    "investment-pipeline": [get(EVERY_MEMBER), get(EVERY_MEMBER, variant="search", query=lambda w: {"q": "吉通"})],
    "lead-create": [get(allow(EDITORS, OFFICER_X, OFFICER_Y)), post(allow(EDITORS, OFFICER_X, OFFICER_Y))],
    "lead-detail": [
        get(
            allow(SEE_ALL, RESPONSIBLE_LEADER, OFFICER_X, hidden={DEPARTMENT, OFFICER_Y}), kwargs=pk(lambda w: w.x.lead)
        )
    ],
    "lead-edit": [
        get(allow(EDITORS, OFFICER_X, hidden={DEPARTMENT, OFFICER_Y}), kwargs=pk(lambda w: w.x.lead)),
        post(allow(EDITORS, OFFICER_X, hidden={DEPARTMENT, OFFICER_Y}), kwargs=pk(lambda w: w.x.lead)),
    ],
    "lead-advance": [
        post(
            allow(EDITORS, OFFICER_X, hidden={DEPARTMENT, OFFICER_Y}),
            kwargs=pk(lambda w: w.x.lead),
            data=lambda w: {"stage": "registered", "date": TODAY_TEXT},
        )
    ],
    "lead-log": [
        post(
            allow(EDITORS, OFFICER_X, hidden={DEPARTMENT, OFFICER_Y}),
            kwargs=pk(lambda w: w.x.lead),
            data=lambda w: {"kind": "visit", "date": "2026-06-12", "summary": "回访企业。"},
        )
    ],
    "lead-convert": [
        post(
            allow(EDITORS, hidden={DEPARTMENT, OFFICER_Y}),
            kwargs=pk(lambda w: w.x.lead),
            data=lambda w: {"name": "吉通二期扩产项目"},
        )
    ],
    "company-list": [get(EVERY_MEMBER)],
    "company-create": [get(allow(EDITORS, OFFICER_X, OFFICER_Y)), post(allow(EDITORS, OFFICER_X, OFFICER_Y))],
    "company-detail": [get(EVERY_MEMBER, kwargs=pk(lambda w: w.x.company))],
    "company-edit": [
        get(allow(EDITORS, OFFICER_X, OFFICER_Y), kwargs=pk(lambda w: w.x.company)),
        post(allow(EDITORS, OFFICER_X, OFFICER_Y), kwargs=pk(lambda w: w.x.company)),
    ],
    "headquarters-edit": [
        get(allow(EDITORS, OFFICER_X, OFFICER_Y), kwargs=pk(lambda w: w.x.company)),
        post(allow(EDITORS, OFFICER_X, OFFICER_Y), kwargs=pk(lambda w: w.x.company)),
    ],
    "investment-headquarters": [get(EVERY_MEMBER)],
    "investment-settings": [get(ONLY_EDITORS), post(ONLY_EDITORS)],
    # --- indicators ----------------------------------------------------------------------------
    "indicator-list": [get(EVERY_MEMBER)],
    "indicator-detail": [get(EVERY_MEMBER, kwargs=lambda w: {"code": w.indicator.code})],
    "indicator-value-enter": [post(ONLY_EDITORS, kwargs=lambda w: {"code": w.indicator.code})],
    "indicator-target-pick": [
        get(EVERY_MEMBER, kwargs=lambda w: {"code": w.indicator.code}, query=lambda w: {"year": 2027})
    ],
    "indicator-target": [
        get(ONLY_EDITORS, kwargs=lambda w: {"code": w.indicator.code, "year": 2027}),
        post(ONLY_EDITORS, kwargs=lambda w: {"code": w.indicator.code, "year": 2027}),
    ],
    # --- ledger import -------------------------------------------------------------------------
    "ledger-import": [
        get(ONLY_EDITORS),
        # An upload is kept as a file and in the session until it is confirmed: nothing is written yet.
        post(
            ONLY_EDITORS, data=lambda w: {"file": upload("台账.xlsx", ledger_template()), "year": 2026}, changes=False
        ),
    ],
    "ledger-result": [get(ONLY_EDITORS)],
    "ledger-preview": [
        get(ONLY_EDITORS, kwargs=lambda w: {"token": w.ledger_token}),
        post(ONLY_EDITORS, kwargs=lambda w: {"token": w.ledger_token}, data=lambda w: {"year": 2026}, changes=False),
    ],
    "ledger-confirm": [post(ONLY_EDITORS, kwargs=lambda w: {"token": w.ledger_token})],
    "ledger-template": [get(EVERY_MEMBER)],
    # --- meetings ------------------------------------------------------------------------------
    "meeting-list": [get(EVERY_MEMBER), get(EVERY_MEMBER, variant="search", query=lambda w: {"q": "吉通"})],
    "meeting-create": [get(ONLY_EDITORS), post(ONLY_EDITORS)],
    "meeting-detail": [get(X_RECORD, kwargs=pk(lambda w: w.x.meeting))],
    "meeting-edit": [
        get(allow(EDITORS, hidden=NOT_X), kwargs=pk(lambda w: w.x.meeting)),
        post(allow(EDITORS, hidden=NOT_X), kwargs=pk(lambda w: w.x.meeting)),
    ],
    "meeting-agenda-propose": [post(allow(EDITORS, hidden=NOT_X), kwargs=pk(lambda w: w.x.meeting))],
    "meeting-agenda-add": [
        post(
            allow(EDITORS, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.meeting),
            data=lambda w: {"project": w.y.project.pk, "reason": "一并研究"},
        )
    ],
    "meeting-agenda-remove": [
        post(
            allow(EDITORS, hidden=NOT_X),
            kwargs=lambda w: {"pk": w.x.meeting.pk, "item_pk": w.x.meeting.agenda.first().pk},
        ),
    ],
    "meeting-decision-add": [
        post(
            allow(DISPATCH, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.meeting),
            data=lambda w: {
                "text": "限期完成管线迁改",
                "department": w.construction.pk,
                "category": w.category.pk,
                "project": w.x.project.pk,
            },
        ),
    ],
    "meeting-hold": [
        post(
            allow(EDITORS, hidden=NOT_X),
            kwargs=pk(lambda w: w.x.meeting),
            data=lambda w: {"minutes": "会议议定事项见附件。"},
        )
    ],
    # --- evaluation ----------------------------------------------------------------------------
    "evaluation-ranking": [get(EVERY_MEMBER)],
    "evaluation-export": [get(EVERY_MEMBER)],
    "evaluation-snapshot-take": [post(ONLY_DISPATCH, data=lambda w: {"month": "2026-04"})],
    "evaluation-scheme": [get(EVERY_MEMBER), post(ONLY_EDITORS)],
    "evaluation-scheme-year": [
        get(EVERY_MEMBER, kwargs=lambda w: {"year": 2026}),
        post(ONLY_EDITORS, kwargs=lambda w: {"year": 2026}),
    ],
    "evaluation-breakdown": [
        get(
            allow(SEE_ALL, DEPARTMENT),
            variant="department",
            kwargs=lambda w: {"kind": "department", "subject_id": w.construction.pk},
        ),
        get(
            allow(SEE_ALL, OFFICER_X),
            variant="officer",
            kwargs=lambda w: {"kind": "officer", "subject_id": w.users[OFFICER_X].person.pk},
        ),
        get(
            allow(SEE_ALL, RESPONSIBLE_LEADER),
            variant="leader",
            kwargs=lambda w: {"kind": "leader", "subject_id": w.users[RESPONSIBLE_LEADER].person.pk},
        ),
    ],
    # --- bulletins -----------------------------------------------------------------------------
    "bulletin-list": [get(EVERY_MEMBER)],
    "bulletin-request": [post(ONLY_EDITORS, data=lambda w: {"as_of": TODAY_TEXT})],
    "bulletin-make": [get(allow(SEE_ALL), query=lambda w: {"format": "xlsx", "as_of": TODAY_TEXT})],
    "bulletin-row": [get(allow(SEE_ALL, hidden=MEMBERS - SEE_ALL), kwargs=pk(lambda w: w.bulletin))],
    "bulletin-download": [
        get(allow(SEE_ALL, hidden=MEMBERS - SEE_ALL), kwargs=lambda w: {"pk": w.bulletin.pk, "fmt": "xlsx"})
    ],
    # --- cockpit and map -----------------------------------------------------------------------
    "cockpit": [get(EVERY_MEMBER)],
    "zone-map": [get(EVERY_MEMBER)],
    "map-boundaries": [
        get(ONLY_EDITORS),
        post(ONLY_EDITORS, data=lambda w: {"file": upload("areas.geojson", BOUNDARY), "source": "勘测定界图"}),
    ],
    "map-boundaries-download": [get(EVERY_MEMBER)],
}

# Routes the matrix does not cover, and why.
EXCLUDED = {
    "api:api-schema": "the OpenAPI schema holds no data and is public by design (integrators read it first)",
    "api:api-docs": "the Swagger UI page of the schema, public by design",
}
EXCLUDED_PREFIXES = {
    "admin/": "Django's admin has its own permission system (staff and model permissions), tested separately",
}
# Static files have no URL pattern: WhiteNoise serves them before any view (they hold no data).
