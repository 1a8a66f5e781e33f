"""A year of progress reports for the demo projects, laid so that every rule shows every light.

Everything is placed relative to `timezone.localdate()`. What is written:

- the demo projects are backdated into the registry early in January (`created_at`), so that reports
  are owed from January; four preparation projects with little float are marked to report weekly
  (the dispatch office's 周调度) and report weekly for the last eight weeks, monthly before. Their
  `created_at` is the Monday of their first week: `selectors.light_inputs` owes a weekly reporter
  weekly reports from `reporting_start` (it does not know when the project was switched to weekly),
  so with a January date they would show every week since January as missing;
- every construction project has this year's investment plan (three get a monthly split), and its
  reports add up to a chosen place against 序时进度: at or above it, slightly below, 10–30 points
  below, or more than 30 below;
- reports from January to the current period, with 形象进度 written from the project's own steps
  (procedures done and under way) before 开工 and from its works after, problems on some, photos on
  a few; most are accepted, the latest are partly awaiting review, about one in ten was submitted
  late, two were returned, a few are drafts, and some projects have not reported the latest
  period(s) at all (1–10 days late: yellow; more: red);
- so that the start and statistics rules show both yellow and red: two preparation projects whose
  planned start passed long ago (their 开工 deadline moved with them), and construction projects
  not yet in the statistics a month and more than two months after their start.

Idempotent: an existing report (project, frequency, period start) is never touched or duplicated,
and the adjustments are made only where still missing. Deterministic: `random.Random(2021)` for the
choices across projects, and one stream per project (seeded with its name) for its reports.
"""

import datetime as dt
import io
import random
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from PIL import Image, ImageDraw

from diaodu.projects.choices import Category, Stage, StepKind, StepStatus
from diaodu.projects.demo_data import PROJECTS
from diaodu.projects.models import InvestmentPlan, MonthlyPlan, Project, Step
from diaodu.projects.services import project_recompute_schedule, step_save

from .choices import COUNTED_STATUSES, Frequency, ReportStatus
from .lights import scheduled_amount
from .models import LightSettings, ProgressReport
from .periods import Period, add_months, months_between, periods_between, week_period
from .uploads import save_photo

SEED = 2021
REASON = "演示数据"
REPORTING_STAGES = (Stage.PREPARATION, Stage.CONSTRUCTION)
WEEKLY_PROJECTS = 4
WEEKLY_WEEKS = 8
PHOTOS = 6

# Investment done in a month of construction, relative to the others (winter stops the works in 长春).
MONTH_WEIGHT = {1: 0.15, 2: 0.15, 3: 0.45, 4: 0.9, 5: 1.1, 6: 1.2, 7: 1.2, 8: 1.25, 9: 1.2, 10: 1.1, 11: 0.7, 12: 0.3}
# The monthly plan split (月度计划) of the projects that have one; sums to 1.
MONTH_SHARE = {1: 2, 2: 2, 3: 5, 4: 9, 5: 11, 6: 12, 7: 12, 8: 12, 9: 12, 10: 11, 11: 8, 12: 4}

# Where a construction project's investment lands against 序时进度: points below it (negative: above).
ABOVE, SLIGHTLY, YELLOW, RED = "above", "slightly", "yellow", "red"
GAP_POINTS = {ABOVE: (-8.0, -1.0), SLIGHTLY: (2.0, 7.5), YELLOW: (13.0, 26.0), RED: (36.0, 52.0)}
PROGRESS_PACE = {ABOVE: 1.0, SLIGHTLY: 0.9, YELLOW: 0.7, RED: 0.45}

# Reporting of the latest period(s).
OK, MISSING_YELLOW, MISSING_RED, RETURNED, DRAFT = "ok", "missing_yellow", "missing_red", "returned", "draft"

