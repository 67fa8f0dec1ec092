"""The answers every API operation can give besides its own, added to the OpenAPI schema (drf-spectacular
post-processing hook), so that the schema declares each status code a caller may receive."""

from __future__ import annotations

from typing import Any

_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,  # a refused body also names its fields, each with a list of messages
}
_DESCRIPTIONS = {
    "400": "The request cannot be read or its values are refused (the message says why, in Vietnamese).",
    "401": "No valid API token or session.",
    "403": "The person's role does not allow this.",
    "404": "No such object, or not one the person may see.",
}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", _ERROR)
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["401", "403"]
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            paginated = any(p.get("name") == "page" for p in operation.get("parameters", []))
            if "{" in path or paginated:  # an object that does not exist, or a page past the last one
                codes.append("404")
            for code in codes:
                operation["responses"].setdefault(
                    code,
                    {
                        "description": _DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
