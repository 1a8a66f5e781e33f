"""No lost writes on dispatch meetings: the edit page, the minutes, the agenda, the API, two secretaries at once."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from diaodu.core.concurrency import etag_for, version_of
from diaodu.meetings.models import AgendaItem, Meeting
from diaodu.meetings.services import agenda_add, meeting_hold, meeting_update
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def form(meeting, **changes) -> dict:
    data = {"date": meeting.date.isoformat(), "kind": meeting.kind, "title": meeting.title, "location": ""}
    return {**data, **changes}


def patch(client, meeting, data, **headers):
    return client.patch(f"/api/meetings/{meeting.pk}/", data, content_type="application/json", headers=headers)


# --- the edit page --------------------------------------------------------------------------------


def test_a_stale_edit_shows_both_versions_and_writes_nothing(client, meeting, dispatcher, administrator):
    client.force_login(dispatcher)
    edit = reverse("meeting-edit", args=[meeting.pk])
    loaded = version_in(client.get(edit).text)
    assert loaded == version_of(meeting)
    meeting_update(user=administrator, meeting=meeting, location="管委会三楼会议室", seen=loaded)
    answer = client.post(edit, {**form(meeting, location="招商中心二楼"), "version": loaded})
    assert answer.status_code == 200
    page = answer.text
    assert 'data-testid="edit-conflict"' in page and "保存人：郑洁" in page
    assert conflict_row("地点", "招商中心二楼", "管委会三楼会议室") in page
    saved = Meeting.objects.get(pk=meeting.pk)
    assert saved.location == "管委会三楼会议室"
    # The typed value stays, the hidden version is now the saved one: sending it again overwrites knowingly.
    assert 'value="招商中心二楼"' in page and version_in(page) == version_of(saved)
    again = client.post(edit, {**form(meeting, location="招商中心二楼"), "version": version_in(page)})
    assert again.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).location == "招商中心二楼"


def test_an_edit_on_the_current_version_is_saved(client, meeting, dispatcher):
    client.force_login(dispatcher)
    edit = reverse("meeting-edit", args=[meeting.pk])
    loaded = version_in(client.get(edit).text)
    assert client.post(edit, {**form(meeting, title="第12次调度会（扩大）"), "version": loaded}).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).title == "第12次调度会（扩大）"


# --- the minutes ----------------------------------------------------------------------------------


def test_minutes_corrected_by_someone_else_meanwhile_are_not_overwritten(client, meeting, dispatcher, administrator):
    client.force_login(dispatcher)
    detail = reverse("meeting-detail", args=[meeting.pk])
    loaded = version_in(client.get(detail).text)
    meeting_hold(user=administrator, meeting=meeting, minutes="一、吉通机械总部限期开工。", seen=loaded)
    answer = client.post(reverse("meeting-hold", args=[meeting.pk]), {"minutes": "一、会议取消。", "version": loaded})
    assert answer.status_code == 200
    page = answer.text
    assert 'data-testid="edit-conflict"' in page and "保存人：郑洁" in page
    assert conflict_row("会议纪要", "一、会议取消。", "一、吉通机械总部限期开工。") in page
    assert Meeting.objects.get(pk=meeting.pk).minutes == "一、吉通机械总部限期开工。"
    assert version_in(page) == version_of(Meeting.objects.get(pk=meeting.pk))


def test_minutes_on_the_current_version_are_saved(client, meeting, dispatcher):
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("meeting-detail", args=[meeting.pk])).text)
    answer = client.post(reverse("meeting-hold", args=[meeting.pk]), {"minutes": "一、如期召开。", "version": loaded})
    assert answer.status_code == 302
    assert Meeting.objects.values_list("minutes", "status").get(pk=meeting.pk) == ("一、如期召开。", "held")


# --- the agenda -----------------------------------------------------------------------------------


def test_an_item_changed_since_the_page_was_loaded_is_not_removed(client, portfolio, meeting, dispatcher):
    item = agenda_add(user=dispatcher, meeting=meeting, project=portfolio["jitong"], reason="红灯")
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("meeting-detail", args=[meeting.pk])).text)
    assert loaded == version_of(item)
    item.reason = "红灯；问题已督办"
    item.save()
    remove = reverse("meeting-agenda-remove", args=[meeting.pk, item.pk])
    answer = client.post(remove, {"version": loaded}, headers={"HX-Request": "true"})
    assert answer.status_code == 200 and 'data-testid="edit-conflict"' in answer.text
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    assert client.post(remove, {"version": version_of(item)}, headers={"HX-Request": "true"}).status_code == 200
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_removing_an_item_someone_else_removed_says_so(client, portfolio, meeting, dispatcher):
    item = agenda_add(user=dispatcher, meeting=meeting, project=portfolio["jitong"])
    client.force_login(dispatcher)
    remove = reverse("meeting-agenda-remove", args=[meeting.pk, item.pk])
    version = version_of(item)
    assert client.post(remove, {"version": version}, headers={"HX-Request": "true"}).status_code == 200
    again = client.post(remove, {"version": version}, headers={"HX-Request": "true"})
    assert again.status_code == 200 and "这个议题已被他人移出议程。" in again.text


# --- the API --------------------------------------------------------------------------------------


def test_the_api_refuses_a_stale_if_match_and_answers_the_meeting_as_saved(client, meeting, dispatcher):
    client.force_login(dispatcher)
    loaded = client.get(f"/api/meetings/{meeting.pk}/").headers["ETag"]
    assert loaded == etag_for(meeting)
    first = patch(client, meeting, {"location": "管委会三楼会议室"}, **{"If-Match": loaded})
    assert first.status_code == 200 and first.json()["location"] == "管委会三楼会议室"
    assert first.headers["ETag"] == etag_for(Meeting.objects.get(pk=meeting.pk)) != loaded
    stale = patch(client, meeting, {"location": "招商中心二楼"}, **{"If-Match": loaded})
    assert stale.status_code == 412
    body = stale.json()["error"]
    assert body["code"] == "precondition_failed" and body["current"]["location"] == "管委会三楼会议室"
    assert stale.headers["ETag"] == first.headers["ETag"]
    stale_body = patch(client, meeting, {"location": "招商中心二楼", "version": loaded.strip('"')})
    assert stale_body.status_code == 412
    assert Meeting.objects.get(pk=meeting.pk).location == "管委会三楼会议室"
    fresh = client.put(
        f"/api/meetings/{meeting.pk}/",
        {"date": meeting.date.isoformat(), "kind": "special", "title": "征拆专题调度会", "location": "招商中心二楼"},
        content_type="application/json",
        headers={"If-Match": first.headers["ETag"]},
    )
    assert fresh.status_code == 200
    assert Meeting.objects.values_list("kind", "title", "location").get(pk=meeting.pk) == (
        "special",
        "征拆专题调度会",
        "招商中心二楼",
    )


def test_only_editors_change_a_meeting_through_the_api(client, meeting, leader):
    client.force_login(leader)
    assert patch(client, meeting, {"location": "别处"}).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).location == ""


def test_the_schema_documents_the_if_match_and_the_412(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for method in ("put", "patch"):
        operation = schema["paths"]["/api/meetings/{id}/"][method]
        assert "If-Match" in {parameter["name"] for parameter in operation["parameters"]}
        assert {"200", "412"} <= set(operation["responses"])


# --- two secretaries at once, for real ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_secretaries_saving_a_meeting_at_once_one_is_told(shared_database, dispatcher, administrator):  # noqa: F811
    meeting = Meeting.objects.create(date=timezone.localdate(), kind="weekly", title="第13次项目调度会")
    edit = reverse("meeting-edit", args=[meeting.pk])

    def editor(user, location):
        client = Client()

        def load():
            client.force_login(user)
            return version_in(client.get(edit).text)

        def save(version):
            return client.post(edit, {**form(meeting, location=location), "version": version})

        return load, save

    answers = race(editor(dispatcher, "管委会三楼会议室"), editor(administrator, "招商中心二楼"))
    assert sorted(answer.status_code for answer in answers) == [200, 302]
    told = next(answer for answer in answers if answer.status_code == 200)
    assert 'data-testid="edit-conflict"' in told.text
    winner = ["管委会三楼会议室", "招商中心二楼"][[answer.status_code for answer in answers].index(302)]
    assert Meeting.objects.get(pk=meeting.pk).location == winner


def test_an_unknown_kind_is_refused_naming_the_choices(client, meeting, dispatcher):
    client.force_login(dispatcher)
    answer = patch(client, meeting, {"kind": "yearly"})
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["kind"] == ["未知的类型“yearly”；可选：weekly、monthly、special。"]
    assert Meeting.objects.get(pk=meeting.pk).kind == "weekly"


def test_an_item_never_on_this_agenda_is_not_found(client, portfolio, meeting, dispatcher):
    other = Meeting.objects.create(date=meeting.date, kind="special", title="土地专题调度会")
    item = agenda_add(user=dispatcher, meeting=other, project=portfolio["jitong"])
    client.force_login(dispatcher)
    assert client.post(reverse("meeting-agenda-remove", args=[meeting.pk, item.pk])).status_code == 404
    assert client.post(reverse("meeting-agenda-remove", args=[meeting.pk, 999999])).status_code == 404
    assert AgendaItem.objects.filter(pk=item.pk).exists()