DONE_TEXT = {
    "filing": "完成项目备案",
    "proposal": "项目建议书获批复",
    "land_pre_review": "取得用地预审与选址意见书",
    "feasibility": "可行性研究报告获批复",
    "preliminary_design": "初步设计及概算获批复",
    "eia": "取得环评批复",
    "energy_review": "通过节能审查",
    "expropriation": "完成征收拆迁，场地具备供地条件",
    "land_supply": "完成土地供应",
    "land_planning_permit": "取得建设用地规划许可证",
    "property_certificate": "取得不动产权证",
    "engineering_planning_permit": "取得建设工程规划许可证",
    "drawing_review": "通过施工图审查",
    "construction_tender": "完成施工招标，确定施工总承包单位",
    "construction_permit": "取得施工许可证",
}
BEGUN_TEXT = {
    "filing": "准备项目备案材料",
    "proposal": "编制项目建议书",
    "land_pre_review": "办理用地预审",
    "feasibility": "开展可研编制",
    "preliminary_design": "开展初步设计",
    "eia": "委托编制环评报告",
    "energy_review": "开展节能评估",
    "expropriation": "启动征收拆迁，开展入户调查",
    "land_supply": "办理土地供应手续",
    "land_planning_permit": "申办建设用地规划许可证",
    "property_certificate": "办理不动产登记",
    "engineering_planning_permit": "报审建设工程规划方案",
    "drawing_review": "施工图报审",
    "construction_tender": "发布施工招标公告",
    "construction_permit": "申办施工许可证",
}
ONGOING_TEXT = {
    "feasibility": "完成可研编制，报送审批",
    "eia": "环评报告编制中",
    "expropriation": "推进征收拆迁，累计签订补偿协议{pct}%",
    "land_supply": "土地组卷报批中",
    "drawing_review": "施工图审查意见修改中",
    "construction_tender": "施工招标进行中",
    "preliminary_design": "初步设计文件编制中",
}
PREPARATION_PROBLEMS = {
    "land_pre_review": "用地指标尚未落实，需市自然资源局协调",
    "expropriation": "尚有{n}户未签订征收补偿协议，个别户诉求较高",
    "land_supply": "土地组卷报批尚未完成，影响供地时间",
    "eia": "环评需补充地下水专项评价，报告修改中",
    "energy_review": "能耗指标需市级统筹，审查周期较长",
    "feasibility": "可研报告投资估算需按评审意见调整",
    "engineering_planning_permit": "规划方案需按控规调整意见修改",
    "drawing_review": "设计单位出图滞后，施工图审查多次退改",
    "construction_tender": "招标文件编制滞后，挂网时间推迟",
    "construction_permit": "施工许可所需质量安全监督手续尚未办结",
}
GENERAL_PREPARATION_PROBLEMS = [
    "项目资本金尚未全部到位",
    "企业融资审批周期较长，影响前期工作推进",
    "前期手续办理进度滞后于倒排工期",
    "专项债券申报材料需补充完善",
]
CONSTRUCTION_PROBLEMS = [
    "钢材价格上涨，施工总承包单位要求调整合同价格",
    "施工用电临时接入容量不足，需协调供电公司增容",
    "工程进度款拨付滞后，施工单位资金周转困难",
    "周边居民对夜间施工噪声有投诉，已调整高噪声作业时间",
    "连续降雨影响土方及室外作业约7天",
    "商品混凝土供应紧张，影响混凝土浇筑进度",
    "专项债券资金尚未到位",
    "部分设备供货周期延长，影响安装进度",
    "劳务用工紧张，高峰期作业人员不足",
]
WINTER_ACTIVITIES = [
    "开展施工图深化设计及设备选型",
    "组织主要设备及材料采购招标",
    "编制春季复工方案，做好复工准备",
    "开展冬季安全检查及成品保护",
]
EARLY_TEXT = [
    "开展项目前期策划，梳理前期手续清单，对接设计及咨询单位",
    "编制项目实施方案，开展选址论证",
    "对接行业主管部门，完善项目前期资料",
    "开展概念方案设计比选及投资估算",
]
RETURN_REASONS = [
    "本期完成投资与统计联网直报数据不一致，请核实后重新报送。",
    "形象进度描述过于笼统，请补充具体工程量并上传现场照片。",
    "本期完成投资较上期增幅异常，请附支付凭证说明。",
]


def _money(value: Decimal) -> Decimal:
    """万元 as ledgers write them: whole 万元 from 100, else one decimal."""
    quantum = Decimal(1) if value >= 100 else Decimal("0.1")
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def _d(draw: float) -> Decimal:
    """A random draw as a Decimal, so that every amount is computed in Decimal."""
    return Decimal(str(draw))


