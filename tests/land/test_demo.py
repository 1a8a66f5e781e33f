"""The demo ledger: the year's 400 公顷 quota, parcels in every status on demo projects, well short of the quota."""

from decimal import Decimal

import pytest
from django.utils import timezone

from diaodu.land.demo import PARCELS, seed_land
from diaodu.land.models import LandQuota, Parcel
from diaodu.land.selectors import land_summary
from diaodu.org.demo import seed_org
from diaodu.projects.catalogue import load_catalogue
from diaodu.projects.demo import seed_projects
from diaodu.projects.models import ProcedureType, ScheduleTemplate, TemplateStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_registry(db):
    seed_org()
    load_catalogue(ProcedureType, ScheduleTemplate, TemplateStep)
    seed_projects()


def _counts() -> tuple[int, ...]:
    links = Parcel.projects.through.objects.count()
    return (Parcel.objects.count(), Parcel.history.count(), LandQuota.history.count(), links)


def test_seed_land_loads_the_quota_and_parcels_in_every_status_and_is_idempotent(demo_registry):
    seed_land()
    counts = _counts()
    seed_land()
    assert _counts() == counts

    today = timezone.localdate()
    quota = LandQuota.objects.get(year=today.year)
    assert quota.total_ha == Decimal(400)
    assert Parcel.objects.count() == len(PARCELS) >= 25
    assert set(Parcel.objects.values_list("status", flat=True)) == {
        "planned", "acquiring", "acquired", "reserved", "supplied",
    }  # fmt: skip
    assert all(Decimal(2) <= parcel.area_ha <= Decimal(40) for parcel in Parcel.objects.all())
    assert set(Parcel.objects.filter(status="supplied").values_list("supply_method", flat=True)) == {
        "transfer", "allocation",
    }  # fmt: skip
    # Most serve a demo project; the others are the zone's land bank, acquired or reserved for projects to come.
    assert Parcel.objects.exclude(projects=None).count() >= 20
    assert set(Parcel.objects.filter(projects=None).values_list("status", flat=True)) == {
        "acquiring", "acquired", "reserved",
    }  # fmt: skip
    for parcel in Parcel.objects.all():
        dates = [d for _status, _label, d in parcel.status_steps if d]
        assert dates == sorted(dates) and all(d <= today for d in dates), parcel
        assert all(d.year >= today.year - 1 for d in dates)


# Where a parcel stands, and where the land steps of the project it serves must stand with it.
STEPS_FOR_STATUS = {
    "planned": {"expropriation": {"not_started"}},
    "acquiring": {"expropriation": {"in_progress"}},
    "acquired": {"expropriation": {"done"}, "land_supply": {"not_started", "in_progress"}},
    "reserved": {"expropriation": {"done"}, "land_supply": {"not_started", "in_progress"}},
    "supplied": {"land_supply": {"done"}},
}


def test_each_parcel_stands_where_the_land_steps_of_its_project_do(demo_registry):
    seed_land()
    for parcel in Parcel.objects.prefetch_related("projects__steps__procedure_type"):
        for project in parcel.projects.all():
            steps = {step.procedure_type.code: step.status for step in project.steps.all() if step.procedure_type}
            for code, statuses in STEPS_FOR_STATUS[parcel.status].items():
                assert steps[code] in statuses, (parcel.number, project.name, code, steps[code])


def test_the_demo_zone_is_well_short_of_its_quota(demo_registry):
    seed_land()
    summary = land_summary(timezone.localdate().year)
    assert summary["acquired_ha"] == Decimal("146.7000")
    assert summary["supplied_ha"] == Decimal("120.6000")
    assert summary["acquired_ha"] + summary["supplied_ha"] < Decimal(300)
    assert summary["remaining_ha"] == Decimal("132.7000")
    assert summary["reserved_ha"] == Decimal("147.0000")


def test_without_the_demo_projects_the_parcels_are_loaded_unlinked(db):
    seed_land()
    assert Parcel.objects.count() == len(PARCELS)
    assert not Parcel.projects.through.objects.exists()


def test_the_projects_waiting_for_land_are_those_whose_parcels_are_not_supplied():
    from diaodu.land.demo import PARCELS, STATUS_ORDER
    from diaodu.projects.demo_data import WAITING_FOR_LAND

    waiting = {name for p in PARCELS if STATUS_ORDER[len(p.steps)] != "supplied" for name in p.projects}
    assert waiting == WAITING_FOR_LAND
