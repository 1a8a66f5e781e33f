"""No lost writes: versions, the locked check, the form mixin and its conflict partial, the API's ETag/If-Match.

The API is exercised on the departments (`/api/departments/`), the plainest viewset with `ETagMixin`; each
app's own wiring has its test in `tests/<app>/test_concurrency.py`.
"""

import datetime as dt

import pytest
from django.db import transaction
from django.forms import modelformset_factory
from django.template.loader import render_to_string

from diaodu.core import concurrency
from diaodu.core.api import exception_handler
from diaodu.core.concurrency import EditConflict, VersionedFormMixin, etag_for, version_of
from diaodu.core.forms import BootstrapModelForm
from diaodu.org.models import Department
from tests.core.racing import race, shared_database  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


class DepartmentForm(VersionedFormMixin, BootstrapModelForm):
    class Meta:
        model = Department
        fields = ["name", "phone", "sort_order"]


def stamped(department: Department, when: dt.datetime) -> Department:
    Department.objects.filter(pk=department.pk).update(updated_at=when)
    department.refresh_from_db()
    return department


def url(department) -> str:
    return f"/api/departments/{department.pk}/"


def patch(client, department, data, **headers):
    return client.patch(url(department), data, content_type="application/json", headers=headers)


@pytest.fixture
def economy(db):
    return Department.objects.create(name="投资促进局", phone="0431-1")


# --- versions -------------------------------------------------------------------------------------


def test_the_version_is_updated_at_in_microseconds_since_the_epoch(economy):
    stamped(economy, dt.datetime(2026, 5, 1, 2, 3, 4, 567891, tzinfo=dt.UTC))
    assert version_of(economy) == "1777600984567891"
    assert etag_for(economy) == '"1777600984567891"'
    assert version_of(Department(name="未保存")) == concurrency.NEW


def test_every_save_gives_a_new_version_and_a_computed_write_does_not(economy):
    first = version_of(economy)
    economy.phone = "0431-2"
    economy.save()
    assert version_of(economy) != first
    saved = version_of(economy)
    Department.objects.bulk_update([economy], ["sort_order"])  # a computed field, not an edit
    economy.refresh_from_db()
    assert version_of(economy) == saved


def test_if_match_values_are_read_as_a_client_sends_them():
    assert concurrency.parse_versions('"1", W/"2" ,3') == ["1", "2", "3"]
    assert concurrency.parse_versions("*") == ["*"]
    assert concurrency.parse_versions(None) == [] and concurrency.parse_versions("  ") == []


# --- the locked check -----------------------------------------------------------------------------


def test_lock_refuses_a_stale_version_and_carries_the_current_record(economy):
    loaded = version_of(economy)
    Department.objects.get(pk=economy.pk).save()  # someone else saves
    with transaction.atomic(), pytest.raises(EditConflict) as refused:
        concurrency.lock(Department, economy.pk, seen=loaded)
    assert refused.value.current.pk == economy.pk
    assert version_of(refused.value.current) != loaded
    with transaction.atomic():
        assert concurrency.lock(Department, economy.pk, seen=version_of(refused.value.current)).pk == economy.pk
        assert concurrency.lock(Department, economy.pk, seen=None).pk == economy.pk  # unchecked: older clients
        assert concurrency.lock(Department, economy.pk, seen="*").pk == economy.pk


def test_editing_writes_nothing_when_the_record_moved_on(economy):
    loaded = version_of(economy)
    Department.objects.filter(pk=economy.pk).update(phone="0431-9", updated_at=economy.updated_at + dt.timedelta(1))
    with pytest.raises(EditConflict):
        with concurrency.editing(economy, loaded) as current:
            current.phone = "覆盖"
            current.save()
    assert Department.objects.get(pk=economy.pk).phone == "0431-9"


# --- forms ----------------------------------------------------------------------------------------


def test_an_edit_form_carries_the_version_it_was_loaded_with(economy):
    html = DepartmentForm(instance=economy).as_p()
    assert f'name="version" value="{version_of(economy)}"' in html
    assert 'name="version"' not in DepartmentForm().as_p()  # a new record has no version to keep


