"""REST API of the ledger import: the same import as the command and the page, answering its JSON contract."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from diaodu.core.access import access_for
from diaodu.core.api import ErrorSerializer

from .permissions import can_import_ledger
from .services import ledger_import
from .workbook import MAX_BYTES


class MayImportLedger(permissions.BasePermission):
    """The dispatch office and administrators; other members of the zone are refused (403)."""

    def has_permission(self, request, view):
        return access_for(request.user).is_member and can_import_ledger(request.user)


class LedgerUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="the .xlsx ledger (at most 10 MB)")
    year = serializers.IntegerField(
        required=False, min_value=1990, max_value=2100, help_text="year of dates given as a bare month (3月)"
    )
    skip_invalid = serializers.BooleanField(default=False, help_text="write the valid rows, report the others")
    dry_run = serializers.BooleanField(default=False, help_text="read and check, write nothing")

    def validate_file(self, upload):
        if upload.size > MAX_BYTES:
            raise serializers.ValidationError(
                _("文件过大：台账文件不能超过 %(limit)d MB。") % {"limit": MAX_BYTES // 1024 // 1024}
            )
        return upload


class LedgerErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="the spreadsheet's own row number; 0 for the file itself")
    column = serializers.CharField(allow_null=True, help_text="the column as the ledger names it")
    message = serializers.CharField()


class LedgerProjectSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    name = serializers.CharField()
    category = serializers.CharField(help_text="the registry's category key")
    construction_type = serializers.ChoiceField(choices=["new", "continuing"], allow_null=True)
    total_investment = serializers.CharField(help_text="万元, as a decimal string")
    annual_plan = serializers.CharField(allow_null=True, help_text="万元, as a decimal string")
    completed_investment = serializers.CharField(allow_null=True, help_text="万元, as a decimal string")
    planned_start = serializers.DateField(allow_null=True)
    planned_completion = serializers.DateField(allow_null=True)
    leader = serializers.CharField(allow_null=True)
    officer = serializers.CharField(allow_null=True)
    department = serializers.CharField(allow_null=True)


class LedgerResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    skipped_rows = serializers.ListField(child=serializers.IntegerField(), help_text="合计, 小计 and note rows")
    new_people = serializers.ListField(child=serializers.CharField(), help_text="people created without a login")
    errors = LedgerErrorSerializer(many=True)
    projects = LedgerProjectSerializer(many=True)


@extend_schema(
    request={"multipart/form-data": LedgerUploadSerializer},
    responses={200: LedgerResultSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 422: LedgerResultSerializer},
    summary="Import an Excel ledger (台账) of key projects",
)
@api_view(["POST"])
@parser_classes([MultiPartParser])
@permission_classes([MayImportLedger])
def ledger_import_view(request):
    """All rows or none: 422 (with the result and its errors) when the ledger has errors and nothing was written;
    with `skip_invalid` the valid rows are written and the others reported (200). `dry_run` never writes."""
    upload = LedgerUploadSerializer(data=request.data)
    upload.is_valid(raise_exception=True)
    data = upload.validated_data
    result = ledger_import(
        workbook_path_or_file=data["file"],
        year=data.get("year"),
        skip_invalid=data["skip_invalid"],
        dry_run=data["dry_run"],
        user=request.user,
    )
    answer = status.HTTP_422_UNPROCESSABLE_ENTITY if result.exit_status else status.HTTP_200_OK
    return Response(result.as_json(), status=answer)
