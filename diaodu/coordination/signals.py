"""What the coordination app tells the apps above it."""

from django.dispatch import Signal

# Sent with `sender=Issue, issue_id=…, project_id=…` (project_id None for issues without a project) once an
# issue's change is committed: raised, assigned, answered, resolved, closed, reopened or escalated. The
# progress app listens to recompute the project's traffic light.
issue_changed = Signal()
