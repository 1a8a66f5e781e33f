"""公顷 and 亩: a parcel's area is stored in 公顷 and shown with 亩 beside it, 1 公顷 = 15 亩 exactly."""

from decimal import Decimal

import pytest
from django.urls import reverse

from diaodu.core.units import format_land, hectares_to_mu
from tests.land.conftest import make_parcel

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("hectares", "mu"),
    [
        ("1", "15"),
        ("0.0001", "0.0015"),  # one square metre
        ("26.6667", "400.0005"),
        ("400", "6000"),
        ("12345678.9999", "185185184.9985"),
    ],
)
def test_hectares_turn_into_mu_exactly(hectares, mu):
    assert hectares_to_mu(Decimal(hectares)) == Decimal(mu)


def test_a_parcel_keeps_its_area_to_the_square_metre_and_gives_it_in_mu():
    parcel = make_parcel("JJ-A-03", "26.6667")
    parcel.refresh_from_db()
    assert parcel.area_ha == Decimal("26.6667")
    assert parcel.area_mu == Decimal("400.0005")
    assert isinstance(parcel.area_mu, Decimal)


def test_the_pages_show_hectares_with_mu_beside_them(client, leader):
    parcel = make_parcel("JJ-A-03", "26.6667", name="洁净工业园A-03地块")
    client.force_login(leader)
    page = client.get(reverse("parcel-detail", args=[parcel.pk])).text
    assert "26.6667 公顷（400.0005 亩）" in page
    assert "26.67 公顷（400.00 亩）" in client.get(reverse("land-ledger")).text
    assert format_land(Decimal("26.6667")) == "26.67 公顷（400.00 亩）"


def test_the_api_gives_the_area_in_both_units_as_exact_strings(client, leader):
    parcel = make_parcel("JJ-A-03", "26.6667")
    client.force_login(leader)
    body = client.get(f"/api/parcels/{parcel.pk}/").json()
    assert (body["area_ha"], body["area_mu"]) == ("26.6667", "400.0005")
