"""The default industry chains (产业链) the zone builds up; the dispatch office edits them in the admin.

The speech's chains: 装备制造 and 医药健康 in the 洁净工业园, 文旅康养 in the new town's parks, 现代农业 around
奢爱良蔬; the zone also courts new energy and trade and logistics.
"""

# (name, project category a signed lead of the chain becomes, description)
CHAINS = [
    ("装备制造", "industrial", "农机及工程机械零部件、汽车零部件、门业与建材装备（洁净工业园）"),
    ("医药健康", "industrial", "中药、疫苗与生物制品、医疗器械、医用材料（洁净工业园）"),
    ("文旅康养", "tourism_health", "康养、温泉、冰雪、影视与研学（休闲康养、文化旅游产业园）"),
    ("现代农业", "agriculture", "设施农业、农产品精深加工与冷链（现代农业产业园）"),
    ("新能源", "industrial", "风电装备、储能与新能源汽车配套"),
    ("商贸物流", "other", "总部经济、商贸、冷链与医药物流"),
]


def seed_chains(chain_model) -> list:
    """Create the default chains that are missing; edited ones are left alone.

    Takes the model as an argument so that the data migration can pass its historical model.
    """
    result = []
    for order, (name, category, description) in enumerate(CHAINS):
        chain = chain_model.objects.filter(name=name).first()
        if chain is None:
            chain = chain_model.objects.create(
                name=name, project_category=category, description=description, sort_order=order
            )
        result.append(chain)
    return result
