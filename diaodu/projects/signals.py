"""Signals of the registry, for the apps above it."""

from django.dispatch import Signal

# Sent after stored schedules were recomputed, with `project_ids` and the `as_of` date they were computed for:
# the lights that read them follow, as of the same date.
schedules_recomputed = Signal()
