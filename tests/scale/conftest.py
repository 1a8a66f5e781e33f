"""A small generated zone: 12 projects with a year of monthly reports, as of a fixed day."""

import datetime as dt
import hashlib

import pytest

from diaodu.coordination.models import Issue
from diaodu.investment.models import Lead
from diaodu.land.models import Parcel
from diaodu.org.models import Organisation, Person
from diaodu.progress.models import ProgressReport, ProjectLight
from diaodu.projects.models import FundingSource, InvestmentPlan, MonthlyPlan, Project, Step, StepDependency
from diaodu.scale.services import scale_data_generate

AS_OF = dt.date(2026, 3, 16)
PROJECTS = 12
YEARS = 1

# Tables whose rows the digest covers; people and organisations without their timestamps (the demo org's are
# written with the time of day; the generated ones are fixed).
DIGESTED = [
    Project, Step, StepDependency, InvestmentPlan, MonthlyPlan, FundingSource, ProgressReport, ProjectLight,
    Issue, Parcel, Lead, Person, Organisation,
]  # fmt: skip
UNSTAMPED = {Person, Organisation}


def generate(seed: int = 7, projects: int = PROJECTS, **options) -> dict:
    return scale_data_generate(projects=projects, years=YEARS, seed=seed, as_of=AS_OF, batch_size=50, **options)


def digest() -> str:
    """A hash of every row of the key tables, in id order."""
    h = hashlib.sha256()
    for model in DIGESTED:
        fields = [f.attname for f in model._meta.concrete_fields]
        if model in UNSTAMPED:
            fields = [name for name in fields if name not in ("created_at", "updated_at")]
        for row in model.objects.order_by("pk").values_list(*fields):
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture
def generated(db):
    return generate()
