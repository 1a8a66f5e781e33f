"""REST API of the inbox: a user's own notifications, read one by one or all at once."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .filters import NotificationFilterSet
from .models import Notification
from .services import notification_mark_read, notifications_mark_all_read


class NotificationSerializer(serializers.ModelSerializer):
    event_display = serializers.CharField(source="get_event_display", read_only=True)
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "event", "event_display", "title", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="how many unread notifications were marked read")


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own notifications, newest first (`?unread=true` for the unread ones).

    Every signed-in user has an inbox whatever the role, and sees only his own: not even roles that read
    every record of the zone see another user's notifications.
    """

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet
    # Reading and marking one's own inbox needs a login, not a model permission.
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Notification.objects.for_user(self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one notification read."""
        notification = notification_mark_read(notification=self.get_object(), user=request.user)
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark every unread notification of the user read."""
        return Response({"marked": notifications_mark_all_read(user=request.user)})
