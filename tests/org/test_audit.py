"""The audit trail: administrators see who changed what and when, before and after, and restore deleted records."""

import pytest
from django.urls import reverse

from diaodu.org import audit
from diaodu.org.models import Department, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed_department(administrator, client):
    """A department created, renamed by the administrator through the page's user, then deleted."""
    department = Department.objects.create(name="招商服务中心")
    department.name = "招商服务局"
    department._history_user = administrator
    department.save()
    department_id = department.id
    department.delete()  # which forgets the id
    department.id = department_id
    return department


def entries_for(department_id):
    return audit.audit_entries(label="org.department", object_id=department_id)


def test_the_trail_lists_each_change_newest_first_with_its_author(changed_department, administrator):
    actions = [(e.action, e.record.name) for e in entries_for(changed_department.id)]
    assert actions == [("deleted", "招商服务局"), ("changed", "招商服务局"), ("created", "招商服务中心")]
    changed = entries_for(changed_department.id)[1]
    assert changed.record.history_user == administrator
    assert ("名称", "招商服务中心", "招商服务局") in audit.entry_changes(changed)


def test_the_page_shows_the_changes_to_an_administrator(client, administrator, changed_department):
    client.force_login(administrator)
    response = client.get(reverse("audit-list"), {"model": "org.department"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "招商服务局" in page and "招商服务中心" in page
    changed = entries_for(changed_department.id)[1]
    detail = client.get(reverse("audit-detail", args=["org.department", changed.record.history_id]))
    assert detail.status_code == 200
    assert "招商服务中心" in detail.content.decode() and "招商服务局" in detail.content.decode()


@pytest.mark.parametrize("persona", ["leader", "dispatcher", "officer", "outsider"])
def test_nobody_but_an_administrator_reads_the_trail(client, request, persona, changed_department):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audit-list")).status_code == 403
    deleted = entries_for(changed_department.id)[0]
    url = reverse("audit-detail", args=["org.department", deleted.record.history_id])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Department.objects.filter(pk=changed_department.id).exists()


def test_an_administrator_restores_a_deleted_record_as_it_was(client, administrator, changed_department):
    deleted = entries_for(changed_department.id)[0]
    client.force_login(administrator)
    response = client.post(reverse("audit-detail", args=["org.department", deleted.record.history_id]))
    assert response.status_code == 302
    restored = Department.objects.get(pk=changed_department.id)
    assert restored.name == "招商服务局"
    assert restored.created_at == deleted.record.created_at
    newest = entries_for(changed_department.id)[0]
    assert newest.action == "created" and newest.record.history_user == administrator


def test_restoring_twice_or_restoring_a_change_is_refused(administrator, changed_department):
    deleted = entries_for(changed_department.id)[0]
    audit.record_restore(entry=deleted, user=administrator)
    with pytest.raises(Exception, match="已存在"):
        audit.record_restore(entry=deleted, user=administrator)
    restored = entries_for(changed_department.id)[0]
    assert restored.action == "created"  # the restore itself
    with pytest.raises(Exception, match="只能恢复已删除"):
        audit.record_restore(entry=restored, user=administrator)


def test_a_record_whose_references_are_gone_is_not_restored(administrator):
    department = Department.objects.create(name="临时部门")
    person = Person.objects.create(name="临时人员", department=department)
    person_id = person.id
    person.delete()
    department.delete()
    deleted = audit.audit_entries(label="org.person", object_id=person_id)[0]
    with pytest.raises(Exception, match="无法恢复"):
        audit.record_restore(entry=deleted, user=administrator)
    assert not Person.objects.filter(pk=person_id).exists()


def test_the_trail_runs_one_query_per_history_table(administrator, changed_department, django_assert_num_queries):
    tables = len(audit.tracked_models())
    with django_assert_num_queries(tables):
        audit.audit_entries()
    Department.objects.bulk_create([Department(name=f"部门{i}") for i in range(5)])
    for department in Department.objects.all():
        department.save()
    with django_assert_num_queries(tables):
        audit.audit_entries()
