"""The key-project registry: projects, their 包保 responsibility, plans, funding, and their network of steps."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.core.validators import ProjectCodeValidator, normalize_project_code
from diaodu.org.choices import Role
from diaodu.org.models import Area, Department, Organisation, Person

from .choices import Category, ConstructionType, FundingKind, Stage, StepKind, StepStatus, TemplateKind

MONEY = {"max_digits": 14, "decimal_places": 2}


class Project(BaseModel):
    """A key project (重点项目) of the zone."""

    name = models.CharField(_("项目名称"), max_length=200)
    code = models.CharField(
        _("项目代码"),
        max_length=24,
        null=True,
        blank=True,
        unique=True,
        validators=[ProjectCodeValidator()],
        help_text=_("投资项目在线审批监管平台赋予的代码，如 2104-220105-04-01-38194X"),
    )
    category = models.CharField(_("项目类别"), max_length=20, choices=Category.choices, default=Category.INDUSTRIAL)
    construction_type = models.CharField(
        _("建设性质"), max_length=12, choices=ConstructionType.choices, default=ConstructionType.NEW
    )
    stage = models.CharField(_("项目阶段"), max_length=16, choices=Stage.choices, default=Stage.PREPARATION)
    area = models.ForeignKey(
        Area,
        verbose_name=_("所在片区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("建设单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_projects",
    )
    scope = models.TextField(_("建设内容及规模"), blank=True)
    total_investment = models.DecimalField(
        _("总投资（万元）"), **MONEY, default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    # What was completed before Diaodu kept the ledger (开累完成投资, from the imported 台账).
    investment_done_before = models.DecimalField(
        _("启用前累计完成投资（万元）"),
        **MONEY,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    planned_start = models.DateField(_("计划开工日期"), null=True, blank=True)
    planned_completion = models.DateField(_("计划竣工日期"), null=True, blank=True)
    actual_start = models.DateField(_("实际开工日期"), null=True, blank=True)
    actual_completion = models.DateField(_("实际竣工日期"), null=True, blank=True)
    statistics_date = models.DateField(_("入库纳统日期"), null=True, blank=True)
    # The dispatch office marks the projects that report every week instead of every month.
    reports_weekly = models.BooleanField(_("按周报送"), default=False)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # 包保: who answers for the project.
    responsible_leader = models.ForeignKey(
        Person,
        verbose_name=_("包保领导"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    responsible_officer = models.ForeignKey(
        Person,
        verbose_name=_("包保干部"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officer_projects",
    )
    responsible_department = models.ForeignKey(
        Department,
        verbose_name=_("责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    # The stored schedule summary, written by `project_recompute_schedule` (pages read it, never recompute).
    schedule_as_of = models.DateField(_("进度计算日期"), null=True, blank=True, editable=False)
    schedule_feasible = models.BooleanField(_("工期可实现"), default=True, editable=False)
    schedule_min_float = models.IntegerField(_("最小浮动时间（工作日）"), null=True, blank=True, editable=False)
    schedule_worst_step = models.ForeignKey(
        "Step",
        verbose_name=_("最紧迫步骤"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    schedule_error = models.CharField(_("工期计算错误"), max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["-total_investment", "id"]
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        indexes = [
            models.Index(fields=["stage", "category"]),
            models.Index(fields=["planned_start"]),
            # The list's default order: read in index order at the scale of a province, no sort.
            models.Index(fields=["-total_investment", "id"], name="project_list_order"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.code:
            self.code = normalize_project_code(self.code)
        if self.planned_start and self.planned_completion and self.planned_completion < self.planned_start:
            errors["planned_completion"] = _("计划竣工日期不能早于计划开工日期。")
        if self.actual_start and self.actual_completion and self.actual_completion < self.actual_start:
            errors["actual_completion"] = _("实际竣工日期不能早于实际开工日期。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # An empty code is no code: NULLs do not collide in the unique index, empty strings would.
        self.code = normalize_project_code(self.code) if self.code else None
        super().save(*args, **kwargs)

    @classmethod
    def visibility_q(cls, access):
        """A responsible leader, officer or department sees the projects it answers for."""
        condition = Q(pk__in=[])
        if Role.RESPONSIBLE_LEADER in access.roles and access.person_id:
            condition |= Q(responsible_leader_id=access.person_id)
        if Role.OFFICER in access.roles and access.person_id:
            condition |= Q(responsible_officer_id=access.person_id)
        if Role.DEPARTMENT in access.roles and access.department_id:
            assigned = Step.objects.filter(project=OuterRef("pk"), responsible_department_id=access.department_id)
            condition |= Q(responsible_department_id=access.department_id) | Q(Exists(assigned))
        return condition

    @property
    def is_yi_project(self) -> bool:
        """百亿元 projects: 100 亿元 = 1,000,000 万元 or more."""
        return self.total_investment >= Decimal(1_000_000)


class InvestmentPlan(BaseModel):
    """The investment planned for one project in one year (年度计划投资), optionally split by month."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    amount = models.DecimalField(_("年度计划投资（万元）"), **MONEY, validators=[MinValueValidator(Decimal(0))])

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("年度投资计划")
        verbose_name_plural = _("年度投资计划")
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="projects_plan_one_per_year")]

    def __str__(self):
        return f"{self.project} {self.year}"

    @classmethod
    def visibility_q(cls, access):
        return Q(project__in=Project.objects.filter(Project.visibility_q(access)))


