"""Values every page needs: the zone, the demo flag, the signed-in user's roles and the calendar's gaps."""

from django.conf import settings
from django.utils import timezone

from . import workdays
from .access import access_for


def diaodu(request):
    today = timezone.localdate()
    access = access_for(getattr(request, "user", None))
    return {
        "DIAODU_DEMO": settings.DIAODU_DEMO,
        "access": access,
        # Years (this one and the next) whose working days are only guessed as Monday–Friday.
        "calendar_fallback_years": workdays.fallback_years(today, today.replace(year=today.year + 1)),
    }
