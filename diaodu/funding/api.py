"""REST API of project reserve and funding: applications with their flow, and a project's maturity."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from diaodu.core.concurrency import ETagMixin
from diaodu.projects.models import Project

from .choices import ApplicationStatus, Channel, MaturityLevel
from .filters import FundingApplicationFilterSet
from .models import FundingApplication, FundingSettings
from .permissions import allowed_statuses, funding_projects
from .selectors import applications_queryset, project_maturity
from .services import application_advance, application_create, application_update

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


def _run(service, **kwargs):
    """Call a service; its refusal keeps its Chinese message in the API's error shape."""
    try:
        return service(**kwargs)
    except PermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None


class FundingApplicationSerializer(serializers.ModelSerializer):
    """An application as read: amounts in 万元 (strings of Decimals), the date of each status reached."""

    project_name = serializers.CharField(source="project.name", read_only=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    next_statuses = serializers.SerializerMethodField(
        help_text="statuses (values of `status`) the caller may move the application to now"
    )

    class Meta:
        model = FundingApplication
        fields = [
            "id", "project", "project_name", "channel", "channel_display", "year", "batch",
            "requested_amount", "approved_amount", "received_amount", "status", "status_display", "next_statuses",
            "conceived_on", "registered_on", "submitted_on", "reviewing_on", "approved_on", "rejected_on",
            "received_on", "note", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    # Plain strings: the choice set is documented once, as `status` (one enum, one name).
    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_next_statuses(self, application) -> list[str]:
        request = self.context.get("request")
        return list(allowed_statuses(request.user, application)) if request else []


class FundingApplicationWriteSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())
    channel = serializers.ChoiceField(choices=Channel.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    batch = serializers.CharField(required=False, allow_blank=True, max_length=50)
    requested_amount = serializers.DecimalField(**MONEY, help_text="万元")
    note = serializers.CharField(required=False, allow_blank=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only what the caller may follow can be named: another project's id reads as unknown.
            self.fields["project"].queryset = funding_projects(request.user)


class FundingAdvanceSerializer(serializers.Serializer):
    # A plain string (checked below): the choice set is documented once, as the application's `status`.
    status = serializers.CharField(help_text="the next status along the flow: one of the application's next_statuses")
    date = serializers.DateField(required=False, allow_null=True, help_text="the day it was reached (default today)")
    approved_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True, help_text="万元, for 获批")
    received_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True, help_text="万元, for 资金到位")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")

    def validate_status(self, value):
        if value not in ApplicationStatus.values:
            raise serializers.ValidationError(", ".join(ApplicationStatus.values))
        return value


class FundingApplicationViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Funding applications (资金申报): 谋划 → 入库 → 申报 → 审核中 → 获批 / 未获批 → 资金到位.

    Kept by the dispatch office, 经济发展局 and 财政局; read by the others for the projects they see.
    Applications are never deleted; their status moves only through `advance`.
    """

    serializer_class = FundingApplicationSerializer
    filterset_class = FundingApplicationFilterSet

    def get_queryset(self):
        return applications_queryset(self.request.user)

    def _answer(self, application, code=status.HTTP_200_OK):
        fresh = get_object_or_404(self.get_queryset(), pk=application.pk)
        return Response(FundingApplicationSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def _validated(self, serializer_class, partial=False):
        serializer = serializer_class(data=self.request.data, partial=partial, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=FundingApplicationWriteSerializer, responses={201: FundingApplicationSerializer})
    def create(self, request, *args, **kwargs):
        """Record an application (status 谋划)."""
        data = self._validated(FundingApplicationWriteSerializer)
        return self._answer(_run(application_create, user=request.user, **data), status.HTTP_201_CREATED)

    @extend_schema(request=FundingApplicationWriteSerializer, responses=FundingApplicationSerializer)
    def update(self, request, *args, **kwargs):
        """Change the project, channel, year, batch, requested amount or note (not the status)."""
        application = self.get_object()
        data = self._validated(FundingApplicationWriteSerializer, partial=kwargs.get("partial", False))
        return self._answer(_run(application_update, user=request.user, application=application, **data))

    @extend_schema(request=FundingApplicationWriteSerializer, responses=FundingApplicationSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(request=FundingAdvanceSerializer, responses=FundingApplicationSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move the application one step along its flow; 获批 takes the approved amount, 资金到位 the received one."""
        application = self.get_object()
        data = self._validated(FundingAdvanceSerializer)
        return self._answer(_run(application_advance, user=request.user, application=application, **data))


class MaturitySourceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[("step", "step"), ("document", "document")])
    text = serializers.CharField(help_text="the steps with their approval numbers, or the document's reference")


class MaturityItemResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    weight = serializers.IntegerField()
    satisfied = serializers.BooleanField()
    source = MaturitySourceSerializer(allow_null=True)


class MaturitySerializer(serializers.Serializer):
    project = serializers.IntegerField()
    score = serializers.IntegerField(help_text="sum of the weights of the satisfied items (weights sum to 100)")
    level = serializers.ChoiceField(choices=MaturityLevel.choices)
    level_display = serializers.CharField()
    thresholds = serializers.DictField(child=serializers.IntegerField(), help_text="lowest score of each level")
    items = MaturityItemResultSerializer(many=True)


class ProjectMaturityView(generics.GenericAPIView):
    """A project's maturity (项目成熟度): its checklist with each item's source, its score and level."""

    serializer_class = MaturitySerializer

    def get_queryset(self):
        return funding_projects(self.request.user)

    def get(self, request, pk):
        project = get_object_or_404(self.get_queryset(), pk=pk)
        settings = FundingSettings.load()
        result = project_maturity(project, settings)
        thresholds = settings.thresholds
        data = {
            "project": project.pk,
            "score": result.score,
            "level": result.level,
            "level_display": result.level_label,
            "thresholds": {
                MaturityLevel.PREPARING.value: thresholds.preparing,
                MaturityLevel.MATURE.value: thresholds.mature,
                MaturityLevel.READY.value: thresholds.ready,
            },
            "items": [
                {
                    "code": item.code,
                    "name": item.name,
                    "weight": item.weight,
                    "satisfied": item.satisfied,
                    "source": {"kind": item.source.kind, "text": item.source.text} if item.source else None,
                }
                for item in result.items
            ],
        }
        return Response(MaturitySerializer(data).data)
