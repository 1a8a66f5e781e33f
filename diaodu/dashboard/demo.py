"""The demo map: a schematic layout of the speech's zone (一城三带多园), drawn around the areas' demo centres.

`geo/demo_zone.geojson` outlines 康养新城 as the whole zone, the three 带 as strips along their roads and the four
parks as blocks, each around the points where the demo projects and parcels of that area lie. It is a sketch for
the demo, not a survey: an administrator replaces it by uploading the real boundaries.
"""

import json
from pathlib import Path

from django.db import transaction

from .services import boundaries_import

DEMO_FILE = Path(__file__).parent / "geo" / "demo_zone.geojson"
DEMO_SOURCE = "演示示意图（非测绘成果）"


@transaction.atomic
def seed_boundaries() -> dict:
    """Load the schematic boundaries for the areas of the demo zone; safe to run again."""
    collection = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    saved = boundaries_import(user=None, collection=collection, source=DEMO_SOURCE)
    return {"areas": len(saved)}
