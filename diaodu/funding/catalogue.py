"""The default maturity checklist (项目成熟度) and its weights; the dispatch office edits both in the app.

Weights sum to 100. The approvals (立项, 可研, 初设, 用地, 规划, 环评, 节能) weigh 75 and are read from the
project's steps; the documents that special-bond applications ask for beside them, 一案两书 (实施方案,
财务评估报告, 法律意见书), weigh 25 and are recorded as documents.
"""

# (code, name, weight, alternatives of procedure codes, what counts)
ITEMS = [
    (
        "proposal",
        "项目建议书（立项）",
        10,
        ["proposal", "approval", "filing"],
        "政府投资项目的项目建议书批复；企业投资项目的核准或备案",
    ),
    ("feasibility", "可研批复", 15, ["feasibility", "approval"], "可行性研究报告批复（核准项目以核准代替）"),
    ("preliminary_design", "初设批复", 10, ["preliminary_design"], "初步设计及概算批复"),
    (
        "land",
        "用地手续",
        15,
        ["land_pre_review+land_supply", "property_certificate"],
        "用地预审与选址意见书及土地供应（划拨或出让），或不动产权证",
    ),
    (
        "planning",
        "规划许可",
        10,
        ["land_planning_permit+engineering_planning_permit"],
        "建设用地规划许可证及建设工程规划许可证",
    ),
    ("eia", "环评", 10, ["eia"], "环境影响评价批复（不涉及的标为“不涉及”）"),
    ("energy_review", "节能审查", 5, ["energy_review"], "节能审查意见（年综合能耗不足1000吨标准煤的不涉及）"),
    ("implementation_plan", "实施方案", 10, [], "项目实施方案（专项债券“一案两书”之一）"),
    ("financial_evaluation", "财务评估报告", 10, [], "项目收益与融资平衡的财务评估报告"),
    ("legal_opinion", "法律意见书", 5, [], "律师事务所出具的法律意见书"),
]


def seed_items(item_model, settings_model=None) -> list:
    """Create the default checklist items that are missing (and the settings row); edited ones are left alone.

    Takes the models as arguments so that the data migration can pass its historical models.
    """
    result = []
    for order, (code, name, weight, alternatives, description) in enumerate(ITEMS):
        item = item_model.objects.filter(code=code).first()
        if item is None:
            item = item_model.objects.create(
                code=code,
                name=name,
                weight=weight,
                procedure_codes=alternatives,
                description=description,
                sort_order=order,
            )
        result.append(item)
    if settings_model is not None:
        settings_model.objects.get_or_create(singleton=True)
    return result
