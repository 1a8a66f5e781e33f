"""The year's land ledger as demo data: the 400 公顷 征供地 quota and parcels in every status, short of it.

The speech's quota (“必保征供地400公顷以上”) is set for the current year as 200 公顷 to acquire and 200 公顷
to supply. The parcels lie in the zone's parks and belts and move through their statuses on dates placed
relative to `timezone.localdate()`: a fraction of the part of the year already past (so every date is in
the past and within the year), or, for the reserve carried over, of last year. Whatever the day, acquired +
supplied this year comes to 267.30 公顷 (146.70 + 120.60): the zone is well short of 400.

A parcel serves the demo project whose land steps stand where the parcel does (supplied for a project whose
土地供应 is done, reserved for one whose supply is under way, planned for one whose 征收 has not begun …);
the others are the zone's land bank, which the ledger offers to the projects still waiting for land.

Idempotent: the quota is upserted by year and parcels by number, saved only when a value differs; the
status and its dates are laid when a parcel is created and then left as they are (as the offices would
have moved them). Deterministic: no randomness. Projects that do not exist (a test that loads only the
land) are simply not linked.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from diaodu.org.models import Area
from diaodu.projects.demo_data import AREA_CENTRES
from diaodu.projects.models import Project

from .choices import STATUS_DATE_FIELD, STATUS_ORDER, LandUse, ParcelStatus, SupplyMethod
from .models import LandQuota, Parcel
from .selectors import land_summary

REASON = "演示数据"
ACQUIRE_QUOTA = Decimal(200)
SUPPLY_QUOTA = Decimal(200)
QUOTA_NOTE = "年度工作报告：强化土地征收，必保征供地400公顷以上"
# 万元 of compensation budgeted per 公顷 (区片综合地价 and the houses and crops on it), by land use.
BUDGET_PER_HA = {
    LandUse.INDUSTRIAL: Decimal(72),
    LandUse.STORAGE: Decimal(72),
    LandUse.COMMERCIAL: Decimal(96),
    LandUse.RESIDENTIAL: Decimal(118),
    LandUse.PUBLIC: Decimal(80),
    LandUse.TRANSPORT: Decimal(64),
}

IND, STO, COM, RES = LandUse.INDUSTRIAL, LandUse.STORAGE, LandUse.COMMERCIAL, LandUse.RESIDENTIAL
PUB, TRA = LandUse.PUBLIC, LandUse.TRANSPORT
SALE, GRANT = SupplyMethod.TRANSFER, SupplyMethod.ALLOCATION


@dataclass(frozen=True)
class DemoParcel:
    number: str
    name: str
    area_ha: str
    land_use: str
    park: str
    location: str
    projects: tuple[str, ...]
    # When each step after 计划征收 was reached, in order: a fraction of this year's days so far (0–1), or,
    # below 0, of last year counted back from 1 January (−0.25 is about the end of September).
    steps: tuple[float, ...] = ()
    supply_method: str = ""


P = DemoParcel
PARCELS = [
    # --- 洁净工业园 ---------------------------------------------------------------------------------
    P("JJ-A-01", "洁净工业园A-01地块", "21.3000", IND, "洁净工业园", "纬一路以北、经三路以东",
      ("华康药业中药提取及制剂生产线项目",), (-0.5, -0.3, -0.2, 0.15), SALE),
    P("JJ-A-02", "洁净工业园A-02地块", "8.5000", IND, "洁净工业园", "纬一路以南、经三路以西",
      ("精诚汽车零部件智能工厂",), (0.05, 0.25, 0.35, 0.55), SALE),
    P("JJ-A-03", "洁净工业园A-03地块", "12.6000", IND, "洁净工业园", "纬二路以北、经五路以东",
      ("博远生物疫苗研发生产基地",), (-0.3, -0.1, 0.02, 0.4), SALE),
    P("JJ-B-01", "洁净工业园B-01地块", "16.4000", IND, "洁净工业园", "纬三路以南、经五路以东",
      (), (0.1, 0.45, 0.6)),
    P("JJ-B-02", "洁净工业园B-02地块", "9.8000", IND, "洁净工业园", "纬三路以北、经六路以西",
      ("拓驰新能源装备制造项目",), (0.2, 0.5, 0.7, 0.85), SALE),
    P("JJ-B-03", "洁净工业园B-03地块", "6.2000", IND, "洁净工业园", "纬四路以南、经二路以东",
      ("康洁医用防护材料生产项目",), (-0.7, -0.6, -0.5, 0.3), SALE),
    P("JJ-C-01", "洁净工业园C-01地块", "18.0000", IND, "洁净工业园", "纬五路以北、经七路以东",
      (), (-0.4, -0.2, -0.1)),
    P("JJ-C-02", "洁净工业园C-02地块", "11.5000", IND, "洁净工业园", "纬五路以南、经七路以西",
      (), (0.55,)),
    P("JJ-C-03", "洁净工业园C-03地块", "21.0000", IND, "洁净工业园", "纬六路以北、经八路以东",
      ("吉通机械总部及生产基地",)),
    P("JJ-C-04", "洁净工业园C-04地块", "8.5000", IND, "洁净工业园", "纬六路以南、经八路以西",
      ("铸诚门业智能制造项目",)),
    # --- 休闲康养产业园 -----------------------------------------------------------------------------
    P("XK-01", "休闲康养产业园01地块", "38.6000", COM, "休闲康养产业园", "康养大道以东、温泉路以北",
      ("康养新城健康养老社区",), (0.3,)),
    P("XK-02", "休闲康养产业园02地块", "32.0000", COM, "休闲康养产业园", "温泉路以南、汇泉街以西",
      ("温泉小镇",), (-0.45, -0.2, -0.1, 0.45), SALE),
    P("XK-03", "休闲康养产业园03地块", "24.5000", COM, "休闲康养产业园", "康养大道以西、健康路以南",
      (), (-0.35, -0.1, 0.1)),
    P("XK-04", "休闲康养产业园04地块", "5.6000", PUB, "休闲康养产业园", "健康路以北、颐和街以东",
      ("康泰康复医院",), (-0.6, -0.5, -0.3, 0.2), SALE),
    # --- 文化旅游产业园 -----------------------------------------------------------------------------
    P("WL-01", "文化旅游产业园01地块", "26.4000", COM, "文化旅游产业园", "文旅大道以北、影都路以东",
      (), (0.1, 0.4, 0.5)),
    P("WL-02", "文化旅游产业园02地块", "19.2000", PUB, "文化旅游产业园", "北山脚下、冰雪路以南",
      ("北山山体公园",), (0.35,)),
    P("WL-03", "文化旅游产业园03地块", "12.0000", COM, "文化旅游产业园", "影都路以西、文旅大道以南",
      ("影都影视文化产业基地",)),
    # --- 现代农业产业园 -----------------------------------------------------------------------------
    P("NY-01", "现代农业产业园01地块", "9.6000", IND, "现代农业产业园", "良蔬路以南、稻香街以东",
      ("农产品加工物流园",), (0.25, 0.65, 0.8, 0.95), SALE),
    P("NY-02", "现代农业产业园02地块", "4.2000", IND, "现代农业产业园", "金穗路以北、稻香街以西",
      ("金穗鲜食玉米精深加工项目",), (-0.45, -0.3, -0.15)),
    P("NY-03", "现代农业产业园03地块", "7.2000", IND, "现代农业产业园", "良蔬路以北、农科街以西",
      ("奢爱良蔬蔬菜深加工及冷链配送中心",)),
    P("NY-04", "现代农业产业园04地块", "7.8000", IND, "现代农业产业园", "森源路以南、农科街以东",
      ("森源食用菌工厂化生产基地",), (-0.6, -0.4, -0.3)),
    # --- 康养新城 -----------------------------------------------------------------------------------
    P("KY-01", "康养新城01地块", "8.2000", PUB, "康养新城", "体育路以北、育才街以东",
      ("康养新城全民健身体育中心",), (0.05, 0.3, 0.4, 0.5), GRANT),
    P("KY-02", "康养新城02地块", "6.8000", PUB, "康养新城", "学府路以南、育才街以西",
      ("康养新城实验高级中学",), (-0.1, 0.2, 0.3, 0.7), GRANT),
    P("KY-03", "康养新城03地块", "13.5000", RES, "康养新城", "安居路以东、回迁街以北",
      (), (0.4,)),
    P("KY-04", "康养新城04地块", "10.5000", RES, "康养新城", "安居路以西、滨河路以南",
      (), (-0.5, -0.25, -0.2)),
    # --- 快速路经济发展带、都市圈城镇发展带、三产融合发展带 ---------------------------------------
    P("KS-01", "快速路经济发展带01地块", "15.3000", IND, "快速路经济发展带", "快速路以北、云谷街以东",
      (), (0.3, 0.7)),
    P("KS-02", "快速路经济发展带02地块", "28.0000", TRA, "快速路经济发展带", "北部快速路K2+400至K6+800段两侧",
      (), (0.1, 0.5, 0.55)),
    P("KS-03", "快速路经济发展带03地块", "4.6000", COM, "快速路经济发展带", "快速路以南、驰骋街以西",
      ("汽车综合服务园",)),
    P("KS-04", "快速路经济发展带04地块", "6.0000", STO, "快速路经济发展带", "快速路以南、同辉街以东",
      ("康养新城冷链物流中心",), (0.6,)),
    P("DS-01", "都市圈城镇发展带01地块", "11.2000", RES, "都市圈城镇发展带", "悦府路以北、万润街以东",
      ("北部新城·悦府住宅小区二期",), (0.2, 0.55, 0.7)),
    P("SC-01", "三产融合发展带01地块", "6.5000", TRA, "三产融合发展带", "南北连接线K0+000至K3+200段",
      ("南北连接线道路工程",), (0.45, 0.9)),
]  # fmt: skip


def _date(fraction: float, today: dt.date) -> dt.date:
    """A day this year (fraction ≥ 0 of the days so far) or last year (fraction < 0, counted back from 1 January)."""
    new_year = dt.date(today.year, 1, 1)
    if fraction >= 0:
        return new_year + dt.timedelta(days=round(fraction * (today - new_year).days))
    return new_year + dt.timedelta(days=round(fraction * 365))


def _registry(spec: DemoParcel, areas: dict[str, Area], today: dt.date) -> dict:
    """The parcel's registry fields, as the demo wants them on every run."""
    area_ha = Decimal(spec.area_ha)
    reached = len(spec.steps)
    budget = (area_ha * BUDGET_PER_HA.get(spec.land_use, Decimal(80))).quantize(Decimal(1))
    # Compensation is paid as the expropriation goes on: in full once it is completed.
    paid = budget if reached >= 2 else (budget * Decimal("0.45")).quantize(Decimal(1)) if reached == 1 else Decimal(0)
    index = int(spec.number.split("-")[-1]) if spec.number.split("-")[-1].isdigit() else 1
    serial = sum(ord(char) for char in spec.number) % 40 + 1  # a stable document number per parcel
    centre = AREA_CENTRES.get(spec.park, (44.03, 125.36))
    year = _date(spec.steps[0], today).year if spec.steps else None  # the year the expropriation began
    return {
        "name": spec.name,
        "area_ha": area_ha,
        "land_use": spec.land_use,
        "location": spec.location,
        "latitude": (Decimal(str(centre[0])) + Decimal(index) / 1000).quantize(Decimal("0.000001")),
        "longitude": (Decimal(str(centre[1])) + Decimal(serial) / 1000).quantize(Decimal("0.000001")),
        "area": areas.get(spec.park),
        "compensation_budget": budget,
        "compensation_paid": paid,
        "farmland_conversion_approval": f"吉政土批〔{year}〕{serial}号" if year else "",
        "expropriation_notice": f"开征告〔{year}〕{serial}号" if year else "",
    }


