"""The zone's name on every page."""

from .models import Zone


def zone(request):
    return {"zone": Zone.current()}
