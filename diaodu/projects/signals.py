"""Signals of the registry, for the apps above it."""

from django.dispatch import Signal

# Sent after stored schedules were recomputed, with `project_ids`: the lights that read them follow.
schedules_recomputed = Signal()
