"""A small land ledger for 2026 on the projects of tests/projects, and the offices that keep it.

The parcels' dates are written straight onto the rows (as an import would), so that the figures on
fixed days can be checked to the square metre; moving a parcel goes through `parcel_advance`.
"""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.land.models import LandQuota, Parcel
from diaodu.org.choices import Role
from diaodu.org.models import Department
from tests.conftest import make_user
from tests.projects.conftest import *  # noqa: F403  (project_x, project_y, park, land_bureau, department_user …)

D = dt.date


@pytest.fixture
def expropriation_office(db):
    return Department.objects.create(name="征收办公室", short_name="征收办")


@pytest.fixture
def expropriation_user(expropriation_office):
    """范志刚 of the 征收办, with the department role."""
    return make_user("zhengshou", roles=[Role.DEPARTMENT], department=expropriation_office, name="范志刚")


@pytest.fixture
def other_department_user(department):
    """A department user of the 经发局, which does not keep the land ledger."""
    return make_user("jingfa", roles=[Role.DEPARTMENT], department=department, name="郭建华")


def make_parcel(number: str, area_ha: str, **fields) -> Parcel:
    fields.setdefault("name", f"{number}地块")
    return Parcel.objects.create(number=number, area_ha=Decimal(area_ha), **fields)


@pytest.fixture
def quota_2026(db):
    """征供地 2026: 150 公顷 to acquire + 100 公顷 to supply = 250 公顷."""
    return LandQuota.objects.create(year=2026, acquire_ha=Decimal("150"), supply_ha=Decimal("100"))


@pytest.fixture
def ledger(quota_2026, park, project_x):
    """Eight parcels around 15 June 2026; on that day acquired 17.4568, supplied 30.6235, reserve 22.3250 公顷.

    A  acquired 10 Feb, supplied 20 May 2026           → acquired and supplied in 2026
    B  acquired 2025, supplied 15 June 2026             → supplied in 2026 (on the day itself)
    C  acquired 1 June, reserved 10 June 2026           → acquired in 2026; in the reserve
    D  reserved in 2025, not supplied                   → in the reserve only
    E  征收中 since April 2026                          → nothing yet
    F  planned                                          → nothing
    G  acquired 1 September 2026                        → counts only later in the year
    H  acquired and supplied in 2025                    → nothing in 2026
    """
    parcels = {
        "A": make_parcel("A", "10.1235", status="supplied", supply_method="transfer", acquiring_on=D(2026, 1, 5),
                         acquired_on=D(2026, 2, 10), reserved_on=D(2026, 3, 1), supplied_on=D(2026, 5, 20)),
        "B": make_parcel("B", "20.5000", status="supplied", supply_method="allocation", acquiring_on=D(2025, 10, 1),
                         acquired_on=D(2025, 12, 20), reserved_on=D(2026, 1, 10), supplied_on=D(2026, 6, 15)),
        "C": make_parcel("C", "7.3333", status="reserved", acquiring_on=D(2026, 3, 1), acquired_on=D(2026, 6, 1),
                         reserved_on=D(2026, 6, 10), area=park),
        "D": make_parcel("D", "14.9917", status="reserved", acquiring_on=D(2025, 9, 1), acquired_on=D(2025, 11, 1),
                         reserved_on=D(2025, 12, 1)),
        "E": make_parcel("E", "30.0000", status="acquiring", acquiring_on=D(2026, 4, 1)),
        "F": make_parcel("F", "5.0000"),
        "G": make_parcel("G", "12.0000", status="reserved", acquiring_on=D(2026, 5, 1), acquired_on=D(2026, 9, 1),
                         reserved_on=D(2026, 9, 10)),
        "H": make_parcel("H", "9.0000", status="supplied", supply_method="transfer", acquiring_on=D(2025, 1, 10),
                         acquired_on=D(2025, 3, 1), reserved_on=D(2025, 4, 1), supplied_on=D(2025, 8, 1)),
    }  # fmt: skip
    parcels["A"].projects.add(project_x)
    return parcels


@pytest.fixture
def planned_parcel(db, park):
    return make_parcel("JJ-A-03", "12.6000", name="洁净工业园A-03地块", area=park, land_use="industrial")
