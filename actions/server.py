"""The action server: rasa-sdk's app for custom actions, plus Senda's /nlg route.

Run it with `python -m actions.server` (the Makefile does). Rasa calls /webhook
for custom actions and /nlg for every response it wants to say.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from typing import Any

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request

from actions.content.render import render_nlg_request

logger = logging.getLogger("senda.actions")

ACTIONS_PACKAGE = "actions.custom"


def _warm_up() -> None:
    """Load the slow parts once, after start-up, so the first user does not wait."""
    from actions.matching.embeddings import embedding_model
    from actions.matching.langid import identifier

    identifier()
    embedding_model()
    logger.info("language identifier and sentence embeddings ready")


def build_app() -> Sanic:
    app = create_app(ACTIONS_PACKAGE)

    @app.post("/nlg")
    async def nlg(request: Request) -> Any:
        body = request.json
        if not isinstance(body, dict) or "response" not in body:
            return response.json({"error": "expected Rasa's NLG request body"}, status=400)
        return response.json(render_nlg_request(body))

    @app.after_server_start
    async def warm_up(app_: Sanic, _loop: Any) -> None:
        if os.environ.get("SENDA_WARM_UP", "1") == "1":
            # In the background: the server answers while the models load.
            asyncio.get_running_loop().run_in_executor(None, _warm_up)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="Senda action server (actions + /nlg)")
    parser.add_argument("--host", default=os.environ.get("ACTIONS_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT", "5055")))
    args = parser.parse_args()
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(name)s %(levelname)s %(message)s"
    )
    build_app().run(host=args.host, port=args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
