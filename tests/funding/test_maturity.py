"""Project maturity: items from steps and documents, the score, and the level at each threshold."""

import datetime as dt

import pytest

from diaodu.funding import maturity
from diaodu.funding.maturity import DocumentFact, ItemRule, StepFact, Thresholds, assess, level_for
from diaodu.funding.models import FundingSettings, MaturityItem, ProjectDocument
from diaodu.funding.selectors import maturity_for, project_maturity
from diaodu.projects.models import Step

RULES = [
    ItemRule("proposal", "项目建议书", 10, ("proposal", "approval", "filing")),
    ItemRule("feasibility", "可研批复", 15, ("feasibility",)),
    ItemRule("land", "用地手续", 15, ("land_pre_review+land_supply", "property_certificate")),
    ItemRule("eia", "环评", 10, ("eia",)),
    ItemRule("implementation_plan", "实施方案", 10),
    ItemRule("legal_opinion", "法律意见书", 5),
    ItemRule("rest", "其他", 35, ("construction_permit",)),
]


def done(code, name=None, number="", status="done"):
    return StepFact(code, name or code, status, number, dt.date(2026, 3, 1))


def by_code(result):
    return {item.code: item for item in result.items}


# --- pure rules -----------------------------------------------------------------------------------


def test_an_item_is_satisfied_by_its_step_with_the_approval_number_as_source():
    result = assess(RULES, [done("feasibility", "可行性研究报告批复", "长经开发改审批〔2026〕28号")], [])
    item = by_code(result)["feasibility"]
    assert item.satisfied and item.source.kind == "step"
    assert item.source.text == "可行性研究报告批复（长经开发改审批〔2026〕28号）"
    assert result.score == 15


def test_an_alternative_needs_all_its_steps_and_any_alternative_will_do():
    assert not by_code(assess(RULES, [done("land_pre_review")], []))["land"].satisfied
    both = assess(RULES, [done("land_pre_review", "用地预审"), done("land_supply", "土地供应")], [])
    assert by_code(both)["land"].source.text == "用地预审（2026-03-01 办结）；土地供应（2026-03-01 办结）"
    assert by_code(assess(RULES, [done("property_certificate")], []))["land"].satisfied


def test_an_enterprise_projects_filing_stands_for_the_proposal():
    assert by_code(assess(RULES, [done("filing", "项目备案", "发改备〔2026〕3号")], []))["proposal"].satisfied


def test_a_step_not_applicable_counts_and_says_so():
    item = by_code(assess(RULES, [done("eia", "环评批复", status="not_applicable")], []))["eia"]
    assert item.satisfied and item.source.text == "环评批复（不涉及）"


def test_steps_not_done_do_not_count():
    result = assess(RULES, [done("eia", status="in_progress"), done("feasibility", status="not_started")], [])
    assert result.score == 0 and len(result.missing) == len(RULES)


def test_a_document_satisfies_an_item_without_steps_and_the_step_wins_where_both_exist():
    documents = [
        DocumentFact("implementation_plan", "长经开管函〔2026〕12号", dt.date(2026, 5, 6)),
        DocumentFact("feasibility", "可研批复（登记前取得）", dt.date(2025, 1, 1)),
    ]
    result = by_code(assess(RULES, [done("feasibility", "可研", "A号")], documents))
    expected = maturity.Source("document", "已备案文件：长经开管函〔2026〕12号，2026-05-06")
    assert result["implementation_plan"].source == expected
    assert result["feasibility"].source.kind == "step" and "A号" in result["feasibility"].source.text
    only_document = by_code(assess(RULES, [], documents))["feasibility"]
    assert only_document.satisfied and only_document.source.kind == "document"


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, "conceived"),
        (29, "conceived"),
        (30, "preparing"),
        (31, "preparing"),
        (69, "preparing"),
        (70, "mature"),
        (71, "mature"),
        (89, "mature"),
        (90, "ready"),
        (91, "ready"),
        (100, "ready"),
    ],
)
def test_a_score_exactly_at_a_threshold_reaches_that_level(score, level):
    assert level_for(score) == level


def test_thresholds_are_configurable():
    thresholds = Thresholds(preparing=20, mature=60, ready=80)
    assert [level_for(s, thresholds) for s in (19, 20, 59, 60, 79, 80)] == [
        "conceived", "preparing", "preparing", "mature", "mature", "ready",
    ]  # fmt: skip


