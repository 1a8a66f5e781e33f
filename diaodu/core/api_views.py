"""REST API of the core app: the working-day calendar."""

import datetime as dt

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from . import workdays
from .concurrency import ETagMixin
from .filters import YearFilter
from .models import CalendarDay


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["id", "date", "kind", "name", "updated_at"]


class CalendarDayFilterSet(django_filters.FilterSet):
    year = YearFilter(field_name="date", lookup_expr="year")

    class Meta:
        model = CalendarDay
        fields = ["kind"]


class CalendarDayViewSet(ETagMixin, viewsets.ModelViewSet):
    """Holidays and adjusted working days entered in the app (years the package does not know)."""

    serializer_class = CalendarDaySerializer
    filterset_class = CalendarDayFilterSet

    def get_queryset(self):
        return CalendarDay.objects.visible_to(self.request.user)


class WorkdayQuerySerializer(serializers.Serializer):
    date = serializers.DateField()
    add = serializers.IntegerField(required=False, min_value=-3650, max_value=3650)
    until = serializers.DateField(required=False)

    def validate(self, attrs):
        for key in ("date", "until"):
            value = attrs.get(key)
            if value is not None and not workdays.FIRST_DAY <= value <= workdays.LAST_DAY:
                raise serializers.ValidationError({key: f"{workdays.FIRST_DAY}–{workdays.LAST_DAY}"})
        return attrs


class WorkdayAnswerSerializer(serializers.Serializer):
    date = serializers.DateField()
    is_workday = serializers.BooleanField()
    source = serializers.CharField()
    name = serializers.CharField(allow_blank=True)
    known = serializers.BooleanField(help_text="False when the year is only guessed as Monday–Friday")
    added = serializers.DateField(required=False, help_text="`add` working days after `date`")
    workdays_until = serializers.IntegerField(required=False, help_text="working days after `date` up to `until`")
    fallback_years = serializers.ListField(child=serializers.IntegerField())


@extend_schema(
    parameters=[
        OpenApiParameter("date", dt.date, required=True),
        OpenApiParameter("add", int, description="working days to add (negative: subtract)"),
        OpenApiParameter("until", dt.date, description="count working days after date up to this date"),
    ],
    responses=WorkdayAnswerSerializer,
    summary="Working-day arithmetic on the official calendar",
)
@api_view(["GET"])
def workday(request):
    query = WorkdayQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    day = query.validated_data["date"]
    calendar = workdays.get_calendar()
    info = calendar.explain(day)
    answer = {
        "date": day,
        "is_workday": info.is_workday,
        "source": info.source,
        "name": info.name,
        "known": calendar.is_known(day),
    }
    reached = [day]
    if "add" in query.validated_data:
        try:
            answer["added"] = calendar.add_workdays(day, query.validated_data["add"])
        except workdays.CalendarRangeError as exc:
            raise serializers.ValidationError({"add": str(exc)}) from None
        reached.append(answer["added"])
    if "until" in query.validated_data:
        until = query.validated_data["until"]
        answer["workdays_until"] = calendar.workdays_between(day, until)
        reached.append(until)
    answer["fallback_years"] = calendar.fallback_years(min(reached), max(reached))
    return Response(WorkdayAnswerSerializer(answer).data)
