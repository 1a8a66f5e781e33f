"""Vocabularies of the evaluation (考核评价): who is scored, on what, and from which kind of record."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubjectKind(models.TextChoices):
    """Who is ranked: departments (责任单位), responsible officers (包保干部) and responsible leaders (包保领导)."""

    # With a context: as kinds of subject they read as plurals in English ("Departments").
    DEPARTMENT = "department", pgettext_lazy("evaluation subjects", "责任单位")
    OFFICER = "officer", pgettext_lazy("evaluation subjects", "包保干部")
    LEADER = "leader", pgettext_lazy("evaluation subjects", "包保领导")


class Criterion(models.TextChoices):
    """What a subject is scored on, in the order the ranking's columns show them."""

    STEPS = "steps", _("步骤按期完成")
    REPORTS = "reports", _("报告按时报送")
    ISSUES = "issues", _("问题按期办结")
    INVESTMENT = "investment", _("投资完成序时进度")
    RED = "red", _("未亮红灯")
    SIGNED = "signed", _("招商签约投资")


# Every criterion, and the five every subject is scored on (signed investment is for 招商 officers only).
CRITERIA = tuple(Criterion)
GENERAL_CRITERIA = (Criterion.STEPS, Criterion.REPORTS, Criterion.ISSUES, Criterion.INVESTMENT, Criterion.RED)


class FactKind(models.TextChoices):
    """The record a fact stands on."""

    STEP = "step", _("步骤")
    REPORT = "report", _("进度报告")
    ISSUE = "issue", _("问题")
    PROJECT = "project", _("项目")
    LEAD = "lead", _("招商线索")
    TARGET = "target", _("考核目标")
