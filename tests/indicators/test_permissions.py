"""Every member of the zone reads the indicators; the dispatch office and the administrators keep them."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from diaodu.indicators.models import Indicator
from diaodu.indicators.permissions import may_edit_indicators
from diaodu.indicators.services import indicator_target_set, indicator_value_enter
from diaodu.org.choices import Role
from diaodu.org.roles import sync_roles
from tests.indicators.conftest import NOV_15
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
VALUE = {"granularity": "month", "period_start": "2026-10-01", "value": "1"}


def test_who_may_keep_the_indicators(dispatcher, administrator, leader, officer, responsible_leader, outsider):
    assert may_edit_indicators(dispatcher) and may_edit_indicators(administrator)
    for user in (leader, officer, responsible_leader, outsider):
        assert not may_edit_indicators(user), user


def test_every_role_reads_the_indicators_and_only_the_dispatch_office_and_administrators_change_them(db):
    groups = sync_roles()
    for role in Role:
        codenames = set(groups[role.value].permissions.filter(content_type__app_label="indicators").values_list(
            "codename", flat=True
        ))  # fmt: skip
        assert {"view_indicator", "view_indicatorvalue", "view_indicatortarget"} <= codenames, role
        changes = {"add_indicatorvalue", "change_indicatortarget"} <= codenames
        assert changes == (role in (Role.DISPATCH, Role.ADMIN)), role
    assert not Group.objects.get(name=Role.DISPATCH).permissions.filter(codename="add_historicalindicatorvalue")


def test_every_member_sees_every_indicator_and_an_outsider_none(speech, leader, officer, responsible_leader, outsider):
    for user in (leader, officer, responsible_leader):
        assert Indicator.objects.visible_to(user).count() == 8
    assert Indicator.objects.visible_to(outsider).count() == 0


def test_an_outsider_is_refused_and_an_anonymous_caller_asked_to_log_in(client, speech, outsider):
    assert client.get(reverse("indicator-list")).status_code == 302
    assert client.get("/api/indicators/").status_code == 401
    client.force_login(outsider)
    assert client.get(reverse("indicator-list")).status_code == 403
    assert client.get(reverse("indicator-detail", args=["gdp"])).status_code == 403
    assert client.get("/api/indicators/").status_code == 403
    assert client.get("/api/indicators/gdp/values/").status_code == 403


def test_a_reader_sees_the_pages_without_the_forms_and_cannot_write(client, figures, officer):
    client.force_login(officer)
    with time_machine.travel(at_noon(NOV_15), tick=False):
        detail = client.get(reverse("indicator-detail", args=["fixed_asset_investment"])).text
        assert 'data-testid="value-form"' not in detail and 'data-testid="correct"' not in detail
        assert 'data-testid="target-pick"' not in detail
        assert client.post(reverse("indicator-value-enter", args=["gdp"]), {}).status_code == 403
        assert client.get(reverse("indicator-target", args=["gdp", 2026])).status_code == 403
        api = client.post("/api/indicators/gdp/values/", VALUE, content_type="application/json")
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "permission_denied"


def test_the_services_refuse_a_reader_with_a_message(figures, leader):
    gdp = figures["gdp"]
    with pytest.raises(PermissionDenied, match="只有项目办和管理员"):
        indicator_value_enter(
            user=leader, indicator=gdp, granularity="year", period_start=dt.date(2024, 1, 1), value=Decimal(1)
        )
    with pytest.raises(PermissionDenied):
        indicator_target_set(user=leader, indicator=gdp, year=2027, value=Decimal(1))


def test_an_administrator_may_enter_values(client, figures, administrator):
    client.force_login(administrator)
    with time_machine.travel(at_noon(NOV_15), tick=False):
        answer = client.post(
            "/api/indicators/gdp/values/", VALUE | {"granularity": "month"}, content_type="application/json"
        )
    assert answer.status_code == 201
