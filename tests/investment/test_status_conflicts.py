"""A lead moved on from a page loaded before someone else moved it: the conflict, nothing written."""

import pytest
from django.urls import reverse
from django.utils import timezone

from diaodu.core.concurrency import etag_for
from diaodu.investment.models import Lead
from diaodu.investment.services import lead_advance
from tests.core.racing import conflict_row, version_in

pytestmark = pytest.mark.django_db


def test_a_stage_move_from_an_old_page_is_shown_against_the_saved_stage(client, scout, bureau_user, signed_lead):
    today = timezone.localdate()
    client.force_login(scout)
    loaded = version_in(client.get(reverse("lead-detail", args=[signed_lead.pk])).text)
    lead_advance(user=bureau_user, lead=signed_lead, stage="lost", date=today, lost_reason="企业战略调整")
    answer = client.post(
        reverse("lead-advance", args=[signed_lead.pk]),
        {"stage": "registered", "date": today.isoformat(), "version": loaded},
    )
    assert answer.status_code == 200
    assert 'data-testid="edit-conflict"' in answer.text and "保存人：乔振宇" in answer.text
    assert conflict_row("变更为", "注册", "终止") in answer.text
    # The state rule (an ended lead moves no more) would refuse it too; the version is checked first.
    assert 'data-testid="form-error"' not in answer.text
    saved = Lead.objects.get(pk=signed_lead.pk)
    assert (saved.stage, saved.lost_reason) == ("lost", "企业战略调整")


def test_a_move_from_a_fresh_page_goes_through(client, scout, signed_lead):
    client.force_login(scout)
    loaded = version_in(client.get(reverse("lead-detail", args=[signed_lead.pk])).text)
    answer = client.post(
        reverse("lead-advance", args=[signed_lead.pk]),
        {"stage": "registered", "date": timezone.localdate().isoformat(), "version": loaded},
    )
    assert answer.status_code == 302 and Lead.objects.get(pk=signed_lead.pk).stage == "registered"


def test_the_api_moves_a_lead_on_a_fresh_if_match_only(client, scout, bureau_user, signed_lead):
    client.force_login(scout)
    url = f"/api/leads/{signed_lead.pk}/"
    body = {"stage": "registered", "date": timezone.localdate().isoformat()}
    loaded = client.get(url).headers["ETag"]
    lead_advance(user=bureau_user, lead=signed_lead, stage="registered", date=timezone.localdate())
    stale = client.post(f"{url}advance/", {**body, "stage": "started"}, content_type="application/json",
                        headers={"If-Match": loaded})  # fmt: skip
    assert stale.status_code == 412 and stale.json()["error"]["current"]["stage"] == "registered"
    assert Lead.objects.get(pk=signed_lead.pk).stage == "registered"
    fresh = client.post(f"{url}advance/", {**body, "stage": "started"}, content_type="application/json",
                        headers={"If-Match": stale.headers["ETag"]})  # fmt: skip
    assert fresh.status_code == 200 and Lead.objects.get(pk=signed_lead.pk).stage == "started"
    assert fresh.headers["ETag"] == etag_for(Lead.objects.get(pk=signed_lead.pk))