@transaction.atomic
def seed_land() -> dict:
    """Load the quota and the parcels; safe to run again. Returns the year's summary for the command's output."""
    today = timezone.localdate()
    quota = LandQuota.objects.filter(year=today.year).first() or LandQuota(year=today.year)
    wanted = {"acquire_ha": ACQUIRE_QUOTA, "supply_ha": SUPPLY_QUOTA, "note": QUOTA_NOTE}
    if quota.pk is None or any(getattr(quota, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(quota, key, value)
        quota._change_reason = REASON
        quota.save()

    areas = {area.name: area for area in Area.objects.all()}
    names = {name for spec in PARCELS for name in spec.projects}
    projects = {project.name: project for project in Project.objects.filter(name__in=names)}
    existing = {parcel.number: parcel for parcel in Parcel.objects.filter(number__in=[p.number for p in PARCELS])}
    for spec in PARCELS:
        fields = _registry(spec, areas, today)
        parcel = existing.get(spec.number)
        if parcel is None:
            parcel = Parcel(number=spec.number, **fields)
            # The life cycle, laid once: each step reached on its day, in order.
            for status, fraction in zip(STATUS_ORDER[1:], spec.steps, strict=False):
                parcel.status = status
                setattr(parcel, STATUS_DATE_FIELD[status], _date(fraction, today))
            if parcel.status == ParcelStatus.SUPPLIED:
                parcel.supply_method = spec.supply_method
            parcel.full_clean()
            parcel._change_reason = REASON
            parcel.save()
        elif any(getattr(parcel, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(parcel, key, value)
            parcel._change_reason = REASON
            parcel.save()
        linked = [projects[name] for name in spec.projects if name in projects]
        if {project.pk for project in linked} != set(parcel.projects.values_list("pk", flat=True)):
            parcel.projects.set(linked)

    summary = land_summary(today.year, today)
    figures = ("quota_ha", "acquired_ha", "supplied_ha", "remaining_ha", "required_monthly_ha")
    return {
        "year": today.year,
        "parcels": len(PARCELS),
        **{key: summary[key].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for key in figures},
    }
