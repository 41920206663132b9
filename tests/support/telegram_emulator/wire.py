"""What travels over HTTP: JSON bodies, the Bot API's error answers, and reading a call's parameters.

Telegram takes parameters as a query string, a form (urlencoded or multipart) or a JSON
body; in a form, objects, arrays, numbers and booleans come JSON-encoded as strings.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

from aiohttp import web

JSON = Dict[str, Any]
Params = Dict[str, Any]

# Parameters that are strings even when their value looks like JSON ("123", "[1]", "true").
TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "title",
        "address",
        "question",
        "description",
        "short_description",
        "name",
        "callback_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "parse_mode",
        "language_code",
        "action",
        "foursquare_id",
        "foursquare_type",
        "google_place_id",
        "google_place_type",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
    }
)
ERROR_TEXTS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use "
    "deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)


class ApiError(Exception):
    """A Bot API error answer: {"ok": false, "error_code", "description", "parameters"?}."""

    def __init__(self, code: int, description: str, parameters: Optional[JSON] = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def decode_value(name: str, value: Any) -> Any:
    """Form fields carry JSON-encoded objects, arrays, numbers and booleans as strings."""
    if not isinstance(value, str) or name in TEXT_PARAMS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return value if isinstance(decoded, str) or decoded is None else decoded


async def read_params(request: web.Request) -> Params:
    raw: Dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON object")
            raw.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                raw[key] = value if isinstance(value, str) else {"filename": value.filename}
    return {key: decode_value(key, value) for key, value in raw.items()}


def int_param(params: Params, name: str, default: Optional[int] = None) -> Optional[int]:
    value = params.get(name, default)
    if value is None or isinstance(value, int):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def float_param(params: Params, name: str) -> float:
    try:
        return float(params[name])
    except KeyError:
        raise bad_request(f"{name} is empty") from None
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None
