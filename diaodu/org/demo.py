"""The speech's zone as demo data: areas (一城三带多园), departments, platform companies, one login per role.

Names the speech redacts (“**”) are filled with plausible stand-ins. Later apps extend `seed_demo`.
"""

from dataclasses import dataclass

from django.db import transaction

from .choices import AreaKind, OrganisationKind, Role
from .models import Area, Department, Organisation, Person, Zone
from .services import person_give_login

DEMO_PASSWORD = "Diaodu@2026"

ZONE = {"name": "北部新城经济开发区", "short_name": "开发区", "division_code": "220105"}

# (name, kind, parent, description)
AREAS = [
    ("康养新城", AreaKind.CITY, None, "统筹发展、三产融合的康养新城（一城）"),
    ("都市圈城镇发展带", AreaKind.BELT, "康养新城", "依托公路打造的都市圈城镇发展带"),
    ("快速路经济发展带", AreaKind.BELT, "康养新城", "依托快速路打造的快速路经济发展带"),
    ("三产融合发展带", AreaKind.BELT, "康养新城", "依托南北连接线打造的三产融合发展带"),
    ("文化旅游产业园", AreaKind.PARK, "康养新城", "结合康养、美凯龙等重点项目建设"),
    ("休闲康养产业园", AreaKind.PARK, "康养新城", "养老、温泉小镇、生命健康城等百亿元项目"),
    ("现代农业产业园", AreaKind.PARK, "康养新城", "以现代农业为依托，发挥奢爱良蔬等龙头企业带动作用"),
    ("洁净工业园", AreaKind.PARK, "康养新城", "南部以装备制造、医药健康为主"),
]

# (name, short name, duties)
DEPARTMENTS = [
    ("党政办公室", "办公室", "综合协调、督查督办"),
    ("项目服务办公室", "项目办", "重点项目调度、台账、调度会与通报、考核"),
    ("经济发展局", "经发局", "项目立项、节能审查、入库纳统、专项债申报"),
    ("自然资源局", "自然资源局", "规划编制、用地预审、规划许可、不动产登记"),
    ("征收办公室", "征收办", "土地征收、征拆、土地收储"),
    ("投资促进局", "招商局", "以商招商、产业链招商、总部经济"),
    ("建设局", "建设局", "施工图审查、施工许可、质量安全、基础设施建设"),
    ("财政局", "财政局", "资金落位、专项资金、平台公司融资协调"),
    ("生态环境分局", "环保分局", "环评批复"),
]

PLATFORMS = [
    ("聚丰城市建设投资有限公司", "聚丰公司"),
    ("广汇城市发展集团有限公司", "广汇公司"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    title: str
    department: str | None
    role: str

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


DEMO_USERS = [
    DemoUser("leader", "王建国", "党工委书记、管委会主任", "党政办公室", Role.ZONE_LEADER),
    DemoUser("baobao", "李明", "管委会副主任", "党政办公室", Role.RESPONSIBLE_LEADER),
    DemoUser("dept", "赵丽", "自然资源局局长", "自然资源局", Role.DEPARTMENT),
    DemoUser("officer", "孙浩", "经济发展局科员", "经济发展局", Role.OFFICER),
    DemoUser("dispatch", "周敏", "项目办主任", "项目服务办公室", Role.DISPATCH),
    DemoUser("observer", "吴刚", "纪工委监督员", None, Role.OBSERVER),
    DemoUser("admin", "郑洁", "系统管理员", "党政办公室", Role.ADMIN),
]


@transaction.atomic
def seed_org() -> dict:
    """Load the zone, areas, departments, platform companies and demo logins; safe to run again."""
    zone = Zone.objects.first() or Zone()
    for key, value in ZONE.items():
        setattr(zone, key, value)
    zone.save()

    areas = {}
    for order, (name, kind, parent, description) in enumerate(AREAS):
        areas[name], _created = Area.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "parent": areas.get(parent),
                "description": description,
                "sort_order": order,
            },
        )
    departments = {}
    for order, (name, short_name, duties) in enumerate(DEPARTMENTS):
        departments[name], _created = Department.objects.update_or_create(
            name=name, defaults={"short_name": short_name, "duties": duties, "sort_order": order}
        )
    for name, short_name in PLATFORMS:
        Organisation.objects.update_or_create(
            name=name, defaults={"short_name": short_name, "kind": OrganisationKind.PLATFORM}
        )
    for demo in DEMO_USERS:
        person, _created = Person.objects.update_or_create(
            name=demo.name,
            defaults={"title": demo.title, "department": departments.get(demo.department)},
        )
        person_give_login(person=person, username=demo.username, password=DEMO_PASSWORD, roles=[demo.role])
    return {"zone": zone, "areas": areas, "departments": departments}
