"""Background tasks shared by every app (django-tasks; the database backend by default)."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_mail_task(*, subject: str, message: str, recipients: list[str]) -> int:
    """Send one e-mail outside the request; returns how many were sent."""
    return send_mail(subject, message, None, recipients, fail_silently=False)
