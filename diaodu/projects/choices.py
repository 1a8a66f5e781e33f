"""Vocabularies of the registry: categories, stages, steps, funding sources."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    INDUSTRIAL = "industrial", _("产业")
    INFRASTRUCTURE = "infrastructure", _("基础设施")
    PUBLIC_SERVICE = "public_service", _("公共服务")
    AGRICULTURE = "agriculture", _("农业")
    TOURISM_HEALTH = "tourism_health", _("文旅康养")
    REAL_ESTATE = "real_estate", _("房地产")
    OTHER = "other", _("其他")


class ConstructionType(models.TextChoices):
    NEW = "new", _("新建")
    CONTINUING = "continuing", _("续建")


class Stage(models.TextChoices):
    CONCEIVED = "conceived", _("谋划")
    RESERVE = "reserve", _("储备")
    PREPARATION = "preparation", _("前期")
    CONSTRUCTION = "construction", _("在建")
    COMPLETED = "completed", _("竣工")
    OPERATING = "operating", _("投产")
    SUSPENDED = "suspended", _("停缓建")
    CANCELLED = "cancelled", _("终止")


# Stages in which a project is still being worked on (its schedule matters).
ACTIVE_STAGES = frozenset({Stage.CONCEIVED, Stage.RESERVE, Stage.PREPARATION, Stage.CONSTRUCTION})


class StepKind(models.TextChoices):
    PROCEDURE = "procedure", _("手续")
    MILESTONE = "milestone", _("节点")
    TASK = "task", _("任务")


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("办理中")
    DONE = "done", _("已完成")
    NOT_APPLICABLE = "not_applicable", _("不涉及")


class FundingKind(models.TextChoices):
    FISCAL = "fiscal", _("财政资金")
    SPECIAL_BOND = "special_bond", _("专项债")
    CENTRAL_BUDGET = "central_budget", _("中央预算内投资")
    PLATFORM = "platform", _("平台公司")
    SOCIAL = "social", _("社会资本")
    BANK_LOAN = "bank_loan", _("银行贷款")
    OTHER = "other", _("其他")


class TemplateKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业投资项目")
    GOVERNMENT = "government", _("政府投资项目")
