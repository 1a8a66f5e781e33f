"""An application's step taken from a page loaded before someone else took one: the conflict, nothing written."""

import pytest
from django.urls import reverse

from diaodu.core.concurrency import etag_for
from diaodu.funding.models import FundingApplication
from diaodu.funding.services import application_advance
from tests.core.racing import version_in

pytestmark = pytest.mark.django_db


def test_a_step_from_an_old_page_is_shown_against_the_saved_status(client, finance_user, dispatcher, application):
    client.force_login(finance_user)
    detail = reverse("funding-application-detail", args=[application.pk])
    loaded = version_in(client.get(detail).text, "advance-version")
    application_advance(user=dispatcher, application=application, status="registered")
    answer = client.post(
        reverse("funding-application-advance", args=[application.pk]),
        {"advance-status": "registered", "advance-version": loaded},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200 and "HX-Redirect" not in answer.headers
    assert 'data-testid="edit-conflict"' in answer.text and "保存人：周敏" in answer.text
    # 已入库 is no longer offered from 已入库: the conflict says why, not the choice field.
    assert 'data-testid="field-error"' not in answer.text
    saved = FundingApplication.objects.get(pk=application.pk)
    assert saved.status == "registered" and saved.history.count() == 2


def test_without_htmx_the_conflict_is_said_on_the_application_page(client, finance_user, dispatcher, application):
    client.force_login(finance_user)
    detail = reverse("funding-application-detail", args=[application.pk])
    loaded = version_in(client.get(detail).text, "advance-version")
    application_advance(user=dispatcher, application=application, status="registered")
    answer = client.post(
        reverse("funding-application-advance", args=[application.pk]),
        {"advance-status": "registered", "advance-version": loaded},
        follow=True,
    )
    assert "您依据的是之前的版本，修改没有保存" in answer.text and "周敏" in answer.text
    assert FundingApplication.objects.get(pk=application.pk).history.count() == 2


def test_a_step_from_a_fresh_page_goes_through_and_a_wrong_one_keeps_its_message(
    client, finance_user, dispatcher, application
):
    client.force_login(finance_user)
    detail = reverse("funding-application-detail", args=[application.pk])
    loaded = version_in(client.get(detail).text, "advance-version")
    url = reverse("funding-application-advance", args=[application.pk])
    done = client.post(url, {"advance-status": "registered", "advance-version": loaded}, HTTP_HX_REQUEST="true")
    assert done.headers["HX-Redirect"] == detail
    assert FundingApplication.objects.get(pk=application.pk).status == "registered"
    rebased = version_in(client.get(detail).text, "advance-version")
    over = client.post(url, {"advance-status": "approved", "advance-approved_amount": "99999",
                             "advance-version": rebased}, HTTP_HX_REQUEST="true")  # fmt: skip
    assert 'data-testid="edit-conflict"' not in over.text and 'data-testid="field-error"' in over.text
    assert FundingApplication.objects.get(pk=application.pk).status == "registered"


def test_the_api_takes_a_step_on_a_fresh_if_match(client, finance_user, dispatcher, application):
    client.force_login(finance_user)
    url = f"/api/funding-applications/{application.pk}/"
    loaded = client.get(url).headers["ETag"]
    step = client.post(f"{url}advance/", {"status": "registered"}, content_type="application/json",
                       headers={"If-Match": loaded})  # fmt: skip
    assert step.status_code == 200
    assert step.headers["ETag"] == etag_for(FundingApplication.objects.get(pk=application.pk)) != loaded
    stale = client.post(f"{url}advance/", {"status": "submitted"}, content_type="application/json",
                        headers={"If-Match": loaded})  # fmt: skip
    assert stale.status_code == 412 and stale.json()["error"]["current"]["status"] == "registered"
