"""Notifications in each user's inbox, the group robots that hear about events, and the delivery log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.access import VisibleQuerySet
from diaodu.core.models import BaseModel

from .choices import Channel, DeliveryStatus, Event, WebhookKind


class NotificationQuerySet(VisibleQuerySet):
    """Notifications narrowed to one user's own inbox."""

    def for_user(self, user):
        """The user's own notifications: an inbox is personal, whatever the user's role may read elsewhere."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient_id=user.pk)

    def visible_to(self, user):
        # Roles that read every record of the zone must still not read other people's inboxes.
        return self.for_user(user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(BaseModel):
    """One message in one user's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField(_("事件"), max_length=32, choices=Event.choices, default=Event.GENERAL)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True, help_text=_("站内相对链接，如 /issues/12/"))
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notify_recipient_read_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notify_recipient_created_idx"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def visibility_q(cls, access):
        """Never used by `visible_to` (overridden above); fails closed should anyone call it."""
        return Q(pk__in=[])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class WebhookEndpoint(BaseModel):
    """A WeCom or DingTalk group robot that is told about the events it subscribes to."""

    name = models.CharField(_("名称"), max_length=100, help_text=_("如：项目调度工作群"))
    kind = models.CharField(_("类型"), max_length=16, choices=WebhookKind.choices)
    url = models.URLField(_("Webhook 地址"), max_length=500)
    secret = models.CharField(
        _("加签密钥"),
        max_length=200,
        blank=True,
        help_text=_("钉钉机器人“加签”安全设置的密钥（SEC 开头）；企业微信不需要。"),
    )
    events = models.JSONField(_("订阅事件"), default=list, blank=True, help_text=_("不选则接收全部事件。"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("群机器人")
        verbose_name_plural = _("群机器人")

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}）"

    def clean(self):
        if not isinstance(self.events, list):
            raise ValidationError({"events": _("订阅事件应为事件代码的列表。")})
        unknown = [value for value in self.events if value not in Event.values]
        if unknown:
            raise ValidationError(
                {"events": _("未知的事件：%(events)s。") % {"events": "、".join(str(value) for value in unknown)}}
            )
        if self.secret and self.kind != WebhookKind.DINGTALK:
            raise ValidationError({"secret": _("只有钉钉机器人使用加签密钥。")})

    def subscribes_to(self, event: str) -> bool:
        """Whether this robot wants to hear about the event; no selection means every event."""
        return not self.events or event in self.events


class Delivery(models.Model):
    """One message sent (or tried) by e-mail or to a group robot: the delivery log."""

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("通知"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    webhook = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("群机器人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    event = models.CharField(_("事件"), max_length=32, choices=Event.choices, default=Event.GENERAL)
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    payload = models.JSONField(_("发送内容"), default=dict, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("发送记录")
        verbose_name_plural = _("发送记录")
        indexes = [models.Index(fields=["status", "channel"], name="notify_delivery_status_idx")]

    def __str__(self):
        return f"{self.get_channel_display()} #{self.pk} {self.get_status_display()}"
