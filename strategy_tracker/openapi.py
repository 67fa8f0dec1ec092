"""The answers every API operation can give besides its own, added to the OpenAPI schema (drf-spectacular
post-processing hook), so that the schema declares each status code a caller may receive, with its body.

Every operation may answer:
- 401: no valid token or session; 403: the person's role does not allow it;
- 429: too many wrong tokens from the caller's address (`Retry-After`: seconds until the window ends);
- 503: the database did not answer in time (`Retry-After`: seconds), nothing was saved;
- 400 when it reads parameters or a body: the messages by parameter or field (`{"page_size": ["…"]}`), or one
  `detail`;
- 404 when its path names an object, or when it is a list (a page past the last).
An operation that declares one of these itself (with a more precise body) keeps its own; one declared with a
description alone gets the common body.
"""

from __future__ import annotations

from typing import Any

_MESSAGES = {"type": "array", "items": {"type": "string"}}
_ERROR = {
    "type": "object",
    "description": "A refusal: `detail` says why, in Vietnamese; a refused parameter or field has its messages under "
    "its own name.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": _MESSAGES,
}
_RETRY_AFTER = {
    "Retry-After": {"schema": {"type": "integer", "minimum": 0}, "description": "Seconds to wait before trying again."}
}
_ANSWERS = {
    "400": ("The request cannot be read or its values are refused (the messages say why, in Vietnamese).", False),
    "401": ("No valid API token or session.", False),
    "403": ("The person's role does not allow this.", False),
    "404": ("No such object, or not one the person may see; or a page past the last.", False),
    "429": ("Too many wrong API tokens from this address: try again after Retry-After seconds.", True),
    "503": ("The database is not answering: nothing was saved. Try again after Retry-After seconds.", True),
}


def _answer(code: str) -> dict[str, Any]:
    description, retry = _ANSWERS[code]
    answer: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if retry:
        answer["headers"] = dict(_RETRY_AFTER)
    return answer


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", _ERROR)
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["401", "403", "429", "503"]
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            paginated = any(p.get("name") == "page" for p in operation.get("parameters", []))
            if "{" in path or paginated:  # an object that does not exist, or a page past the last one
                codes.append("404")
            for code in codes:
                operation["responses"].setdefault(code, _answer(code))
            for code, answer in operation["responses"].items():
                # A refusal declared with its description alone has the common body.
                if str(code) >= "400" and isinstance(answer, dict) and "content" not in answer:
                    answer["content"] = _answer(str(code) if str(code) in _ANSWERS else "400")["content"]
    return result
