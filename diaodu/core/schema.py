"""The API's error answers, documented once for every operation of the OpenAPI schema.

Every answer of the API that is not a success has the shape of `diaodu.core.api.ErrorSerializer`: 400 for a
query or body that does not validate, 401 without credentials, 403 for a caller whose role does not allow
the operation, 404 for a record he may not see (or that does not exist) where the path names one, 415 for
a body the operation cannot read, 409 for a deletion of a record others still refer to. Views
document their own successes and any particular error (a 404 without a path parameter, a 412, a 422); this
hook adds the common ones where a view did not, so that a client (and the fuzzer) knows every answer.
"""

from __future__ import annotations

ERROR = "Error"
ERROR_BODY = "ErrorBody"
COMMON = {
    "400": "The query or the body is invalid: `error.fields` says which field and why.",
    "401": "No credentials, or invalid ones (send `Authorization: Token …`, or a session).",
    "403": "The caller's role does not allow this operation on this record.",
}
NOT_FOUND = "No such record, or not one the caller may see."
UNSUPPORTED = "The body is not in a media type the operation reads, or cannot be read as the one it names."
IN_USE = "Other records still refer to this one: nothing was deleted (`error.message` names them)."
METHODS = ("get", "put", "patch", "post", "delete")


def _error_component(components: dict) -> dict:
    """A reference to the error shape, declaring it where no view has yet (see ErrorSerializer)."""
    schemas = components.setdefault("schemas", {})
    if ERROR not in schemas:
        schemas[ERROR_BODY] = {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            },
            "required": ["status", "code", "message"],
        }
        schemas[ERROR] = {
            "type": "object",
            "properties": {"error": {"$ref": f"#/components/schemas/{ERROR_BODY}"}},
            "required": ["error"],
        }
    return {"$ref": f"#/components/schemas/{ERROR}"}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: add the common error answers to every operation."""
    reference = _error_component(result.setdefault("components", {}))
    answer = {"application/json": {"schema": reference}}
    for path, item in result.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in COMMON.items():
                responses.setdefault(code, {"content": answer, "description": description})
            if "{" in path:
                responses.setdefault("404", {"content": answer, "description": NOT_FOUND})
            if "requestBody" in operation:
                responses.setdefault("415", {"content": answer, "description": UNSUPPORTED})
            if method == "delete":
                responses.setdefault("409", {"content": answer, "description": IN_USE})
    return result
