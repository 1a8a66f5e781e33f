"""Dispatch meetings (项目调度会): the agenda of projects, the decisions (议定事项) and the minutes."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.org.choices import Role
from diaodu.org.models import Department, Person
from diaodu.projects.models import Project

from .choices import KIND_BADGES, STATUS_BADGES, MeetingKind, MeetingStatus


class Meeting(BaseModel):
    """A dispatch meeting: weekly, monthly or on one subject (land, funding …), chaired by a leader."""

    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.WEEKLY)
    title = models.CharField(_("会议名称"), max_length=200, help_text=_("如：第12次项目调度会"))
    chair = models.ForeignKey(
        Person,
        verbose_name=_("主持人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
    )
    attendees = models.ManyToManyField(Person, verbose_name=_("参会人员"), blank=True, related_name="meetings")
    departments = models.ManyToManyField(Department, verbose_name=_("参会部门"), blank=True, related_name="meetings")
    location = models.CharField(_("地点"), max_length=100, blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("调度会")
        verbose_name_plural = _("调度会")
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return self.title

    @classmethod
    def visibility_q(cls, access):
        """A restricted member sees the meetings that concern him (see README of the app in views.py).

        He attended it; or his department attended it or was given one of its decisions (department role);
        or it put one of the projects he sees on its agenda, or decided something about one.
        """
        projects = Project.objects.filter(Project.visibility_q(access))
        on_agenda = AgendaItem.objects.filter(meeting=OuterRef("pk"), project__in=projects)
        decided = Decision.objects.filter(meeting=OuterRef("pk"), project__in=projects)
        condition = Exists(on_agenda) | Exists(decided)
        if access.person_id:
            attended = cls.attendees.through.objects.filter(meeting_id=OuterRef("pk"), person_id=access.person_id)
            condition |= Exists(attended)
        if Role.DEPARTMENT in access.roles and access.department_id:
            present = cls.departments.through.objects.filter(
                meeting_id=OuterRef("pk"), department_id=access.department_id
            )
            given = Decision.objects.filter(meeting=OuterRef("pk"), department_id=access.department_id)
            condition |= Exists(present) | Exists(given)
        return Q(condition)

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[MeetingStatus(self.status)]

    @property
    def kind_badge(self) -> str:
        return KIND_BADGES[MeetingKind(self.kind)]

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD


class AgendaItem(BaseModel):
    """A project on a meeting's agenda, with the reason it is there in words."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("调度会"), on_delete=models.CASCADE, related_name="agenda")
    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="agenda_items")
    reason = models.TextField(_("上会原因"), blank=True)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("议题")
        verbose_name_plural = _("议题")
        constraints = [models.UniqueConstraint(fields=["meeting", "project"], name="meetings_agenda_project_once")]

    def __str__(self):
        return f"{self.meeting}: {self.project}"

    @classmethod
    def visibility_q(cls, access):
        return Q(meeting__in=Meeting.objects.filter(Meeting.visibility_q(access)))


class Decision(BaseModel):
    """A decision of a meeting (议定事项): the coordination issue it became carries its department and due date."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("调度会"), on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("议定事项"))
    department = models.ForeignKey(
        Department, verbose_name=_("承办部门"), on_delete=models.PROTECT, related_name="meeting_decisions"
    )
    due_date = models.DateField(_("办理时限"), null=True, blank=True)
    project = models.ForeignKey(
        Project,
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_decisions",
    )
    issue = models.OneToOneField(
        "coordination.Issue",
        verbose_name=_("交办问题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")

    def __str__(self):
        return self.text[:50]

    @classmethod
    def visibility_q(cls, access):
        return Q(meeting__in=Meeting.objects.filter(Meeting.visibility_q(access)))
