"""Vocabularies of the land ledger: parcel statuses (with badge colours), land uses, supply methods."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParcelStatus(models.TextChoices):
    """The way of a parcel from plan to supply; it moves forward one step at a time."""

    PLANNED = "planned", _("计划征收")
    ACQUIRING = "acquiring", _("征收中")
    ACQUIRED = "acquired", _("已征收")
    RESERVED = "reserved", _("已收储")
    SUPPLIED = "supplied", _("已供应")


# The statuses in order; each status but the first is reached from the one before it.
STATUS_ORDER = list(ParcelStatus)

# The date field that records the day a parcel reached each status (a planned parcel has none).
STATUS_DATE_FIELD = {
    ParcelStatus.ACQUIRING: "acquiring_on",
    ParcelStatus.ACQUIRED: "acquired_on",
    ParcelStatus.RESERVED: "reserved_on",
    ParcelStatus.SUPPLIED: "supplied_on",
}

STATUS_BADGES = {
    ParcelStatus.PLANNED: "text-bg-secondary",
    ParcelStatus.ACQUIRING: "text-bg-warning",
    ParcelStatus.ACQUIRED: "text-bg-info",
    ParcelStatus.RESERVED: "text-bg-primary",
    ParcelStatus.SUPPLIED: "text-bg-success",
}


def next_status(status: str) -> ParcelStatus | None:
    """The one status a parcel may move to from `status`; None once it is supplied."""
    index = STATUS_ORDER.index(ParcelStatus(status))
    return STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) else None


class LandUse(models.TextChoices):
    """Land-use classes of the national land classification (GB/T 21010), as the ledgers name them."""

    INDUSTRIAL = "industrial", _("工业")
    STORAGE = "storage", _("仓储")
    COMMERCIAL = "commercial", _("商服")
    RESIDENTIAL = "residential", _("住宅")
    PUBLIC = "public", _("公共管理与公共服务")
    TRANSPORT = "transport", _("交通运输")
    WATER = "water", _("水域及水利设施")
    FARMLAND = "farmland", _("农用地")
    OTHER = "other", _("其他")


class SupplyMethod(models.TextChoices):
    """How state land is supplied: sold for a term (出让) or allocated free of charge (划拨)."""

    TRANSFER = "transfer", _("出让")
    ALLOCATION = "allocation", _("划拨")
