"""Stage changes follow the registry's rules and are recorded in history with their reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from diaodu.core.history import changes
from diaodu.projects.models import Step
from diaodu.projects.services import project_change_stage

pytestmark = pytest.mark.django_db


def test_construction_needs_an_actual_start_date(project_x):
    with pytest.raises(ValidationError) as error:
        project_change_stage(project=project_x, stage="construction")
    assert "实际开工日期" in error.value.message_dict["actual_start"][0]
    project_x.refresh_from_db()
    assert project_x.stage == "preparation"


def test_starting_construction_marks_the_start_milestone_done(project_x):
    from diaodu.projects.models import ProcedureType

    start = Step.objects.get(project=project_x, name="开工")
    start.procedure_type = ProcedureType.objects.get(code="start")
    start.save()
    project = project_change_stage(project=project_x, stage="construction", actual_start=dt.date(2026, 10, 12))
    assert project.stage == "construction"
    start.refresh_from_db()
    assert start.status == "done"
    assert start.actual_finish == dt.date(2026, 10, 12)


def test_operating_is_refused_before_completed(project_x):
    project_change_stage(project=project_x, stage="construction", actual_start=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError) as error:
        project_change_stage(project=project_x, stage="operating")
    assert "不能从“在建”转为“投产”" in error.value.message_dict["stage"][0]


def test_completed_needs_a_completion_date_not_before_the_start(project_x):
    project_change_stage(project=project_x, stage="construction", actual_start=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError):
        project_change_stage(project=project_x, stage="completed")
    with pytest.raises(ValidationError) as error:
        project_change_stage(project=project_x, stage="completed", actual_completion=dt.date(2026, 2, 1))
    assert "不能早于实际开工日期" in error.value.message_dict["actual_completion"][0]
    project = project_change_stage(project=project_x, stage="completed", actual_completion=dt.date(2026, 9, 1))
    assert project_change_stage(project=project, stage="operating").stage == "operating"


def test_cancelled_is_final(project_x):
    project_change_stage(project=project_x, stage="cancelled", reason="企业放弃投资")
    with pytest.raises(ValidationError):
        project_change_stage(project=project_x, stage="preparation")


def test_an_actual_date_in_the_future_is_refused(project_x):
    with pytest.raises(ValidationError) as error:
        project_change_stage(project=project_x, stage="construction", actual_start=dt.date(2099, 1, 1))
    assert "不能晚于今天" in error.value.message_dict["actual_start"][0]


def test_a_stage_change_is_in_history_with_its_reason(project_x):
    project_change_stage(project=project_x, stage="suspended", reason="资金未落实，暂缓")
    entry = project_x.history.order_by("-history_date").first()
    assert entry.stage == "suspended"
    assert entry.history_change_reason == "资金未落实，暂缓"
    (_entry, fields), *_rest = changes(project_x)
    assert ("stage", "preparation", "suspended") in fields