PERMIT, FSR, CERT, PROP, EIA = "construction_permit", "feasibility", "property_certificate", "proposal", "eia"
PLAN, LEGAL = "implementation_plan", "legal_opinion"


@pytest.mark.parametrize(
    ("facts", "documents", "score", "level"),
    [
        # 10 + 15 + 5 = 30: 前期 at the threshold; 25 below it.
        ([PROP, FSR], [LEGAL], 30, "preparing"),
        ([PROP, FSR], [], 25, "conceived"),
        # 35 + 15 + 10 + 10 = 70: 成熟 at the threshold; 65 below it.
        ([PERMIT, FSR, PROP, EIA], [], 70, "mature"),
        ([PERMIT, FSR, PROP], [LEGAL], 65, "preparing"),
        # 35 + 15 + 15 + 10 + 10 + 5 = 90: 具备开工 at the threshold; 85 below it, 95 above.
        ([PERMIT, FSR, CERT, EIA], [PLAN, LEGAL], 90, "ready"),
        ([PERMIT, FSR, CERT, EIA], [PLAN], 85, "mature"),
        ([PERMIT, FSR, CERT, EIA, PROP], [PLAN], 95, "ready"),
    ],
)
def test_scores_and_levels_around_each_boundary(facts, documents, score, level):
    result = assess(RULES, [done(code) for code in facts], [DocumentFact(code) for code in documents])
    assert (result.score, result.level) == (score, level)


# --- from the database ----------------------------------------------------------------------------


def step(project, procedure_types, code, *, status="done", number="", name=None):
    return Step.objects.create(
        project=project,
        name=name or procedure_types[code].name,
        procedure_type=procedure_types[code],
        status=status,
        actual_start=dt.date(2026, 2, 1) if status in ("done", "in_progress") else None,
        actual_finish=dt.date(2026, 3, 1) if status == "done" else None,
        approval_number=number,
    )


@pytest.mark.django_db
def test_a_project_is_assessed_from_its_steps_and_documents(project_x, procedure_types, items):
    step(project_x, procedure_types, "proposal", number="长经开发改审批〔2026〕3号")
    step(project_x, procedure_types, "feasibility", number="长经开发改审批〔2026〕9号")
    step(project_x, procedure_types, "eia", status="not_applicable")
    step(project_x, procedure_types, "preliminary_design", status="in_progress")
    ProjectDocument.objects.create(
        project=project_x,
        item=items["financial_evaluation"],
        provided_on=dt.date(2026, 4, 1),
        reference="吉正会评字第18号",
    )
    result = project_maturity(project_x)
    satisfied = {item.code for item in result.items if item.satisfied}
    assert satisfied == {"proposal", "feasibility", "eia", "financial_evaluation"}
    assert result.score == 10 + 15 + 10 + 10 == 45
    assert result.level == "preparing"
    assert [item.code for item in result.items][:3] == ["proposal", "feasibility", "preliminary_design"]


@pytest.mark.django_db
def test_weights_and_thresholds_are_configurable(project_x, procedure_types, items):
    step(project_x, procedure_types, "proposal")
    step(project_x, procedure_types, "feasibility")
    assert (project_maturity(project_x).score, project_maturity(project_x).level) == (25, "conceived")
    MaturityItem.objects.filter(code="feasibility").update(weight=20)
    MaturityItem.objects.filter(code="legal_opinion").update(weight=0)
    assert (project_maturity(project_x).score, project_maturity(project_x).level) == (30, "preparing")
    FundingSettings.objects.filter(singleton=True).update(preparing_threshold=31)
    assert project_maturity(project_x).level == "conceived"
    MaturityItem.objects.filter(code="feasibility").update(is_active=False)
    assert "feasibility" not in {item.code for item in project_maturity(project_x).items}


@pytest.mark.django_db
def test_many_projects_are_assessed_in_a_fixed_number_of_queries(
    project_x, project_y, procedure_types, items, django_assert_num_queries
):
    step(project_x, procedure_types, "proposal")
    settings = FundingSettings.load()
    with django_assert_num_queries(3):
        result = maturity_for([project_x.pk, project_y.pk], settings)
    assert result[project_x.pk].score == 10 and result[project_y.pk].score == 0
