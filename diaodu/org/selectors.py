"""Reads for the org pages."""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import Area, Department, Organisation, Person


@dataclass
class AreaNode:
    area: Area
    children: list["AreaNode"] = field(default_factory=list)


def area_tree(user) -> list[AreaNode]:
    """The visible areas as a forest, built from one query."""
    areas = list(Area.objects.visible_to(user).order_by("sort_order", "id"))
    nodes = {area.pk: AreaNode(area) for area in areas}
    roots = []
    for area in areas:
        parent = nodes.get(area.parent_id)
        (parent.children if parent else roots).append(nodes[area.pk])
    return roots


def zone_overview(user) -> dict:
    """What the home page shows of the zone's organisation, in a fixed number of queries."""
    tree = area_tree(user)

    def count(nodes):
        return sum(1 + count(node.children) for node in nodes)

    return {
        "area_tree": tree,
        "area_count": count(tree),
        "departments": Department.objects.visible_to(user)
        .annotate(people_count=Count("people"))
        .order_by("sort_order", "id"),  # Meta.ordering does not apply to GROUP BY queries
        "platforms": Organisation.objects.visible_to(user).filter(kind="platform"),
        "people_count": Person.objects.visible_to(user).count(),
    }
