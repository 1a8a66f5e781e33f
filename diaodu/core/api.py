"""One JSON shape for every API error.

Errors look like `{"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"name": ["…"]}}}`;
`fields` appears only for validation errors. A 412 (a stale `If-Match`, see `diaodu.core.concurrency`) adds
`etag` and `current`, the record as saved now, and answers its `ETag` header.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .concurrency import EditConflict, PreconditionFailed, describe, etag_for


class ErrorSerializer(serializers.Serializer):
    """The shape of every error answer (documented in the OpenAPI schema)."""

    class Body(serializers.Serializer):
        status = serializers.IntegerField()
        code = serializers.CharField()
        message = serializers.CharField()
        fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)

    error = Body()


def _flatten(detail):
    if isinstance(detail, list):
        return [str(item) for item in detail]
    if isinstance(detail, dict):
        return [f"{key}: {'; '.join(_flatten(value))}" for key, value in detail.items()]
    return [str(detail)]


class StillReferenced(exceptions.APIException):
    """A record other records still point to: deleting it would break them, so nothing is deleted (409)."""

    status_code = 409
    default_code = "in_use"


def _still_referenced(exc: ProtectedError | RestrictedError) -> StillReferenced:
    records = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
    kinds = "、".join(sorted({str(record._meta.verbose_name) for record in records}))
    return StillReferenced(_("仍有%(kinds)s引用这条记录，不能删除。") % {"kinds": kinds})


def exception_handler(exc, context):
    if isinstance(exc, ProtectedError | RestrictedError):
        exc = _still_referenced(exc)
    if isinstance(exc, EditConflict):
        # A service refused a stale write outside an `ETagMixin` viewset: the same 412, without the record.
        exc = PreconditionFailed(describe(exc.current), etag=etag_for(exc.current), current=None)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": "error", "message": ""}
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["code"] = "invalid"
        body["message"] = _("提交的数据有误，请按提示修改。")
        body["fields"] = {key: _flatten(value) for key, value in detail.items()}
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        body["code"] = codes if isinstance(codes, str) else "error"
        body["message"] = "; ".join(_flatten(exc.detail))
    if isinstance(exc, PreconditionFailed):
        body["etag"] = exc.etag
        body["current"] = exc.current
    headers = {name: response[name] for name in ("WWW-Authenticate", "Retry-After") if name in response}
    if getattr(exc, "etag", None):
        headers["ETag"] = exc.etag
    return Response({"error": body}, status=response.status_code, headers=headers)
