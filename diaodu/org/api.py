"""REST API of the org app: the zone, areas, departments, organisations, people, and the current user."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from diaodu.core.access import access_for
from diaodu.core.concurrency import ETagMixin

from .filters import AreaFilterSet, DepartmentFilterSet, OrganisationFilterSet, PersonFilterSet
from .models import Area, Department, Organisation, Person, Zone


class ZoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Zone
        fields = ["id", "name", "short_name", "division_code", "updated_at"]


class AreaSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Area
        fields = ["id", "name", "kind", "kind_display", "parent", "description", "sort_order", "updated_at"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "short_name", "duties", "phone", "sort_order", "updated_at"]


class OrganisationSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "short_name", "kind", "kind_display", "credit_code",
            "address", "contact_name", "contact_phone", "updated_at",
        ]  # fmt: skip


class PersonSerializer(serializers.ModelSerializer):
    has_login = serializers.BooleanField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "title",
            "department",
            "organisation",
            "phone",
            "email",
            "is_active",
            "has_login",
        ]


class ZoneViewSet(ETagMixin, viewsets.ModelViewSet):
    serializer_class = ZoneSerializer
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self):
        return Zone.objects.visible_to(self.request.user)


class AreaViewSet(ETagMixin, viewsets.ModelViewSet):
    serializer_class = AreaSerializer
    filterset_class = AreaFilterSet

    def get_queryset(self):
        return Area.objects.visible_to(self.request.user)


class DepartmentViewSet(ETagMixin, viewsets.ModelViewSet):
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilterSet

    def get_queryset(self):
        return Department.objects.visible_to(self.request.user)


class OrganisationViewSet(ETagMixin, viewsets.ModelViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user)


class PersonViewSet(ETagMixin, viewsets.ModelViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user)


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(allow_blank=True)
    roles = serializers.ListField(child=serializers.CharField())
    sees_everything = serializers.BooleanField()
    person = serializers.IntegerField(allow_null=True)
    department = serializers.IntegerField(allow_null=True)


@extend_schema(responses=MeSerializer, summary="The signed-in user, with roles")
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def me(request):
    # Any authenticated user may ask who they are, even one without a role.
    access = access_for(request.user)
    person = getattr(request.user, "person", None)
    return Response(
        MeSerializer(
            {
                "username": request.user.get_username(),
                "name": person.name if person else request.user.get_full_name(),
                "roles": sorted(access.roles),
                "sees_everything": access.sees_everything,
                "person": access.person_id,
                "department": access.department_id,
            }
        ).data
    )
