"""The standard catalogue of 前期手续 and milestones, and the default networks laid on new projects.

Statutory durations are given where a regulation sets one (in working days unless the text says
days, which the catalogue keeps as the number of days it names); the default duration is what a
zone typically plans. Administrators edit both in the app; this module only seeds them.
"""

# (code, name, kind, statutory_days, default_days, usual department, basis)
PROCEDURE_TYPES = [
    ("proposal", "项目建议书批复", "procedure", None, 15, "经济发展局", "《政府投资条例》"),
    ("filing", "项目备案", "procedure", None, 3, "经济发展局", "《企业投资项目核准和备案管理条例》第十三条"),
    ("approval", "项目核准", "procedure", 20, 20, "经济发展局", "《企业投资项目核准和备案管理条例》第十一条"),
    (
        "land_pre_review",
        "用地预审与选址意见书",
        "procedure",
        20,
        20,
        "自然资源局",
        "《建设项目用地预审管理办法》",
    ),
    ("feasibility", "可行性研究报告批复", "procedure", None, 20, "经济发展局", "《政府投资条例》第十一条"),
    (
        "preliminary_design",
        "初步设计及概算批复",
        "procedure",
        None,
        20,
        "经济发展局",
        "《政府投资条例》第十二条",
    ),
    ("expropriation", "土地征收/征拆", "procedure", None, 60, "征收办公室", "《土地管理法》第四十七条"),
    (
        "land_supply",
        "土地供应",
        "procedure",
        None,
        40,
        "自然资源局",
        "《招标拍卖挂牌出让国有建设用地使用权规定》",
    ),
    (
        "land_planning_permit",
        "建设用地规划许可证",
        "procedure",
        None,
        10,
        "自然资源局",
        "《城乡规划法》第三十七、三十八条",
    ),
    (
        "property_certificate",
        "不动产权证",
        "procedure",
        30,
        10,
        "自然资源局",
        "《不动产登记暂行条例》第二十条",
    ),
    ("eia", "环评批复", "procedure", 30, 30, "生态环境分局", "《环境影响评价法》第二十二条（报告表30日）"),
    ("energy_review", "节能审查", "procedure", None, 20, "经济发展局", "《固定资产投资项目节能审查办法》"),
    (
        "engineering_planning_permit",
        "建设工程规划许可证",
        "procedure",
        None,
        20,
        "自然资源局",
        "《城乡规划法》第四十条",
    ),
    (
        "drawing_review",
        "施工图审查",
        "procedure",
        15,
        15,
        "建设局",
        "《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》第十三条",
    ),
    ("construction_tender", "施工招标", "task", None, 30, "建设局", "《招标投标法》第二十四条"),
    ("construction_permit", "施工许可证", "procedure", 7, 7, "建设局", "《建筑工程施工许可管理办法》第五条"),
    ("start", "开工", "milestone", None, 0, "", ""),
    ("statistics", "入库纳统", "task", None, 10, "经济发展局", "固定资产投资统计制度"),
    ("construction", "主体施工", "task", None, 240, "建设局", ""),
    ("acceptance", "竣工验收", "procedure", None, 20, "建设局", "《建设工程质量管理条例》第十六条"),
    ("operation", "投产", "milestone", None, 0, "", ""),
]

# template name → (kind, description, [(procedure code, [codes it follows], is_target)])
TEMPLATES = {
    "企业投资项目（备案类）": (
        "enterprise",
        "企业投资项目：备案、用地、规划、环评、节能、施工图审查、施工许可至开工，开工后入库纳统。",
        [
            ("filing", [], False),
            ("land_pre_review", ["filing"], False),
            ("expropriation", ["land_pre_review"], False),
            ("land_supply", ["expropriation"], False),
            ("land_planning_permit", ["land_supply"], False),
            ("property_certificate", ["land_supply"], False),
            ("eia", ["filing"], False),
            ("energy_review", ["filing"], False),
            ("engineering_planning_permit", ["land_planning_permit"], False),
            ("drawing_review", ["engineering_planning_permit"], False),
            (
                "construction_permit",
                ["drawing_review", "property_certificate", "eia", "energy_review"],
                False,
            ),
            ("start", ["construction_permit"], True),
            ("statistics", ["start"], False),
            ("construction", ["start"], False),
            ("acceptance", ["construction"], False),
            ("operation", ["acceptance"], False),
        ],
    ),
    "政府投资项目（审批类）": (
        "government",
        "政府投资项目：建议书、用地预审、可研、初设批复，征拆与划拨供地，规划许可、施工图审查、招标、施工许可至开工。",
        [
            ("proposal", [], False),
            ("land_pre_review", ["proposal"], False),
            ("feasibility", ["land_pre_review"], False),
            ("preliminary_design", ["feasibility"], False),
            ("expropriation", ["land_pre_review"], False),
            ("land_supply", ["expropriation"], False),
            ("land_planning_permit", ["land_supply"], False),
            ("eia", ["proposal"], False),
            ("energy_review", ["proposal"], False),
            ("engineering_planning_permit", ["land_planning_permit", "preliminary_design"], False),
            ("drawing_review", ["engineering_planning_permit"], False),
            ("construction_tender", ["drawing_review"], False),
            ("construction_permit", ["construction_tender", "eia", "energy_review"], False),
            ("start", ["construction_permit"], True),
            ("statistics", ["start"], False),
            ("construction", ["start"], False),
            ("acceptance", ["construction"], False),
            ("operation", ["acceptance"], False),
        ],
    ),
}


def load_catalogue(ProcedureType, ScheduleTemplate, TemplateStep):
    """Create the standard procedure types and templates where missing; never overwrite edits."""
    types = {}
    for order, (code, name, kind, statutory, default, department, basis) in enumerate(PROCEDURE_TYPES):
        types[code], _created = ProcedureType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "statutory_days": statutory,
                "default_days": default,
                "department_name": department,
                "basis": basis,
                "sort_order": order,
            },
        )
    for name, (kind, description, steps) in TEMPLATES.items():
        template, created = ScheduleTemplate.objects.get_or_create(
            name=name, defaults={"kind": kind, "description": description}
        )
        if not created:
            continue
        by_code = {}
        for order, (code, after, is_target) in enumerate(steps):
            step = TemplateStep.objects.create(
                template=template,
                procedure_type=types[code],
                duration_days=types[code].default_days,
                sort_order=order,
                is_target=is_target,
            )
            step.after.set([by_code[c] for c in after])
            by_code[code] = step
