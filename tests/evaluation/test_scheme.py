"""The year's scheme: weights kept by the dispatch office and the administrators, refused with messages naming
the field, and the scores that follow them."""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from diaodu.evaluation.models import EvaluationScheme
from diaodu.evaluation.selectors import compute_ranking
from diaodu.evaluation.services import scheme_save
from tests.evaluation.conftest import APRIL_30, D
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
URL = reverse("evaluation-scheme-year", args=[2026])
FORM = {
    "steps_weight": "40", "reports_weight": "20", "issues_weight": "10", "investment_weight": "20",
    "red_weight": "10", "signed_weight": "20", "signed_target": "73000", "note": "主任会议通过",
}  # fmt: skip


def totals(kind: str) -> list[tuple[str, str]]:
    return [(score.name, str(score.total)) for score in compute_ranking(kind, APRIL_30)]


def test_changed_weights_change_the_scores(client, zone_2026, dispatcher):
    assert totals("department") == [("经济发展局", "53.75"), ("自然资源局", "53.34")]
    client.force_login(dispatcher)
    with time_machine.travel(at_noon(D(2026, 5, 5)), tick=False):
        answer = client.post(URL, FORM | {"seen_version": "1"})
    assert answer.status_code == 302
    scheme = EvaluationScheme.objects.get(year=2026)
    assert (scheme.steps_weight, scheme.issues_weight, scheme.version, scheme.note) == (40, 10, 2, "主任会议通过")
    assert scheme.history.order_by("-history_id").first().history_user == dispatcher
    # 经发局: steps 40 × 1 + reports 20 × ½ + issues 10 × 0 + investment 20 × ¾ + red 10 × 0 = 65.
    # 自然资源局: 80 points apply, shared to 50, 25, 12.5, 12.5: 0 + 12.5 + 12.5 + 12.5 = 37.5.
    assert totals("department") == [("经济发展局", "65.00"), ("自然资源局", "37.50")]


def test_the_general_weights_must_add_up_to_100_and_the_message_names_them(client, scheme, dispatcher):
    client.force_login(dispatcher)
    page = client.post(URL, FORM | {"steps_weight": "35", "seen_version": "1"}).text
    assert (
        "步骤按期完成、报告按时报送、问题按期办结、投资完成序时进度、未亮红灯五项的权重合计应为100分，现为95.00分。"
        in page
    )
    page = client.post(URL, FORM | {"red_weight": "120"}).text
    assert "“未亮红灯”的权重应在0至100分之间。" in page
    page = client.post(URL, FORM | {"reports_weight": ""}).text
    assert "请填写“报告按时报送”的权重。" in page
    page = client.post(URL, FORM | {"signed_target": "0"}).text
    assert "“招商签约投资”的权重不为0时，“每名招商干部年度签约目标”应大于0。" in page
    assert EvaluationScheme.objects.get(year=2026).steps_weight == 25


def test_a_save_on_a_stale_reading_is_refused(scheme, dispatcher, administrator):
    weights = {"steps": 25, "reports": 20, "issues": 20, "investment": 25, "red": 10, "signed": 10}
    scheme_save(user=administrator, year=2026, weights=weights, signed_target=Decimal(1), seen_version=1)
    with pytest.raises(ValidationError, match="已被他人修改"):
        scheme_save(user=dispatcher, year=2026, weights=weights, signed_target=Decimal(2), seen_version=1)
    assert EvaluationScheme.objects.get(year=2026).signed_target == 1


def test_readers_see_the_weights_without_the_form_and_cannot_change_them(client, scheme, leader, officer):
    client.force_login(officer)
    page = client.get(URL).text
    assert 'data-testid="scheme-table"' in page and 'data-testid="scheme-form"' not in page
    assert "7.30 亿元" in page  # the target of 73,000 万元
    assert client.post(URL, FORM).status_code == 403
    with pytest.raises(PermissionDenied, match="只有项目办和管理员"):
        scheme_save(user=leader, year=2026, weights={}, signed_target=Decimal(1))


def test_a_year_without_a_scheme_shows_the_default_weights(client, dispatcher):
    client.force_login(dispatcher)
    page = client.get(reverse("evaluation-scheme-year", args=[2031])).text
    assert "尚未设定，按默认权重考核" in page and 'name="steps_weight" value="25"' in page
    assert client.post(reverse("evaluation-scheme-year", args=[2031]), FORM).status_code == 302
    assert EvaluationScheme.objects.get(year=2031).history.get().history_change_reason == "设定2031年考核方案"


def test_two_offices_setting_a_new_years_scheme_at_once_the_second_is_told(client, dispatcher, administrator):
    url = reverse("evaluation-scheme-year", args=[2032])
    client.force_login(dispatcher)
    assert 'name="seen_version" value="0"' in client.get(url).text
    assert client.post(url, FORM | {"seen_version": "0"}).status_code == 302
    client.force_login(administrator)
    page = client.post(url, FORM | {"seen_version": "0", "steps_weight": "30", "issues_weight": "20"}).text
    assert "2032年考核方案已被他人修改，您的修改没有保存。" in page and 'data-testid="conflict-table"' in page
    assert EvaluationScheme.objects.get(year=2032).steps_weight == 40
