from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .choices import DeliveryStatus, Event
from .models import Delivery, WebhookEndpoint
from .services import webhook_send_test


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Webhook 地址"),
        max_length=500,
        assume_scheme="https",
        help_text=_("在群设置 → 群机器人中复制，如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"),
    )
    events = forms.MultipleChoiceField(
        label=_("订阅事件"),
        choices=Event.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选则接收全部事件。"),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "kind", "url", "secret", "events", "active"]
        # The secret signs messages; keep it off the screen, but do not lose it on every save.
        widgets = {"secret": forms.PasswordInput(render_value=True)}


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(SimpleHistoryAdmin):
    form = WebhookEndpointForm
    list_display = ["name", "kind", "active", "subscribed_events"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    actions = ["send_test_message"]

    @admin.display(description=_("订阅事件"))
    def subscribed_events(self, endpoint):
        if not endpoint.events:
            return gettext("全部")
        labels = dict(Event.choices)
        return "、".join(str(labels.get(value, value)) for value in endpoint.events)

    @admin.action(description=_("发送测试消息"), permissions=["change"])
    def send_test_message(self, request, queryset):
        for endpoint in queryset:
            delivery = webhook_send_test(endpoint=endpoint)
            if delivery.status == DeliveryStatus.SENT:
                self.message_user(request, gettext("“%(name)s”：测试消息已发送。") % {"name": endpoint.name})
            else:
                self.message_user(
                    request,
                    gettext("“%(name)s”：发送失败（%(error)s）。")
                    % {"name": endpoint.name, "error": delivery.last_error},
                    level=messages.ERROR,
                )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The delivery log: written by the system, read by the administrator."""

    list_display = ["created_at", "channel", "event", "target", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "event"]
    search_fields = ["last_error", "webhook__name", "notification__recipient__username"]
    list_select_related = ["webhook", "notification__recipient"]
    date_hierarchy = "created_at"

    @admin.display(description=_("发送对象"))
    def target(self, delivery):
        if delivery.webhook_id:
            return str(delivery.webhook)
        return ", ".join(delivery.payload.get("to", [])) if isinstance(delivery.payload, dict) else ""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
