"""Two first saves of a record that does not exist yet (a year's quota): the second is told, never a 500.

A row that does not exist cannot be locked; `concurrency.lock_or_none` makes the second writer wait for the first
(an advisory lock on PostgreSQL, the IMMEDIATE transaction on SQLite) and then find its row. Without it PostgreSQL
refuses the second insert with an IntegrityError. The threads are sequenced so that the second arrives while the
first has written and not yet committed: the race is certain, not left to chance.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections, transaction

from diaodu.core.concurrency import NEW, EditConflict
from diaodu.land.models import LandQuota
from diaodu.land.services import quota_set
from tests.core.racing import shared_database  # noqa: F401  (a fixture)


@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_first_quotas_at_once_gets_the_conflict(shared_database, dispatcher):  # noqa: F811
    written, release = threading.Event(), threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                quota_set(user=dispatcher, year=2031, acquire_ha=Decimal("200"), supply_ha=Decimal("100"), seen=NEW)
                written.set()
                release.wait(30)  # holds its transaction open while the second arrives
            outcome["first"] = "saved"
        except Exception as error:  # handed to the assertions below
            outcome["first"] = error
        finally:
            written.set()
            connections.close_all()

    def second():
        written.wait(30)
        try:
            quota_set(user=dispatcher, year=2031, acquire_ha=Decimal("150"), supply_ha=Decimal("150"), seen=NEW)
            outcome["second"] = "saved"
        except Exception as error:
            outcome["second"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    written.wait(30)
    threading.Timer(1.0, release.set).start()  # the second is waiting by then
    for thread in threads:
        thread.join(60)
    assert outcome["first"] == "saved"
    assert isinstance(outcome["second"], EditConflict), outcome["second"]
    quota = LandQuota.objects.get(year=2031)
    assert (quota.acquire_ha, quota.supply_ha) == (Decimal("200"), Decimal("100"))
