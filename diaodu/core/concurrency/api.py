"""The API's side: `ETagMixin` for DRF viewsets (ETag on reads, If-Match on writes, 412 when stale) and its schema.

See the package's docstring (`diaodu.core.concurrency`) for how the pieces fit together.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, serializers

from .versions import EditConflict, describe, etag_for, lock

# --- API ------------------------------------------------------------------------------------------


class PreconditionFailed(exceptions.APIException):
    """412: the `If-Match` (or the body's `version`) names a version that is no longer the record's."""

    status_code = 412
    default_code = "precondition_failed"
    default_detail = "Precondition failed."

    def __init__(self, detail: str, *, etag: str | None, current: dict | None):
        super().__init__(detail)
        self.etag = etag
        self.current = current


class PreconditionFailedSerializer(serializers.Serializer):
    """The answer to a stale `If-Match`: the API's error shape with the record as saved now."""

    class PreconditionFailedBody(serializers.Serializer):
        status = serializers.IntegerField(help_text="412")
        code = serializers.CharField(help_text="precondition_failed")
        message = serializers.CharField(help_text="who saved the record, and when")
        etag = serializers.CharField(allow_null=True, help_text="the record's current ETag (also in the header)")
        current = serializers.DictField(
            allow_null=True, help_text="the record as saved now, in the shape a GET of it answers"
        )

    error = PreconditionFailedBody()


IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "The ETag you read (from a GET of the record, or the answer to your last write). A record saved by "
        "someone else since is not written: the answer is 412 with the current record. Without the header the "
        "write is made unchecked (older clients); `*` matches any version."
    ),
)


def _etag_header(codes: list[int]) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        str,
        OpenApiParameter.HEADER,
        response=codes,
        description="The record's version; send it back as If-Match to write it.",
    )


class ETagAutoSchema(AutoSchema):
    """Documents `If-Match`, the `ETag` answered and the 412 on the writes of `ETagMixin` viewsets."""

    def _is_conditional(self) -> bool:
        if self.method in ("PUT", "PATCH", "DELETE"):
            return True
        return self.method == "POST" and bool(getattr(self.view, "detail", False))

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._is_conditional():
            parameters += [IF_MATCH, _etag_header([200, 201])]
        elif self.method == "GET" and getattr(self.view, "action", None) == "retrieve":
            parameters.append(_etag_header([200]))
        return parameters

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None and self._is_conditional():
            # Here rather than in get_response_serializers, which an action's @extend_schema(responses=…) replaces.
            body = self.resolve_serializer(PreconditionFailedSerializer, "response")
            operation["responses"].setdefault(
                "412",
                {
                    "headers": {"ETag": {"schema": {"type": "string"}, "description": "the record's current version"}},
                    "content": {media: {"schema": body.ref} for media in self.map_renderers("media_type")},
                    "description": "Saved by someone else since the version named in If-Match (or the body's "
                    "`version`): nothing was written.",
                },
            )
        return operation


class ETagMixin:
    """Optimistic concurrency for a viewset: `ETag` on reads of one record, `If-Match` on its writes.

    Put it first in the viewset's bases. It wraps whatever handler answers a PUT, PATCH, DELETE or POST
    on one record (the viewset's own `update`, `destroy`, or a detail action), so a custom `update`
    needs nothing more.
    """

    schema = ETagAutoSchema()

    def get_object(self):
        record = super().get_object()
        self._etag_record = record
        return record

    def _is_detail_route(self) -> bool:
        return (self.lookup_url_kwarg or self.lookup_field) in self.kwargs

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        name = request.method.lower()
        handler = getattr(self, name, None)
        if handler is not None and name in ("put", "patch", "delete", "post") and self._is_detail_route():
            # Authentication and permissions are done; `dispatch` looks the handler up next.
            setattr(self, name, partial(self._write_if_match, handler))

    def _write_if_match(self, handler, request, *args, **kwargs):
        record = self.get_object()  # 404 for what the caller may not see, 403 for what he may not change
        model = record._meta.model
        try:
            with transaction.atomic():
                lock(model, record.pk, seen=request.headers.get("If-Match"))
                response = handler(request, *args, **kwargs)
                current = model._base_manager.filter(pk=record.pk).first()
        except EditConflict:
            raise self.precondition_failed(record.pk) from None
        if current is not None and response.status_code < 300:
            response["ETag"] = etag_for(current)
        return response

    def precondition_failed(self, pk) -> PreconditionFailed:
        current = self.get_queryset().filter(pk=pk).first()
        if current is None:
            return PreconditionFailed(_("这条记录已不存在。"), etag=None, current=None)
        return PreconditionFailed(describe(current), etag=etag_for(current), current=self.get_serializer(current).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and getattr(self, "action", None) == "retrieve":
            record = getattr(self, "_etag_record", None)
            if record is not None:
                response["ETag"] = etag_for(record)
        elif response.status_code == 201 and request.method == "POST" and not self._is_detail_route():
            created = response.data.get("id") if isinstance(response.data, dict) else None
            if created is not None:
                record = self.get_queryset().model._base_manager.filter(pk=created).first()
                if record is not None:
                    response["ETag"] = etag_for(record)
        return response
