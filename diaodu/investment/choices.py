"""Vocabularies of investment attraction: lead stages and sources, activities, industries, headquarters moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadStage(models.TextChoices):
    """The way of a lead (招商线索) from first word to ground-breaking, or its end."""

    LEAD = "lead", _("线索")
    CONTACTED = "contacted", _("接洽")
    VISITED = "visited", _("考察")
    NEGOTIATING = "negotiating", _("洽谈")
    SIGNED = "signed", _("签约")
    REGISTERED = "registered", _("注册")
    STARTED = "started", _("开工")
    LOST = "lost", _("终止")


# The pipeline in order (the kanban's columns and the funnel's layers); `lost` stands beside it.
PIPELINE = [stage for stage in LeadStage if stage != LeadStage.LOST]
# Stages in which the zone still works the lead (its response rules run): not yet started, not lost.
ACTIVE_STAGES = frozenset(PIPELINE[:-1])
# Stages at or after the signature: the signed investment of a year counts these (by their signing date).
SIGNED_STAGES = frozenset({LeadStage.SIGNED, LeadStage.REGISTERED, LeadStage.STARTED})

STAGE_BADGES = {
    LeadStage.LEAD: "text-bg-secondary",
    LeadStage.CONTACTED: "text-bg-light border",
    LeadStage.VISITED: "text-bg-info",
    LeadStage.NEGOTIATING: "text-bg-warning",
    LeadStage.SIGNED: "text-bg-primary",
    LeadStage.REGISTERED: "text-bg-primary",
    LeadStage.STARTED: "text-bg-success",
    LeadStage.LOST: "text-bg-dark",
}


def stage_index(stage: str) -> int:
    """The position of a pipeline stage (0 for 线索); `lost` has none."""
    return PIPELINE.index(LeadStage(stage))


class LeadSource(models.TextChoices):
    """How the zone came by a lead: the speech's 以商招商 and 产业链招商 first."""

    REFERRAL = "referral", _("以商招商")
    INDUSTRY_CHAIN = "industry_chain", _("产业链招商")
    EXPO = "expo", _("展会招商")
    RESIDENT_OFFICE = "resident_office", _("驻外招商")
    ONLINE = "online", _("网络招商")
    OTHER = "other", _("其他")


class ActivityKind(models.TextChoices):
    """An entry of a lead's log. Three kinds also meet a response rule: 研判, 反馈企业 and 进展报告."""

    VISIT = "visit", _("实地考察")
    MEETING = "meeting", _("洽谈会见")
    CALL = "call", _("电话联系")
    ASSESSMENT = "assessment", _("研判")
    FEEDBACK = "feedback", _("反馈企业")
    REPORT = "report", _("进展报告")
    OTHER = "other", _("其他")


class SlaStep(models.TextChoices):
    """The response rules for large leads, in the order they fall due."""

    REGISTER = "register", _("登记")
    ASSESS = "assess", _("研判")
    FEEDBACK = "feedback", _("反馈")
    REPORT = "report", _("报告进展")


class HeadquartersStatus(models.TextChoices):
    """Where a company stands with moving its headquarters into the zone (总部经济)."""

    NEGOTIATING = "negotiating", _("洽谈中")
    AGREED = "agreed", _("已同意迁入")
    MOVED = "moved", _("已迁入")


HEADQUARTERS_BADGES = {
    HeadquartersStatus.NEGOTIATING: "text-bg-warning",
    HeadquartersStatus.AGREED: "text-bg-primary",
    HeadquartersStatus.MOVED: "text-bg-success",
}


class IndustrySection(models.TextChoices):
    """The sections (门类) of the national industry classification, GB/T 4754-2017."""

    A = "A", _("A 农、林、牧、渔业")
    B = "B", _("B 采矿业")
    C = "C", _("C 制造业")
    D = "D", _("D 电力、热力、燃气及水生产和供应业")
    E = "E", _("E 建筑业")
    F = "F", _("F 批发和零售业")
    G = "G", _("G 交通运输、仓储和邮政业")
    H = "H", _("H 住宿和餐饮业")
    I = "I", _("I 信息传输、软件和信息技术服务业")  # noqa: E741  (the standard's letter)
    J = "J", _("J 金融业")
    K = "K", _("K 房地产业")
    L = "L", _("L 租赁和商务服务业")
    M = "M", _("M 科学研究和技术服务业")
    N = "N", _("N 水利、环境和公共设施管理业")
    O = "O", _("O 居民服务、修理和其他服务业")  # noqa: E741
    P = "P", _("P 教育")
    Q = "Q", _("Q 卫生和社会工作")
    R = "R", _("R 文化、体育和娱乐业")
    S = "S", _("S 公共管理、社会保障和社会组织")
    T = "T", _("T 国际组织")