def test_a_stale_form_shows_who_saved_what_and_keeps_what_was_typed(economy, dispatcher):
    loaded = version_of(economy)
    economy._history_user = dispatcher
    economy.phone = "0431-8888"
    economy.save()
    form = DepartmentForm(
        {"name": "投资促进局", "phone": "0431-7777", "sort_order": "0", "version": loaded},
        instance=Department.objects.get(pk=economy.pk),
    )
    assert form.is_valid() and form.loaded_version == loaded and "version" not in form.cleaned_data
    with pytest.raises(EditConflict) as refused, concurrency.editing(economy, form.loaded_version):
        form.save()
    form.show_conflict(refused.value)
    assert form.conflict.who == "周敏"  # the dispatcher's person
    assert form.conflict.rows == [("办公电话", "0431-7777", "0431-8888")]
    assert form.data["phone"] == "0431-7777"  # what was typed stays in the form
    assert form.data["version"] == version_of(economy)  # saving again is a deliberate overwrite
    page = render_to_string("partials/edit_conflict.html", {"conflict": form.conflict})
    assert "您填写的" in page and "当前已保存的" in page and "周敏" in page
    assert "0431-7777" in page and "0431-8888" in page
    assert Department.objects.get(pk=economy.pk).phone == "0431-8888"


def test_the_partial_renders_nothing_without_a_conflict():
    assert render_to_string("partials/edit_conflict.html", {"conflict": None}).strip() == ""


def test_a_formset_row_saved_meanwhile_stops_the_whole_formset(economy):
    land = Department.objects.create(name="自然资源局")
    FormSet = modelformset_factory(Department, form=DepartmentForm, extra=0)
    loaded = FormSet(queryset=Department.objects.order_by("pk"))
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for index, form in enumerate(loaded.forms):
        for name in ("id", "name", "phone", "sort_order", "version"):
            value = form[name].value()
            data[f"form-{index}-{name}"] = "" if value is None else value
    data["form-0-phone"] = "改了"
    data["form-1-phone"] = "也改了"
    Department.objects.get(pk=land.pk).save()  # someone saves the second row meanwhile
    formset = FormSet(data, queryset=Department.objects.order_by("pk"))
    assert formset.is_valid()
    assert concurrency.formset_save(formset) is False
    assert [form.conflict is not None for form in formset.forms] == [False, True]
    assert list(Department.objects.order_by("pk").values_list("phone", flat=True)) == ["0431-1", ""]


# --- API ------------------------------------------------------------------------------------------


def test_a_read_answers_the_etag(client, leader, economy):
    client.force_login(leader)
    assert client.get(url(economy)).headers["ETag"] == etag_for(economy)
    assert "ETag" not in client.get("/api/departments/").headers  # a list has no single version


def test_a_stale_if_match_is_refused_with_the_current_record(client, dispatcher, economy):
    client.force_login(dispatcher)
    loaded = client.get(url(economy)).headers["ETag"]
    first = patch(client, economy, {"phone": "0431-2"}, if_match=loaded)
    assert first.status_code == 200 and first.headers["ETag"] != loaded
    second = patch(client, economy, {"phone": "0431-3"}, if_match=loaded)
    assert second.status_code == 412
    error = second.json()["error"]
    assert (error["status"], error["code"]) == (412, "precondition_failed")
    assert "由 周敏 保存" in error["message"]
    assert error["current"]["phone"] == "0431-2"
    assert second.headers["ETag"] == error["etag"] == first.headers["ETag"]
    assert Department.objects.get(pk=economy.pk).phone == "0431-2"


def test_a_matching_if_match_writes_and_answers_the_new_etag(client, dispatcher, economy):
    client.force_login(dispatcher)
    answer = patch(client, economy, {"phone": "0431-2"}, if_match=etag_for(economy))
    economy.refresh_from_db()
    assert answer.status_code == 200 and economy.phone == "0431-2"
    assert answer.headers["ETag"] == etag_for(economy)
    weak = patch(client, economy, {"phone": "0431-3"}, if_match=f"W/{etag_for(economy)}")  # via a gzip proxy
    assert weak.status_code == 200


