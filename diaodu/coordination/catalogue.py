"""The default issue categories and their working-day SLAs; the dispatch office edits them in the app."""

# (name, SLA in working days, usual department)
CATEGORIES = [
    ("用地", 10, "自然资源局"),
    ("资金", 15, "财政局"),
    ("手续", 10, "经济发展局"),
    ("征拆", 20, "征收办公室"),
    ("水电路气", 10, "建设局"),
    ("其他", 10, None),
]


def seed_categories(category_model, department_model=None, settings_model=None) -> list:
    """Create the default categories that are missing (and the escalation settings); edited ones are left alone.

    Takes the models as arguments so that the data migration can pass its historical models.
    """
    departments = {}
    if department_model is not None:
        departments = {department.name: department for department in department_model.objects.all()}
    result = []
    for order, (name, sla, department) in enumerate(CATEGORIES):
        category = category_model.objects.filter(name=name).first()
        if category is None:
            category = category_model.objects.create(
                name=name, sla_workdays=sla, sort_order=order, default_department=departments.get(department)
            )
        elif category.default_department_id is None and departments.get(department) is not None:
            # Departments exist only after the org demo data is loaded: fill the gap, change nothing else.
            category.default_department = departments[department]
            category.save(update_fields=["default_department", "updated_at"])
        result.append(category)
    if settings_model is not None:
        settings_model.objects.get_or_create(singleton=True)
    return result