def _aware(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


# --- adjustments of the registry ------------------------------------------------------------------


def _mark_weekly(candidates: list[Project]) -> list[Project]:
    """The projects that report weekly: those marked already, else the preparation ones with the least float."""
    marked = [project for project in candidates if project.reports_weekly]
    if marked:
        return marked
    tight = sorted(
        (
            project
            for project in candidates
            if project.stage == Stage.PREPARATION
            and project.schedule_min_float is not None
            and 0 <= project.schedule_min_float < 10
        ),
        key=lambda project: (project.schedule_min_float, project.name),
    )[:WEEKLY_PROJECTS]
    for project in tight:
        project.reports_weekly = True
        project._change_reason = "演示数据：工期紧张，调度会要求按周报送"
        project.save(update_fields=["reports_weekly", "updated_at"])
    return tight


def _backdate(projects: list[Project], weekly: set[int], year_start: dt.datetime, weekly_start: dt.datetime) -> None:
    """Into the registry early in January (weekly reporters: when their weekly reporting began)."""
    monthly_ids = [project.pk for project in projects if project.pk not in weekly]
    Project.objects.filter(pk__in=monthly_ids, created_at__gt=year_start).update(created_at=year_start)
    Project.objects.filter(pk__in=weekly).exclude(created_at=weekly_start).update(created_at=weekly_start)


def _start_reds(projects: list[Project], today: dt.date, red_months: int) -> list[str]:
    """Two preparation projects whose planned start month passed more than `red_months` months ago."""
    passed = [
        project
        for project in projects
        if project.stage == Stage.PREPARATION
        and project.planned_start is not None
        and project.actual_start is None
        and months_between(project.planned_start, today) > 0
    ]
    red = [project for project in passed if months_between(project.planned_start, today) > red_months]
    moved = []
    # The longest overdue of the rest fall further behind: their start was planned for half a year ago.
    for project, months in zip(
        sorted((p for p in passed if p not in red), key=lambda p: (p.planned_start, p.name)),
        (red_months + 3, red_months + 2),
        strict=False,
    ):
        if len(red) + len(moved) >= 2:
            break
        new_start = add_months(project.planned_start, months_between(project.planned_start, today) - months)
        project.planned_start = new_start
        project._change_reason = "演示数据：计划开工日期按年初调度会确定"
        project.save(update_fields=["planned_start", "updated_at"])
        # The 开工 milestone's deadline is the planned start.
        for step in Step.objects.filter(project=project, procedure_type__code="start"):
            step.deadline = new_start
            step._change_reason = REASON
            step_save(step=step, recompute=False)
        project_recompute_schedule(project=project)
        moved.append(project.name)
    return moved


def _statistics_gaps(projects: list[Project], today: dt.date, settings: LightSettings) -> list[str]:
    """Construction projects not yet in the statistics: one a month after the start, two past two months."""
    minimum = settings.statistics_min_investment
    started = sorted(
        (
            project
            for project in projects
            if project.stage == Stage.CONSTRUCTION
            and project.actual_start is not None
            and project.total_investment >= minimum
        ),
        key=lambda project: (project.actual_start, project.name),
        reverse=True,
    )

    def band(project: Project) -> str:
        if today >= add_months(project.actual_start, settings.statistics_red_months):
            return RED
        if today >= add_months(project.actual_start, settings.statistics_yellow_months):
            return YELLOW
        return ""

    def missing(project: Project) -> bool:
        return project.statistics_date is None or project.statistics_date > today

    wanted = {YELLOW: 1, RED: 2}
    for project in started:
        if missing(project) and band(project):
            wanted[band(project)] -= 1
    cleared = []
    # The most recent starts of this year are the likely ones not yet in the statistics.
    for project in started:
        kind = band(project)
        if not kind or wanted[kind] <= 0 or missing(project) or project.actual_start.year != today.year:
            continue
        project.statistics_date = None
        project._change_reason = "演示数据：统计部门退回入库材料，待补正"
        project.save(update_fields=["statistics_date", "updated_at"])
        for step in Step.objects.filter(project=project, procedure_type__code="statistics"):
            step.status, step.approval_number = StepStatus.NOT_STARTED, ""
            step.actual_start = step.actual_finish = None
            step._change_reason = REASON
            step_save(step=step, recompute=False)
        project_recompute_schedule(project=project)
        wanted[kind] -= 1
        cleared.append(project.name)
    return cleared


def _plans(projects: list[Project], year: int, rng: random.Random) -> dict[int, tuple[Decimal, dict[int, Decimal]]]:
    """This year's plan of every construction project (created where missing), three with a monthly split."""
    plans = {plan.project_id: plan for plan in InvestmentPlan.objects.filter(project__in=projects, year=year)}
    for project in projects:
        if project.pk not in plans:
            plan = InvestmentPlan(project=project, year=year, amount=_money(project.total_investment * Decimal("0.2")))
            plan._change_reason = REASON
            plan.save()
            plans[project.pk] = plan
    months: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for project_id, month, amount in MonthlyPlan.objects.filter(plan__in=plans.values()).values_list(
        "plan__project_id", "month", "amount"
    ):
        months[project_id][month] = amount
    # Continuing projects (started before this year) are the ones planned month by month.
    continuing = sorted((p for p in projects if p.actual_start and p.actual_start.year < year), key=lambda p: p.name)
    chosen = rng.sample(continuing, min(3, len(continuing)))  # drawn on every run: the stream stays the same
    if not any(months.get(p.pk) for p in continuing):
        for project in chosen:
            plan = plans[project.pk]
            used = Decimal(0)
            for month in range(1, 13):
                share = Decimal(MONTH_SHARE[month]) / Decimal(100)
                amount = plan.amount - used if month == 12 else _money(plan.amount * share)
                used += amount
                row = MonthlyPlan(plan=plan, month=month, amount=amount)
                row._change_reason = REASON
                row.save()
                months[project.pk][month] = amount
    return {pk: (plan.amount, dict(months.get(pk, {}))) for pk, plan in plans.items()}


# --- the text of a report -------------------------------------------------------------------------


class StepFacts:
    """A project's steps before 开工 (rows of `values()`), to write what was done and under way in a period."""

    def __init__(self, rows):
        self.rows = [row for row in rows if row["code"] in DONE_TEXT]
        self.government = any(row["code"] == "proposal" for row in rows)

    def text(self, start: dt.date, end: dt.date, rng: random.Random) -> tuple[str, list[str], list[str]]:
        """(形象进度, codes done in the period, codes under way at its end)."""
        parts, done, ongoing = [], [], []
        for row in self.rows:
            begun, finished = row["actual_start"], row["actual_finish"]
            if finished and start <= finished <= end:
                done.append(row["code"])
                text = DONE_TEXT[row["code"]]
                if row["code"] == "land_supply":
                    text = "完成土地划拨" if self.government else "完成土地摘牌，签订国有建设用地使用权出让合同"
                if row["approval_number"] and rng.random() < 0.5:
                    text += f"（{row['approval_number']}）"
                parts.append(text)
            elif begun and begun <= end and (finished is None or finished > end):
                ongoing.append(row["code"])
                if start <= begun:
                    parts.append(BEGUN_TEXT[row["code"]])
                else:
                    elapsed = (end - begun).days
                    pct = min(95, 40 + elapsed // 2 + rng.randint(0, 15))
                    parts.append(ONGOING_TEXT.get(row["code"], f"{row['name']}办理中").format(pct=pct))
        if not parts:
            if any(row["actual_finish"] and row["actual_finish"] < start for row in self.rows):
                waiting = next((row for row in self.rows if row["actual_finish"] is None), None)
                parts.append(
                    f"对接{'审批部门' if waiting is None else waiting['department'] or '审批部门'}，"
                    f"准备{waiting['name'] if waiting else '开工'}申报材料"
                )
            else:
                parts.append(rng.choice(EARLY_TEXT))
        return "；".join(parts) + "。", done, ongoing


def _works_kind(project: Project, scope: str) -> str:
    if any(word in project.name for word in ("供水", "污水", "供热")):
        return "network"
    if "温室" in scope:
        return "greenhouse"
    return "building"


def _floors(project: Project) -> int:
    if any(word in project.name for word in ("住宅", "回迁", "小区")):
        return 18
    if "医院" in project.name:
        return 12
    if project.category in (Category.TOURISM_HEALTH, Category.REAL_ESTATE):
        return 8
    return 4


def _number(pattern: str, scope: str, default: float) -> float:
    match = re.search(pattern, scope)
    return float(match.group(1)) if match else default


def _works_text(project: Project, scope: str, kind: str, percent: int, rng: random.Random) -> str:
    if kind == "network":
        km = _number(r"管网约?(\d+)公里", scope, 30)
        plant = next(
            (text for word, text in (("供水", "沉淀池、滤池及清水池"), ("污水", "生化池、二沉池及配水井"))
             if word in project.name),
            "锅炉房及换热站",
        )  # fmt: skip
        laid = round(km * min(percent, 100) / 100, 1)
        built = min(100, round(percent * 1.1))
        text = f"厂区{plant}结构施工完成{built}%，累计敷设管网{laid}公里（共{km:g}公里）"
        if percent >= 70:
            text += "，设备安装调试同步进行"
        return text
    if kind == "greenhouse":
        area = _number(r"温室约?(\d+(?:\.\d+)?)万平方米", scope, 10)
        if percent < 60:
            return f"温室钢结构安装完成{round(area * percent / 60, 1)}万平方米（共{area:g}万平方米）"
        return f"温室主体完成，覆膜及环控、水肥一体化设备安装完成{min(100, 5 + round((percent - 60) * 2.5))}%"
    floors = _floors(project)
    if percent < 3:
        return "完成场地平整、临时设施搭建及测量放线"
    if percent < 10:
        return f"完成桩基施工{min(100, round(percent * 10))}%"
    if percent < 18:
        return f"基础承台及地梁施工，完成土方开挖{rng.randint(2, 9)}万立方米"
    if percent < 25:
        return "地下室结构施工，完成底板浇筑"
    if percent < 55:
        return f"主体结构施工至{max(1, round((percent - 25) / 30 * floors))}层"
    if percent < 62:
        return f"主体结构封顶，二次结构砌筑完成{min(100, 10 + (percent - 55) * 13)}%"
    if percent < 80:
        return f"外墙保温及门窗安装施工，机电安装完成{min(100, 10 + (percent - 62) * 5)}%"
    if percent < 92:
        return f"室内装饰装修施工，完成{min(100, 10 + (percent - 80) * 7)}%"
    return "室外管网及景观绿化施工，准备竣工验收"


def _construction_text(project, scope, kind, report: ProgressReport, percent, start: dt.date, rng) -> str:
    month = report.period_start.month
    if report.period_start <= start <= report.period_end:
        return f"{start.month}月{start.day}日正式开工，{_works_text(project, scope, kind, percent, rng)}。"
    if month in (1, 2, 12):
        return f"冬季停工，{rng.choice(WINTER_ACTIVITIES)}。"
    text = _works_text(project, scope, kind, percent, rng)
    if month == 3:
        return f"3月中下旬陆续复工，{text}。"
    if month == 11:
        return f"{text}，做好冬季停工前收尾及成品保护。"
    return f"{text}。"


# --- photos ---------------------------------------------------------------------------------------


def _photo(rng: random.Random) -> bytes:
    """A small site picture: sky, ground, a building under construction and a tower crane."""
    sky = rng.choice([(135, 180, 220), (160, 195, 225), (190, 205, 215)])
    image = Image.new("RGB", (320, 240), sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 15, 50, 45), fill=(250, 235, 170))
    draw.rectangle((0, 175, 320, 240), fill=rng.choice([(150, 125, 95), (130, 120, 105), (165, 145, 110)]))
    left, floors = rng.randint(30, 90), rng.randint(4, 9)
    top = 175 - floors * 14
    draw.rectangle((left, top, left + 130, 175), fill=(175, 175, 170), outline=(110, 110, 110))
    for floor in range(floors):
        y = top + floor * 14
        draw.line((left, y, left + 130, y), fill=(120, 120, 120))
        for x in range(left + 8, left + 125, 16):
            draw.rectangle((x, y + 4, x + 8, y + 10), fill=(70, 80, 95))
    mast = left + 170
    draw.rectangle((mast, 40, mast + 6, 175), fill=(235, 185, 30))
    draw.line((mast - 110, 42, mast + 50, 42), fill=(235, 185, 30), width=4)
    draw.line((mast + 3, 20, mast - 100, 42), fill=(90, 90, 90), width=1)
    draw.line((mast + 3, 20, mast + 45, 42), fill=(90, 90, 90), width=1)
    hook = mast - rng.randint(30, 90)
    draw.line((hook, 42, hook, 110), fill=(60, 60, 60), width=1)
    draw.rectangle((hook - 6, 110, hook + 6, 118), fill=(200, 60, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


# --- the reports ----------------------------------------------------------------------------------


def _scenarios(projects: list[Project], weekly: set[int], rng: random.Random) -> dict[int, str]:
    """How each project reported its latest period(s): most on time, some missing, returned or draft."""
    monthly = sorted((p for p in projects if p.pk not in weekly), key=lambda p: p.name)
    picked = rng.sample(monthly, min(len(monthly), 10))
    result = {p.pk: OK for p in projects}
    kinds = [MISSING_RED] * 3 + [MISSING_YELLOW] * 3 + [RETURNED] * 2 + [DRAFT] * 2
    for project, scenario in zip(picked, kinds, strict=False):
        result[project.pk] = scenario
    weekly_projects = sorted((p for p in projects if p.pk in weekly), key=lambda p: p.name)
    for project, scenario in zip(weekly_projects, [MISSING_YELLOW, DRAFT], strict=False):
        result[project.pk] = scenario
    return result


def _bands(projects: list[Project], year: int, rng: random.Random) -> dict[int, str]:
    """Where each construction project's investment lands against 序时进度."""
    continuing = sorted((p for p in projects if p.actual_start.year < year), key=lambda p: p.name)
    new = sorted((p for p in projects if p.actual_start.year >= year), key=lambda p: (p.actual_start, p.name))
    pool = [ABOVE, SLIGHTLY, YELLOW, RED, ABOVE, SLIGHTLY, ABOVE]
    pool = (pool * (len(continuing) // len(pool) + 1))[: len(continuing)]
    rng.shuffle(pool)
    bands = dict(zip((p.pk for p in continuing), pool, strict=True))
    # Those started most recently are the furthest behind the year's plan.
    order = [ABOVE, SLIGHTLY, YELLOW, RED]
    for i, project in enumerate(new):
        bands[project.pk] = order[min(3, i * 4 // max(1, len(new)))]
    return bands


def _periods(project: Project, weekly: bool, today: dt.date, settings: LightSettings) -> list[Period]:
    year_start = dt.date(today.year, 1, 1)
    kwargs = {"due_day": settings.monthly_due_day, "due_weekday": settings.weekly_due_weekday}
    if not weekly:
        return periods_between(year_start, today, Frequency.MONTHLY, **kwargs)
    first_week = _weekly_start(today, settings)
    months = []
    if first_week.replace(day=1) > year_start:
        months = periods_between(
            year_start, first_week.replace(day=1) - dt.timedelta(days=1), Frequency.MONTHLY, **kwargs
        )
    return months + periods_between(first_week, today, Frequency.WEEKLY, **kwargs)


def _weekly_start(today: dt.date, settings: LightSettings) -> dt.date:
    current = week_period(today, settings.weekly_due_weekday).start
    first = current - dt.timedelta(weeks=WEEKLY_WEEKS - 1)
    return max(first, week_period(dt.date(today.year, 1, 1), settings.weekly_due_weekday).start)


class ReportWriter:
    """Lays out one project's reports: which periods, their status and dates, their text and money."""

    def __init__(self, today, now, settings, reviewer, steps, specs, plans, bands):
        self.today, self.now, self.settings = today, now, settings
        self.reviewer = reviewer
        self.steps, self.specs, self.plans, self.bands = steps, specs, plans, bands

    def submission(self, rng, period: Period, late: bool) -> dt.datetime | None:
        """When the report of a period was submitted; None when it is not yet (its due date is ahead)."""
        weekly = period.frequency == Frequency.WEEKLY
        if late:
            day = period.due + dt.timedelta(days=rng.randint(1, 3 if weekly else 6))
        else:
            day = period.due - dt.timedelta(days=rng.randint(0, 1 if weekly else 5))
        at = _aware(day, rng.randint(8, 17), rng.randint(0, 59))
        if at < self.now - dt.timedelta(hours=1):
            return at
        if period.due >= self.today:
            return None
        return self.now - dt.timedelta(hours=rng.randint(2, 8))

    def review(self, rng, submitted: dt.datetime) -> dt.datetime | None:
        day = timezone.localtime(submitted).date() + dt.timedelta(days=rng.randint(1, 4))
        at = _aware(day, rng.randint(9, 17), rng.randint(0, 59))
        return at if at < self.now - dt.timedelta(hours=1) else None

    def rows(self, project: Project, periods: list[Period], scenario: str, existing: set) -> list[ProgressReport]:
        rng = random.Random(f"{SEED}:{project.name}")
        today = self.today
        due = [period for period in periods if period.due < today]
        omitted: set[dt.date] = set()
        if scenario == MISSING_RED:
            for period in reversed(due):
                omitted.add(period.start)
                if (today - period.due).days > self.settings.report_red_days:
                    break
        elif scenario == MISSING_YELLOW and due and (today - due[-1].due).days <= self.settings.report_red_days:
            omitted.add(due[-1].start)
        special = {}
        if scenario == RETURNED and due:
            special[due[-1].start] = RETURNED
        elif scenario == DRAFT:
            # A weekly reporter is writing this week's report; a monthly one has not sent the latest.
            target = periods[-1] if project.reports_weekly else (due[-1] if due else None)
            if target is not None:
                special[target.start] = DRAFT

        officer = project.responsible_officer
        user = officer.user if officer is not None and officer.user_id else None
        reports = []
        for period in periods:
            if period.start in omitted:
                continue
            report = ProgressReport(
                project=project,
                frequency=period.frequency,
                period_start=period.start,
                period_end=period.end,
                due_date=period.due,
            )
            kind = special.get(period.start)
            late = kind is None and period is not periods[-1] and rng.random() < 0.12
            submitted = None if kind == DRAFT else self.submission(rng, period, late)
            if submitted is None:
                report.status = ReportStatus.DRAFT
            else:
                report.submitted_by, report.submitted_at = user, submitted
                reviewed = self.review(rng, submitted)
                if kind == RETURNED:
                    reviewed = reviewed or self.now - dt.timedelta(hours=1)
                    report.status = ReportStatus.RETURNED
                    report.reviewed_by, report.reviewed_at = self.reviewer, reviewed
                    report.return_reason = rng.choice(RETURN_REASONS)
                elif reviewed is None or (period is periods[-1] and rng.random() < 0.45):
                    report.status = ReportStatus.SUBMITTED
                else:
                    report.status = ReportStatus.ACCEPTED
                    report.reviewed_by, report.reviewed_at = self.reviewer, reviewed
            report.stored = (project.pk, period.frequency, period.start) in existing
            reports.append(report)
        # Drafts of a period not yet due, and submissions not yet made, are kept only some of the time.
        if reports and reports[-1].status == ReportStatus.DRAFT and reports[-1].due_date >= today:
            if special.get(reports[-1].period_start) != DRAFT and rng.random() < 0.5:
                reports.pop()
        self.contents(project, reports, rng)
        return [report for report in reports if not report.stored]

    def contents(self, project: Project, reports: list[ProgressReport], rng: random.Random) -> None:
        """形象进度, percent, problems and the investment of each report."""
        steps = StepFacts(self.steps.get(project.pk, []))
        spec = self.specs.get(project.name)
        scope = project.scope or (spec.scope if spec else "")
        start = project.actual_start if project.stage == Stage.CONSTRUCTION else None
        band = self.bands.get(project.pk)
        kind = _works_kind(project, scope)
        # Weights of the construction periods (after the start) for the percent and the money.
        weights = []
        for report in reports:
            if start is None or report.period_end < start:
                weights.append(0.0)
                continue
            month_weight = MONTH_WEIGHT[report.period_start.month] * rng.uniform(0.8, 1.2)
            if report.frequency == Frequency.WEEKLY:
                month_weight /= 4.3
            if report.period_start <= start <= report.period_end:
                days = (report.period_end - report.period_start).days + 1
                month_weight *= max(0.15, (report.period_end - start).days / days)
            weights.append(month_weight)
        if start is not None:
            total_weight = sum(weights) or 1.0
            before = project.investment_done_before / project.total_investment if project.total_investment else 0
            if start.year < self.today.year:
                first = max(15, min(70, round(before * 100) - rng.randint(0, 6)))
                gain = rng.randint(20, 32) * PROGRESS_PACE.get(band, 1)
            else:
                first = 0
                gain = min(32, 3 + 4 * months_between(start, self.today)) * PROGRESS_PACE.get(band, 1)
        running = 0.0
        for report, weight in zip(reports, weights, strict=True):
            if start is None or report.period_end < start:
                text, done, ongoing = steps.text(report.period_start, report.period_end, rng)
                report.progress_text, report.progress_percent = text, None
                if ongoing and rng.random() < (0.45 if (project.schedule_min_float or 0) < 0 else 0.2):
                    code = rng.choice(ongoing)
                    report.problems = PREPARATION_PROBLEMS.get(code, rng.choice(GENERAL_PREPARATION_PROBLEMS))
                    report.problems = report.problems.format(n=rng.randint(2, 17)) + "。"
                amount = Decimal(0)
                if done:
                    amount = _d(rng.uniform(8, 60))
                    if "land_supply" in done and not steps.government:
                        amount += min(Decimal(3000), project.total_investment * _d(rng.uniform(0.03, 0.06)))  # 土地款
                elif rng.random() < 0.3:
                    amount = _d(rng.uniform(2, 20))
                report.investment_done = _money(amount) if amount else Decimal(0)
                continue
            running += weight
            percent = min(98, round(first + gain * running / total_weight))
            report.progress_percent = percent
            report.progress_text = _construction_text(project, scope, kind, report, percent, start, rng)
            if report.period_start.month not in (1, 2) and rng.random() < 0.22:
                report.problems = rng.choice(CONSTRUCTION_PROBLEMS) + "。"
        if start is not None:
            self.money(project, reports, weights, rng)

    def money(self, project: Project, reports: list[ProgressReport], weights: list[float], rng) -> None:
        """Amounts that bring the counted total to the band's place against 序时进度."""
        annual, monthly = self.plans.get(project.pk, (Decimal(0), {}))
        band = self.bands.get(project.pk, ABOVE)
        if annual <= 0:
            return
        expected_pct = scheduled_amount(self.today, annual, monthly) / annual * 100
        low, high = GAP_POINTS[band]
        target_pct = max(Decimal(3), expected_pct - _d(rng.uniform(low, high)))
        target = annual * target_pct / 100
        # Before the start, 前期费用 only: a small fixed part.
        pre = [
            r for r, w in zip(reports, weights, strict=True) if w == 0 and r.status in COUNTED_STATUSES and not r.stored
        ]
        target -= sum((r.investment_done for r in pre), Decimal(0))
        already = ProgressReport.objects.filter(
            project=project,
            status__in=COUNTED_STATUSES,
            period_start__year=self.today.year,
            period_start__lte=self.today,
        ).aggregate(total=Sum("investment_done"))["total"] or Decimal(0)
        target -= already
        counted = [
            (r, w)
            for r, w in zip(reports, weights, strict=True)
            if w > 0 and r.status in COUNTED_STATUSES and not r.stored
        ]
        counted_weight = sum(w for _r, w in counted) or 1.0
        scale = max(Decimal(0), target) / _d(counted_weight)
        used = Decimal(0)
        for i, (report, weight) in enumerate(counted):
            if i == len(counted) - 1:
                report.investment_done = max(Decimal(0), _money(max(Decimal(0), target)) - used)
            else:
                report.investment_done = _money(_d(weight) * scale)
                used += report.investment_done
        # Reports that do not count (drafts, returned) carry what the officer entered all the same.
        for report, weight in zip(reports, weights, strict=True):
            if weight > 0 and report.status not in COUNTED_STATUSES:
                report.investment_done = _money(_d(weight) * scale * _d(rng.uniform(0.9, 1.1))) if scale else Decimal(0)


@transaction.atomic
def seed_reports() -> dict:
    """Write the demo projects' reports of the current year; safe to run again (nothing is duplicated)."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    now = timezone.now()
    year = today.year
    settings = LightSettings.for_year(year)
    specs = {spec.name: spec for spec in PROJECTS}

    demo = list(
        Project.objects.filter(name__in=specs)
        .select_related("responsible_officer__user", "responsible_department")
        .order_by("name")
    )
    reporting = [p for p in demo if p.stage in REPORTING_STAGES]
    weekly = {p.pk for p in _mark_weekly(reporting)}

    year_start = min(_aware(dt.date(year, 1, 5), 9, 0), now)
    weekly_start = min(_aware(_weekly_start(today, settings), 9, 0), now)
    _backdate(demo, weekly, year_start, weekly_start)
    moved = _start_reds(reporting, today, settings.start_red_months)
    cleared = _statistics_gaps(reporting, today, settings)

    construction = [p for p in reporting if p.stage == Stage.CONSTRUCTION and p.actual_start is not None]
    plans = _plans(construction, year, rng)
    bands = _bands(construction, year, rng)
    scenarios = _scenarios(reporting, weekly, rng)

    steps: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Step.objects.filter(project__in=reporting, kind__in=[StepKind.PROCEDURE, StepKind.TASK])
        .exclude(status=StepStatus.NOT_APPLICABLE)
        .order_by("project_id", "sort_order")
        .values(
            "project_id",
            "name",
            "actual_start",
            "actual_finish",
            "approval_number",
            "responsible_department__name",
            code=F("procedure_type__code"),
        )
    ):
        row["department"] = row.pop("responsible_department__name")
        steps[row["project_id"]].append(row)

    existing = set(
        ProgressReport.objects.filter(project__in=reporting).values_list("project_id", "frequency", "period_start")
    )
    reviewer = get_user_model().objects.filter(username="dispatch").first()
    writer = ReportWriter(today, now, settings, reviewer, steps, specs, plans, bands)
    new: list[ProgressReport] = []
    for project in reporting:
        periods = _periods(project, project.pk in weekly, today, settings)
        new.extend(writer.rows(project, periods, scenarios[project.pk], existing))

    ProgressReport.objects.bulk_create(new, batch_size=500)
    # Written when they were submitted (or, for drafts, near the end of the period).
    for report in new:
        written = report.submitted_at or min(now, _aware(min(report.period_end, report.due_date), 10, 0))
        report.created_at = written - dt.timedelta(hours=rng.randint(1, 48)) if report.submitted_at else written
        report.updated_at = report.reviewed_at or report.submitted_at or written
    ProgressReport.objects.bulk_update(new, ["created_at", "updated_at"], batch_size=500)
    ProgressReport.history.bulk_history_create(new, default_change_reason=REASON)

    photos = 0
    candidates = sorted(
        {r.project_id: r for r in new if r.progress_percent and r.status in COUNTED_STATUSES}.values(),
        key=lambda r: r.project_id,
    )
    for report in rng.sample(candidates, min(PHOTOS, len(candidates))):
        data = _photo(rng)
        upload = SimpleUploadedFile(f"site-{report.period_start:%Y%m%d}.jpg", data, content_type="image/jpeg")
        save_photo(report=report, upload=upload, caption=f"{report.period_start.month}月施工现场")
        photos += 1

    return {
        "reports": len(new),
        "photos": photos,
        "weekly": len(weekly),
        "planned_start_moved": len(moved),
        "statistics_cleared": len(cleared),
    }