def test_a_write_without_if_match_is_made_unchecked(client, dispatcher, economy):
    client.force_login(dispatcher)
    answer = client.put(url(economy), {"name": "投资促进局", "phone": "0431-5"}, content_type="application/json")
    economy.refresh_from_db()
    assert answer.status_code == 200 and economy.phone == "0431-5"
    assert answer.headers["ETag"] == etag_for(economy)


def test_a_create_answers_the_etag_of_the_new_record(client, dispatcher):
    client.force_login(dispatcher)
    answer = client.post("/api/departments/", {"name": "征收办"}, content_type="application/json")
    assert answer.status_code == 201
    assert answer.headers["ETag"] == etag_for(Department.objects.get(name="征收办"))


def test_a_stale_delete_deletes_nothing(client, dispatcher, economy):
    client.force_login(dispatcher)
    loaded = etag_for(economy)
    Department.objects.get(pk=economy.pk).save()
    refused = client.delete(url(economy), headers={"if_match": loaded})
    assert refused.status_code == 412 and Department.objects.filter(pk=economy.pk).exists()
    done = client.delete(url(economy), headers={"if_match": refused.headers["ETag"]})
    assert done.status_code == 204 and not Department.objects.filter(pk=economy.pk).exists()


def test_permissions_come_before_versions(client, leader, economy):
    client.force_login(leader)  # reads everything, edits nothing
    assert patch(client, economy, {"phone": "x"}, if_match='"1"').status_code == 403


def test_a_service_refusal_outside_a_versioned_viewset_is_a_412_too(economy):
    answer = exception_handler(EditConflict(economy), {})
    assert answer.status_code == 412 and answer.headers["ETag"] == etag_for(economy)
    assert answer.data["error"]["code"] == "precondition_failed"


def test_the_schema_documents_if_match_the_etag_and_the_412(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/departments/{id}/"]["patch"]
    assert "If-Match" in [parameter["name"] for parameter in operation["parameters"]]
    assert operation["responses"]["412"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PreconditionFailed"
    }
    assert "ETag" in operation["responses"]["200"]["headers"]
    assert "ETag" in schema["paths"]["/api/departments/{id}/"]["get"]["responses"]["200"]["headers"]


# --- two editors at once --------------------------------------------------------------------------


def _api_editor(user, department, phone):
    from django.test import Client

    client = Client()

    def load():
        client.force_login(user)
        return client.get(url(department)).headers["ETag"]

    def save(etag):
        return patch(client, department, {"phone": phone}, if_match=etag).status_code

    return load, save


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_through_the_api_at_once_one_is_told(shared_database, dispatcher, administrator):  # noqa: F811
    economy = Department.objects.create(name="投资促进局")
    statuses = race(_api_editor(dispatcher, economy, "0431-1111"), _api_editor(administrator, economy, "0431-2222"))
    assert sorted(statuses) == [200, 412]
    winner = ["0431-1111", "0431-2222"][statuses.index(200)]
    assert Department.objects.get(pk=economy.pk).phone == winner


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_a_form_at_once_one_is_told(shared_database):  # noqa: F811
    economy = Department.objects.create(name="投资促进局")

    def editor(phone):
        def load():
            return version_of(Department.objects.get(pk=economy.pk))

        def save(loaded):
            with concurrency.editing(economy, loaded) as current:
                current.phone = phone
                current.save()
            return phone

        return load, save

    results = race(editor("甲"), editor("乙"))
    saved = [result for result in results if isinstance(result, str)]
    told = [result for result in results if isinstance(result, EditConflict)]
    assert len(saved) == 1 and len(told) == 1
    assert Department.objects.get(pk=economy.pk).phone == saved[0]
    assert told[0].current.phone == saved[0]  # the one told sees what the other saved
