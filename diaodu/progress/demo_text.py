"""The demo reports' words and pictures: 形象进度 written from a project's own steps and works, its problems, the
reasons a report is returned, and a site photo drawn with Pillow (see `demo.py`, which lays the reports).
"""

import datetime as dt
import io
import random
import re

from PIL import Image, ImageDraw

from diaodu.projects.choices import Category, Stage
from diaodu.projects.models import Project

from .models import ProgressReport

SEED = 2021
REASON = "演示数据"
REPORTING_STAGES = (Stage.PREPARATION, Stage.CONSTRUCTION)
WEEKLY_PROJECTS = 4
WEEKLY_WEEKS = 8
PHOTOS = 6

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


def works_kind(project: Project, scope: str) -> str:
    if any(word in project.name for word in ("供水", "污水", "供热")):
        return "network"
    if "温室" in scope:
        return "greenhouse"
    return "building"


def floors_of(project: Project) -> int:
    if any(word in project.name for word in ("住宅", "回迁", "小区")):
        return 18
    if "医院" in project.name:
        return 12
    if project.category in (Category.TOURISM_HEALTH, Category.REAL_ESTATE):
        return 8
    return 4


def number_in(pattern: str, scope: str, default: float) -> float:
    match = re.search(pattern, scope)
    return float(match.group(1)) if match else default


def works_text(project: Project, scope: str, kind: str, percent: int, rng: random.Random) -> str:
    if kind == "network":
        km = number_in(r"管网约?(\d+)公里", scope, 30)
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
        area = number_in(r"温室约?(\d+(?:\.\d+)?)万平方米", scope, 10)
        if percent < 60:
            return f"温室钢结构安装完成{round(area * percent / 60, 1)}万平方米（共{area:g}万平方米）"
        return f"温室主体完成，覆膜及环控、水肥一体化设备安装完成{min(100, 5 + round((percent - 60) * 2.5))}%"
    floors = floors_of(project)
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


def construction_text(project, scope, kind, report: ProgressReport, percent, start: dt.date, rng) -> str:
    month = report.period_start.month
    if report.period_start <= start <= report.period_end:
        return f"{start.month}月{start.day}日正式开工，{works_text(project, scope, kind, percent, rng)}。"
    if month in (1, 2, 12):
        return f"冬季停工，{rng.choice(WINTER_ACTIVITIES)}。"
    text = works_text(project, scope, kind, percent, rng)
    if month == 3:
        return f"3月中下旬陆续复工，{text}。"
    if month == 11:
        return f"{text}，做好冬季停工前收尾及成品保护。"
    return f"{text}。"


# --- photos ---------------------------------------------------------------------------------------


def photo(rng: random.Random) -> bytes:
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
