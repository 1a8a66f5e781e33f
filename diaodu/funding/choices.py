"""Vocabularies of project reserve and funding: channels, the application flow, maturity levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from diaodu.projects.choices import Stage


class Channel(models.TextChoices):
    """Where the money of an application is asked from (资金渠道)."""

    SPECIAL_BOND = "special_bond", _("地方政府专项债券")
    CENTRAL_BUDGET = "central_budget", _("中央预算内投资")
    ULTRA_LONG_BOND = "ultra_long_bond", _("超长期特别国债")
    PROVINCIAL = "provincial", _("省级专项资金")
    POLICY_TOOL = "policy_tool", _("政策性开发性金融工具")
    BANK_LOAN = "bank_loan", _("银行贷款")
    OTHER = "other", _("其他")


class ApplicationStatus(models.TextChoices):
    """谋划 → 入库 → 申报 → 审核中 → 获批 / 未获批 → 资金到位."""

    CONCEIVED = "conceived", _("谋划")
    REGISTERED = "registered", _("入库")
    SUBMITTED = "submitted", _("申报")
    REVIEWING = "reviewing", _("审核中")
    APPROVED = "approved", _("获批")
    REJECTED = "rejected", _("未获批")
    RECEIVED = "received", _("资金到位")


S = ApplicationStatus

# The flow: each status and the statuses it may move to (forward only, one step at a time).
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    S.CONCEIVED: (S.REGISTERED,),
    S.REGISTERED: (S.SUBMITTED,),
    S.SUBMITTED: (S.REVIEWING,),
    S.REVIEWING: (S.APPROVED, S.REJECTED),
    S.APPROVED: (S.RECEIVED,),
    S.REJECTED: (),
    S.RECEIVED: (),
}

# The date field that records when an application reached each status.
STATUS_DATE_FIELDS: dict[str, str] = {
    S.CONCEIVED: "conceived_on",
    S.REGISTERED: "registered_on",
    S.SUBMITTED: "submitted_on",
    S.REVIEWING: "reviewing_on",
    S.APPROVED: "approved_on",
    S.REJECTED: "rejected_on",
    S.RECEIVED: "received_on",
}

# Applications that have been put to the authority (their requested amount counts as asked for).
ASKED = frozenset({S.SUBMITTED, S.REVIEWING, S.APPROVED, S.REJECTED, S.RECEIVED})
# Applications with a decision: the denominator of the success rate.
DECIDED = frozenset({S.APPROVED, S.REJECTED, S.RECEIVED})
# Applications whose money was granted (获批, and those whose money has since arrived).
GRANTED = frozenset({S.APPROVED, S.RECEIVED})
# Applications still on their way: their requested amount is what the project plans to get.
PENDING = frozenset({S.CONCEIVED, S.REGISTERED, S.SUBMITTED, S.REVIEWING})

STATUS_BADGES = {
    S.CONCEIVED: "text-bg-light border",
    S.REGISTERED: "text-bg-secondary",
    S.SUBMITTED: "text-bg-info",
    S.REVIEWING: "text-bg-primary",
    S.APPROVED: "text-bg-success",
    S.REJECTED: "text-bg-danger",
    S.RECEIVED: "text-bg-dark",
}


class MaturityLevel(models.TextChoices):
    """项目成熟度: reached when the score reaches the level's threshold (see FundingSettings)."""

    CONCEIVED = "conceived", _("谋划")
    PREPARING = "preparing", _("前期")
    MATURE = "mature", _("成熟")
    READY = "ready", _("具备开工")


# Lowest first: a level is higher than every level before it.
LEVEL_ORDER = (MaturityLevel.CONCEIVED, MaturityLevel.PREPARING, MaturityLevel.MATURE, MaturityLevel.READY)
# Mature enough to take money: 成熟 and 具备开工.
MATURE_LEVELS = frozenset({MaturityLevel.MATURE, MaturityLevel.READY})

LEVEL_BADGES = {
    MaturityLevel.CONCEIVED: "text-bg-light border",
    MaturityLevel.PREPARING: "text-bg-warning",
    MaturityLevel.MATURE: "text-bg-info",
    MaturityLevel.READY: "text-bg-success",
}

# The reserve pool (项目储备库): projects not yet started.
POOL_STAGES = (Stage.CONCEIVED, Stage.RESERVE, Stage.PREPARATION)

# The departments whose users keep the funding applications of the whole zone (经发局 申报专项债,
# 财政局 资金落位), matched on a department's name or short name.
FUNDING_DEPARTMENT_NAMES = frozenset({"经济发展局", "经发局", "财政局"})
