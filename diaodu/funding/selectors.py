"""Reads of the funding pages: maturity of many projects at once, the reserve pool, the two waiting lists,
the figures per channel and year, bond coverage, and a project's sources of money.

Every function runs a fixed number of queries whatever the number of projects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from diaodu.org.choices import OrganisationKind
from diaodu.projects.choices import FundingKind, StepStatus
from diaodu.projects.models import FundingSource, Project, Step

from . import maturity
from .choices import (
    ASKED,
    DECIDED,
    GRANTED,
    LEVEL_ORDER,
    MATURE_LEVELS,
    PENDING,
    POOL_STAGES,
    ApplicationStatus,
    Channel,
)
from .models import BondFinance, FundingApplication, FundingSettings, MaturityItem, ProjectDocument
from .permissions import funding_projects

ZERO = Decimal(0)


# --- maturity -------------------------------------------------------------------------------------


def active_rules() -> list[maturity.ItemRule]:
    return [item.rule for item in MaturityItem.objects.filter(is_active=True).order_by("sort_order", "id")]


def maturity_for(
    projects: QuerySet | list[int], settings: FundingSettings | None = None
) -> dict[int, maturity.Maturity]:
    """The maturity of each project of `projects` (a queryset of projects or a list of ids): three queries."""
    settings = settings or FundingSettings.load()
    rules = active_rules()
    steps: dict[int, list[maturity.StepFact]] = defaultdict(list)
    rows = (
        Step.objects.filter(
            project__in=projects,
            status__in=(StepStatus.DONE, StepStatus.NOT_APPLICABLE),
            procedure_type__isnull=False,
        )
        .order_by("sort_order", "id")
        .values_list("project_id", "procedure_type__code", "name", "status", "approval_number", "actual_finish")
    )
    for project_id, code, name, status, number, finished in rows:
        steps[project_id].append(maturity.StepFact(code, name, status, number, finished))
    documents: dict[int, list[maturity.DocumentFact]] = defaultdict(list)
    for project_id, code, reference, provided_on in ProjectDocument.objects.filter(project__in=projects).values_list(
        "project_id", "item__code", "reference", "provided_on"
    ):
        documents[project_id].append(maturity.DocumentFact(code, reference, provided_on))
    ids = projects.values_list("pk", flat=True) if isinstance(projects, QuerySet) else projects
    thresholds = settings.thresholds
    return {pk: maturity.assess(rules, steps.get(pk, ()), documents.get(pk, ()), thresholds) for pk in ids}


def project_maturity(project: Project, settings: FundingSettings | None = None) -> maturity.Maturity:
    return maturity_for([project.pk], settings)[project.pk]


# --- the reserve pool -----------------------------------------------------------------------------


@dataclass
class PoolRow:
    project: Project
    maturity: maturity.Maturity
    applications: list[FundingApplication] = field(default_factory=list)

    @property
    def granted(self) -> list[FundingApplication]:
        return [a for a in self.applications if a.status in GRANTED]

    @property
    def pending(self) -> list[FundingApplication]:
        return [a for a in self.applications if a.status in PENDING]


@dataclass
class Pool:
    rows: list[PoolRow]
    level_counts: dict[str, int]
    waiting_for_money: list[PoolRow]
    money_waiting: list[tuple[FundingApplication, maturity.Maturity]]
    settings: FundingSettings


def applications_queryset(user):
    """The applications a user may see, with their project, newest year first."""
    return (
        FundingApplication.objects.visible_to(user).select_related("project").order_by("-year", "project__name", "id")
    )


def pool(user) -> Pool:
    """The reserve pool sorted by maturity, and the two waiting lists of 让项目等资金、不让资金等项目.

    - 项目等资金: projects of the pool whose level is 成熟 or 具备开工 and that have no granted
      application (获批 or 资金到位);
    - 资金等项目: granted applications whose project is in the pool (not yet started) and below 成熟;
      a project under construction is past the question, whatever its checklist says.
    """
    settings = FundingSettings.load()
    projects = list(
        funding_projects(user)
        .filter(stage__in=POOL_STAGES)
        .select_related("area", "responsible_department")
        .order_by("-total_investment", "id")
    )
    applications = list(applications_queryset(user))
    levels = maturity_for([project.pk for project in projects], settings)
    by_project: dict[int, list[FundingApplication]] = defaultdict(list)
    for application in applications:
        by_project[application.project_id].append(application)
    rows = [PoolRow(project, levels[project.pk], by_project.get(project.pk, [])) for project in projects]
    rows.sort(key=lambda row: (-row.maturity.score, -row.project.total_investment, row.project.pk))
    counts = {level: 0 for level in LEVEL_ORDER}
    for row in rows:
        counts[row.maturity.level] += 1
    waiting_for_money = [row for row in rows if row.maturity.level in MATURE_LEVELS and not row.granted]
    money_waiting = [
        (application, levels[application.project_id])
        for application in applications
        if application.status in GRANTED
        and application.project_id in levels
        and levels[application.project_id].level not in MATURE_LEVELS
    ]
    money_waiting.sort(key=lambda pair: (pair[1].score, -(pair[0].approved_amount or ZERO)))
    return Pool(rows, counts, waiting_for_money, money_waiting, settings)


# --- per channel and year -------------------------------------------------------------------------


@dataclass
class ChannelYear:
    channel: str
    year: int
    count: int
    asked_count: int
    requested: Decimal
    granted_count: int
    approved: Decimal
    received: Decimal
    decided_count: int

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label)

    @property
    def success_rate(self) -> Decimal | None:
        """Approved ÷ decided: 获批 and 资金到位 over those with a decision (获批, 未获批, 资金到位)."""
        if not self.decided_count:
            return None
        return Decimal(self.granted_count) / Decimal(self.decided_count)


def channel_year_stats(applications: QuerySet) -> list[ChannelYear]:
    """Per channel and year: requested (申报 and later), approved, received, and the success rate. One query."""
    rows = (
        applications.order_by()
        .values("channel", "year")
        .annotate(
            count=Count("pk"),
            asked_count=Count("pk", filter=Q(status__in=ASKED)),
            requested=Sum("requested_amount", filter=Q(status__in=ASKED)),
            granted_count=Count("pk", filter=Q(status__in=GRANTED)),
            approved=Sum("approved_amount", filter=Q(status__in=GRANTED)),
            received=Sum("received_amount", filter=Q(status=ApplicationStatus.RECEIVED)),
            decided_count=Count("pk", filter=Q(status__in=DECIDED)),
        )
    )
    order = {value: i for i, value in enumerate(Channel.values)}
    result = [
        ChannelYear(
            channel=row["channel"],
            year=row["year"],
            count=row["count"],
            asked_count=row["asked_count"],
            requested=row["requested"] or ZERO,
            granted_count=row["granted_count"],
            approved=row["approved"] or ZERO,
            received=row["received"] or ZERO,
            decided_count=row["decided_count"],
        )
        for row in rows
    ]
    result.sort(key=lambda r: (-r.year, order.get(r.channel, 99)))
    return result


def channel_chart(stats: list[ChannelYear], labels: dict[str, str]) -> dict:
    """What the bar chart draws: per channel, the amounts requested, approved and received (all years)."""
    totals: dict[str, list[Decimal]] = {}
    for row in stats:
        sums = totals.setdefault(row.channel, [ZERO, ZERO, ZERO])
        sums[0] += row.requested
        sums[1] += row.approved
        sums[2] += row.received
    channels = [value for value in Channel.values if value in totals]
    return {
        "channels": [str(Channel(value).label) for value in channels],
        # Decimals as strings, as every chart's data here: ECharts reads numeric strings, and no float is made.
        "requested": [str(totals[value][0]) for value in channels],
        "approved": [str(totals[value][1]) for value in channels],
        "received": [str(totals[value][2]) for value in channels],
        "labels": labels,
    }


# --- special bonds --------------------------------------------------------------------------------


def bond_rows(user, settings: FundingSettings | None = None) -> list[tuple[BondFinance, object]]:
    """Each visible bond finance plan with its coverage, those below the threshold first. One query."""
    settings = settings or FundingSettings.load()
    plans = BondFinance.objects.visible_to(user).select_related("project")
    rows = [(plan, plan.coverage(settings.coverage_threshold)) for plan in plans]
    rows.sort(key=lambda pair: (not pair[1].flagged, pair[1].ratio if pair[1].ratio is not None else ZERO))
    return rows


# --- a project's money ----------------------------------------------------------------------------

# Channels whose applications bring the money of a registry funding kind (the others have no such kind).
CHANNEL_KINDS = {
    Channel.SPECIAL_BOND: FundingKind.SPECIAL_BOND,
    Channel.CENTRAL_BUDGET: FundingKind.CENTRAL_BUDGET,
    Channel.BANK_LOAN: FundingKind.BANK_LOAN,
}


@dataclass
class SourceRow:
    """One source of a project's money: a registry row (资金来源) with the applications that bring it, or an
    application of a channel the registry does not plan."""

    label: str
    organisation: object | None
    planned: Decimal
    in_place: Decimal
    applications: list[FundingApplication] = field(default_factory=list)
    from_registry: bool = True

    @property
    def is_platform(self) -> bool:
        return self.organisation is not None and self.organisation.kind == OrganisationKind.PLATFORM


@dataclass
class FundingOverview:
    total_investment: Decimal
    rows: list[SourceRow]

    @property
    def planned(self) -> Decimal:
        return sum((row.planned for row in self.rows), ZERO)

    @property
    def in_place(self) -> Decimal:
        return sum((row.in_place for row in self.rows), ZERO)

    @property
    def gap(self) -> Decimal:
        """What the total investment still lacks once the money in place is counted (never negative)."""
        return max(self.total_investment - self.in_place, ZERO)

    @property
    def share_in_place(self) -> Decimal | None:
        if self.total_investment <= 0:
            return None
        return self.in_place / self.total_investment

    @property
    def platforms(self) -> list:
        seen = {}
        for row in self.rows:
            if row.is_platform:
                seen.setdefault(row.organisation.pk, row.organisation)
        return list(seen.values())


def _application_planned(application: FundingApplication) -> Decimal:
    if application.status in GRANTED:
        return application.approved_amount or ZERO
    return application.requested_amount


def _application_received(application: FundingApplication) -> Decimal:
    if application.status == ApplicationStatus.RECEIVED:
        return application.received_amount or ZERO
    return ZERO


def funding_overview(project: Project, applications: list[FundingApplication]) -> FundingOverview:
    """A project's sources of money, planned and in place (资金落位). One query (the registry's rows).

    In place = the registry's funding sources + the received applications, each sum of money counted once:
    - a registry row (资金来源, which the registry totals as 已落实) is planned and in place at its amount;
    - but where applications bring a registry kind (专项债, 中央预算内投资, 银行贷款), that kind's registry
      amount is the plan and only the applications' received amounts are in place (the registry's 专项债
      row and the bond application are the same money);
    - an application of a channel the registry does not plan (超长期特别国债, 省级专项资金 …) is its own row:
      planned at its approved amount once granted, at its requested amount while pending, in place at its
      received amount. Refused applications bring nothing.
    Gap = total investment − in place, never negative.
    """
    sources = list(FundingSource.objects.filter(project=project).select_related("organisation").order_by("kind", "id"))
    live = [application for application in applications if application.status != ApplicationStatus.REJECTED]
    registry_kinds = {source.kind for source in sources}
    served = {CHANNEL_KINDS[a.channel] for a in live if CHANNEL_KINDS.get(a.channel) in registry_kinds}
    rows: list[SourceRow] = []
    by_kind: dict[str, SourceRow] = {}
    for source in sources:
        note = f"（{source.note}）" if source.note else ""
        if source.kind not in served:
            rows.append(
                SourceRow(f"{source.get_kind_display()}{note}", source.organisation, source.amount, source.amount)
            )
            continue
        row = by_kind.get(source.kind)
        if row is None:
            row = by_kind[source.kind] = SourceRow(
                f"{source.get_kind_display()}{note}", source.organisation, ZERO, ZERO
            )
            rows.append(row)
        row.planned += source.amount
    for application in live:
        row = by_kind.get(CHANNEL_KINDS.get(application.channel))
        if row is None:
            label = f"{application.get_channel_display()} {application.year}"
            row = SourceRow(label, None, _application_planned(application), ZERO, from_registry=False)
            rows.append(row)
        row.applications.append(application)
        row.in_place += _application_received(application)
    return FundingOverview(project.total_investment, rows)