class MonthlyPlan(BaseModel):
    """The part of a year's plan scheduled for one month (月度计划), where the dispatch office sets one."""

    plan = models.ForeignKey(
        InvestmentPlan, verbose_name=_("年度计划"), on_delete=models.CASCADE, related_name="months"
    )
    month = models.PositiveSmallIntegerField(_("月份"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    amount = models.DecimalField(_("月度计划投资（万元）"), **MONEY, validators=[MinValueValidator(Decimal(0))])

    class Meta:
        ordering = ["plan", "month"]
        verbose_name = _("月度投资计划")
        verbose_name_plural = _("月度投资计划")
        constraints = [models.UniqueConstraint(fields=["plan", "month"], name="projects_monthly_plan_unique")]


class FundingSource(BaseModel):
    """Where a project's money comes from (资金来源): 财政, 专项债, a platform company, 社会资本, 银行贷款 …"""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="funding")
    kind = models.CharField(_("资金来源"), max_length=20, choices=FundingKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("出资单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = models.DecimalField(_("金额（万元）"), **MONEY, validators=[MinValueValidator(Decimal(0))])
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "kind", "id"]
        verbose_name = _("资金来源")
        verbose_name_plural = _("资金来源")

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"


class ProcedureType(BaseModel):
    """A kind of 前期手续 or milestone in the catalogue, with its statutory duration where the law gives one."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=StepKind.choices, default=StepKind.PROCEDURE)
    statutory_days = models.PositiveIntegerField(
        _("法定时限（工作日）"), null=True, blank=True, help_text=_("法律法规规定的办理时限；没有规定的留空")
    )
    default_days = models.PositiveIntegerField(_("默认工期（工作日）"), default=0)
    department_name = models.CharField(_("通常承办部门"), max_length=100, blank=True)
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("手续类型")
        verbose_name_plural = _("手续类型")

    def __str__(self):
        return self.name


class Step(BaseModel):
    """A procedure, milestone or task of one project, in its network of finish-to-start dependencies."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=StepKind.choices, default=StepKind.PROCEDURE)
    procedure_type = models.ForeignKey(
        ProcedureType,
        verbose_name=_("手续类型"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration_days = models.PositiveIntegerField(_("工期（工作日）"), default=0)
    deadline = models.DateField(_("任务时限"), null=True, blank=True)
    responsible_department = models.ForeignKey(
        Department,
        verbose_name=_("责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="steps",
    )
    responsible_person = models.ForeignKey(
        Person,
        verbose_name=_("责任人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="steps",
    )
    status = models.CharField(_("状态"), max_length=16, choices=StepStatus.choices, default=StepStatus.NOT_STARTED)
    actual_start = models.DateField(_("实际开始"), null=True, blank=True)
    actual_finish = models.DateField(_("实际完成"), null=True, blank=True)
    approval_number = models.CharField(_("批复文号"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    # Stored results of the last schedule computation.
    early_start = models.DateField(_("最早开始"), null=True, blank=True, editable=False)
    early_finish = models.DateField(_("最早完成"), null=True, blank=True, editable=False)
    late_start = models.DateField(_("最迟开始"), null=True, blank=True, editable=False)
    late_finish = models.DateField(_("最迟完成"), null=True, blank=True, editable=False)
    total_float = models.IntegerField(_("总浮动时间（工作日）"), null=True, blank=True, editable=False)
    critical = models.BooleanField(_("关键步骤"), default=False, editable=False)

    class Meta:
        ordering = ["project", "sort_order", "id"]
        verbose_name = _("步骤")
        verbose_name_plural = _("步骤")
        indexes = [
            models.Index(fields=["responsible_department", "status"]),
            # The cockpit's deadlines: open steps whose 任务时限 or latest finish falls in the next working days.
            models.Index(fields=["deadline"], name="step_deadline"),
            models.Index(fields=["late_finish"], name="step_late_finish"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.kind == StepKind.MILESTONE and self.duration_days:
            errors["duration_days"] = _("节点的工期应为0个工作日。")
        if self.actual_start and self.actual_finish and self.actual_finish < self.actual_start:
            errors["actual_finish"] = _("实际完成日期不能早于实际开始日期。")
        if self.status == StepStatus.DONE and not self.actual_finish:
            errors["actual_finish"] = _("标记为已完成时，请填写实际完成日期。")
        if self.status == StepStatus.IN_PROGRESS and not self.actual_start:
            errors["actual_start"] = _("标记为办理中时，请填写实际开始日期。")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def visibility_q(cls, access):
        return Q(project__in=Project.objects.filter(Project.visibility_q(access)))

    @property
    def is_overdue(self) -> bool:
        return self.total_float is not None and self.total_float < 0


class StepDependency(BaseModel):
    """A finish-to-start link: `successor` starts after `predecessor` finishes, plus a lag in working days."""

    predecessor = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="predecessor_links")
    lag_days = models.PositiveIntegerField(_("间隔（工作日）"), default=0)

    class Meta:
        verbose_name = _("前置关系")
        verbose_name_plural = _("前置关系")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="projects_dependency_unique"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="projects_no_self_dependency"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"

    @classmethod
    def visibility_q(cls, access):
        return Q(successor__project__in=Project.objects.filter(Project.visibility_q(access)))


class ScheduleTemplate(BaseModel):
    """A default network of steps for a kind of project (enterprise or government investment)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("适用项目"), max_length=12, choices=TemplateKind.choices)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("工期模板")
        verbose_name_plural = _("工期模板")

    def __str__(self):
        return self.name


class TemplateStep(models.Model):
    """One step of a template; `after` lists the template steps it follows."""

    template = models.ForeignKey(ScheduleTemplate, on_delete=models.CASCADE, related_name="steps")
    procedure_type = models.ForeignKey(ProcedureType, on_delete=models.PROTECT, related_name="+")
    duration_days = models.PositiveIntegerField(_("工期（工作日）"))
    after = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="before")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    # The project's planned start is this step's deadline (the 开工 milestone).
    is_target = models.BooleanField(_("以计划开工日期为时限"), default=False)

    class Meta:
        ordering = ["template", "sort_order"]
        verbose_name = _("模板步骤")
        verbose_name_plural = _("模板步骤")

    def __str__(self):
        return f"{self.template}: {self.procedure_type}"
