"""Who sees funding records and who may change them: 项目办, 经发局 and 财政局 keep them; the others read."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from diaodu.funding.models import BondFinance, FundingApplication, ProjectDocument
from diaodu.funding.permissions import allowed_statuses, funding_projects, is_funding_manager, may_record_documents
from diaodu.funding.services import (
    application_advance,
    application_create,
    application_update,
    bond_finance_save,
    document_record,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def application_of_y(project_y, dispatcher, items):
    return application_create(
        user=dispatcher, project=project_y, channel="central_budget", year=2026, requested_amount=D("3000")
    )


def test_an_officer_cannot_change_an_application(application, project_officer):
    assert not is_funding_manager(project_officer)
    assert allowed_statuses(project_officer, application) == ()
    with pytest.raises(PermissionDenied, match="只有项目办、经济发展局和财政局可以变更资金申报的状态"):
        application_advance(user=project_officer, application=application, status="registered")
    with pytest.raises(PermissionDenied):
        application_update(user=project_officer, application=application, note="改一下")
    with pytest.raises(PermissionDenied, match="只有项目办、经济发展局和财政局可以填报"):
        application_create(
            user=project_officer, project=application.project, channel="other", year=2026, requested_amount=D("1")
        )


def test_finance_and_economy_bureau_users_and_the_dispatch_office_can(
    application, finance_user, economy_user, dispatcher
):
    for user, status in ((finance_user, "registered"), (economy_user, "submitted"), (dispatcher, "reviewing")):
        assert is_funding_manager(user)
        application = application_advance(user=user, application=application, status=status)
    assert application.status == "reviewing"
    assert allowed_statuses(finance_user, application) == ("approved", "rejected")


def test_other_departments_and_the_leaders_read_only(application, department_user, leader, responsible_leader):
    for user in (department_user, leader, responsible_leader):
        assert not is_funding_manager(user)
        with pytest.raises(PermissionDenied):
            application_advance(user=user, application=application, status="registered")


def test_an_officer_sees_the_applications_of_his_projects_only(
    application, application_of_y, project_officer, other_officer
):
    assert list(FundingApplication.objects.visible_to(project_officer)) == [application]
    assert list(FundingApplication.objects.visible_to(other_officer)) == [application_of_y]


def test_the_funding_departments_see_every_application_and_every_project(
    application, application_of_y, finance_user, department_user, project_x, project_y
):
    assert FundingApplication.objects.visible_to(finance_user).count() == 2
    assert set(funding_projects(finance_user)) == {project_x, project_y}
    # Their other pages keep the registry's rule: 财政局 answers for neither project.
    from diaodu.projects.models import Project

    assert not Project.objects.visible_to(finance_user).exists()
    # 自然资源局 is a department, but not a funding one.
    assert not FundingApplication.objects.visible_to(department_user).exists()
    assert not funding_projects(department_user).exists()


def test_an_outsider_sees_nothing(application, outsider):
    assert not FundingApplication.objects.visible_to(outsider).exists()
    assert not ProjectDocument.objects.visible_to(outsider).exists()


def test_the_projects_officer_records_its_documents_another_officer_does_not(
    project_x, project_officer, other_officer, items
):
    assert may_record_documents(project_officer, project_x)
    document = document_record(
        user=project_officer, project=project_x, item=items["legal_opinion"], provided_on=dt.date(2026, 5, 1)
    )
    assert document.pk and document.history.first().history_user == project_officer
    assert not may_record_documents(other_officer, project_x)
    with pytest.raises(PermissionDenied):
        document_record(
            user=other_officer, project=project_x, item=items["legal_opinion"], provided_on=dt.date(2026, 5, 1)
        )


def test_only_the_funding_managers_keep_bond_finance(project_x, finance_user, project_officer):
    values = {"bond_amount": D("1000"), "term_years": 10, "interest_rate": D("3"), "expected_income": D("1500")}
    with pytest.raises(PermissionDenied):
        bond_finance_save(user=project_officer, project=project_x, **values)
    plan = bond_finance_save(user=finance_user, project=project_x, **values)
    assert BondFinance.objects.get(project=project_x) == plan


def test_only_the_dispatch_office_edits_the_checklist_and_thresholds(client, dispatcher, finance_user, items):
    client.force_login(finance_user)
    assert client.get(reverse("funding-settings")).status_code == 403
    client.force_login(dispatcher)
    assert client.get(reverse("funding-settings")).status_code == 200


def test_an_officer_posting_a_status_change_is_forbidden(client, application, project_officer):
    client.force_login(project_officer)
    response = client.post(
        reverse("funding-application-advance", args=[application.pk]), {"advance-status": "registered"}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "conceived"
