"""Vocabularies of the org app: roles, area kinds, organisation kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN.md; each is a Django group of the same name."""

    ZONE_LEADER = "zone_leader", _("主要领导")
    RESPONSIBLE_LEADER = "responsible_leader", _("包保领导")
    DEPARTMENT = "department", _("责任单位")
    OFFICER = "officer", _("包保干部")
    DISPATCH = "dispatch", _("项目办")
    OBSERVER = "observer", _("观察员")
    ADMIN = "admin", _("管理员")


# Roles that read every record of the zone; the others see their own projects and issues.
SEES_EVERYTHING = frozenset({Role.ZONE_LEADER, Role.DISPATCH, Role.OBSERVER, Role.ADMIN})


class AreaKind(models.TextChoices):
    """一城三带多园: the new town, its development belts and its industrial parks."""

    CITY = "city", _("城")
    BELT = "belt", _("带")
    PARK = "park", _("园")
    OTHER = "other", _("其他片区")


class OrganisationKind(models.TextChoices):
    PLATFORM = "platform", _("平台公司")
    ENTERPRISE = "enterprise", _("企业")
    GOVERNMENT = "government", _("政府机构")
    OTHER = "other", _("其他")
