"""Who may use the server: with `ASSISTANT_API_KEY` set, every route but a few public ones needs the key.

Deny by default: the guard wraps the whole app, the API and the mounted chat
window alike, so a route added later (or one a framework adds on its own) is
closed until listed in `PUBLIC`. A request carries the key either as
`Authorization: Bearer <key>` (API clients, scripts) or as the session cookie
that `/login` sets once a person has typed the key (the chat window). The cookie
holds no secret: it is an expiry time signed with the key (HMAC), so it dies
when the key changes, and `SameSite=Strict` keeps other sites from riding on it.

Without a key everything is open, which is why the server binds to loopback
unless a key is set (see cli.py).

Two browser tricks are refused as well: a request changing something from a page
of another site (its `Origin` is not this server), and, without a key, a request
addressed to any host name but a loopback one (a web page whose name has been
rebound to 127.0.0.1 would otherwise reach a loopback server as its own).

The guard also keeps clients from naming server files. Gradio copies any file
record (`{"path": …, "meta": {"_type": "gradio.FileData"}}`) found in a call's
data into its cache before the app sees it, reading whatever local path, or
fetching whatever URL, the record names. So a call's JSON may name only files
inside the upload folder, where Gradio's own upload route writes; anything else
is refused before Gradio parses the call.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

COOKIE = "assistant_session"
# The scripts, styles and icon that the docs pages load, served by api.py from a package (not a CDN):
# public like the pages themselves, and these exact files only.
DOCS_ASSETS = (
    "/docs/assets/swagger-ui-bundle.js",
    "/docs/assets/swagger-ui.css",
    "/docs/assets/redoc.standalone.js",
    "/docs/assets/favicon.png",
)
# Liveness and the API's description read no corpus; the login page is how a key gets in.
PUBLIC = frozenset(
    {"/healthz", "/login", "/logout", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json", *DOCS_ASSETS}
)
# Gradio serves files from its cache and proxies URLs through these; the window uses neither,
# and a client must never name a server path or address for the server to read.
CLOSED = ("/gradio_api/file=", "/gradio_api/file/", "/gradio_api/proxy=", "/file=", "/proxy=")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
FAILED_LOGIN_DELAY = 0.5  # seconds: guessing keys through the form is slow
# A Gradio call's JSON is read whole to look for file records; the chat history rides in it.
MAX_CALL_BYTES = 8_000_000


def error(status: int, message: str, kind: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The API's one error shape, OpenAI's: {"error": {"message", "type", "code"}}."""
    return JSONResponse({"error": {"message": message, "type": kind, "code": status}}, status, headers=headers)


class Guard:
    """ASGI middleware enforcing the key on every route outside `PUBLIC`."""

    def __init__(self, app, key: str | None, session_hours: float, upload_dir: Path) -> None:
        self.app = app
        self.key = key.encode() if key else None
        self.session_seconds = int(session_hours * 3600)
        self.upload_dir = upload_dir

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if any(path.startswith(prefix) for prefix in CLOSED):
            await self._respond(scope, receive, send, error(404, "not found", "not_found"))
            return
        problem = self._foreign(scope)
        if problem:
            await self._respond(scope, receive, send, error(403, problem, "permission_error"))
            return
        if not (self.key is None or path in PUBLIC or self._allowed(scope)):
            await self._respond(scope, receive, send, self._refuse(scope))
            return
        if path in ("/login", "/logout") and scope["type"] == "http":
            await self._respond(scope, receive, send, await self._login(scope, receive))
            return
        if scope["type"] == "http" and scope["method"] == "POST" and path.startswith("/gradio_api/"):
            body = await read_body(receive, MAX_CALL_BYTES)
            problem = "the request is too large" if body is None else self._names_a_server_file(body)
            if problem:
                await self._respond(scope, receive, send, error(422, problem, "invalid_request_error"))
                return
            receive = replay(body, receive)
        await self.app(scope, receive, send)

    def _foreign(self, scope) -> str | None:
        """Why a request comes from where it may not (another site, a rebound host name), or None."""
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if self.key is None and _hostname(host) not in LOOPBACK_NAMES:
            return (
                f"this server answers only as localhost without ASSISTANT_API_KEY, not as {host!r}; "
                "set the key to serve other host names"
            )
        origin = headers.get(b"origin", b"").decode("latin-1")
        changes = scope["type"] == "websocket" or scope["method"] not in ("GET", "HEAD", "OPTIONS")
        if changes and origin and origin != "null" and origin.split("://", 1)[-1] != host:
            return f"a request from {origin} (another site) may not change anything here"
        return None

    def _names_a_server_file(self, body: bytes) -> str | None:
        """Why a call's JSON may not go on (it names a file outside the upload folder), or None."""
        try:
            data = json.loads(body) if body.strip() else None
        except (ValueError, UnicodeDecodeError):
            return None  # not JSON: no file records, and Gradio refuses it itself
        root = self.upload_dir.resolve()
        for record in _file_records(data):
            named = str(record.get("path") or record.get("url") or "")
            path = Path(named).resolve() if named and "://" not in named else None
            if path is None or not path.is_relative_to(root) or not path.is_file():
                return f"{named!r} is not a file uploaded to this server; upload it first"
        return None

    def _allowed(self, scope) -> bool:
        headers = dict(scope.get("headers") or [])
        scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), self.key):
            return True
        return self._valid_session(Request(scope).cookies.get(COOKIE, ""))

    def _session(self) -> str:
        expires = str(int(time.time()) + self.session_seconds)
        return f"{expires}.{self._sign(expires)}"

    def _sign(self, expires: str) -> str:
        return hmac.new(self.key, f"session:{expires}".encode(), hashlib.sha256).hexdigest()

    def _valid_session(self, cookie: str) -> bool:
        expires, _, signature = cookie.partition(".")
        if not expires.isdigit() or int(expires) < time.time():
            return False
        return hmac.compare_digest(signature.encode(), self._sign(expires).encode())

    def _refuse(self, scope) -> Response:
        headers = dict(scope.get("headers") or [])
        wants_page = scope["method"] == "GET" and b"text/html" in headers.get(b"accept", b"")
        if scope["type"] == "http" and wants_page and not scope["path"].startswith("/v1/"):
            return RedirectResponse(f"/login?next={quote(scope['path'])}", status_code=303)
        return error(
            401,
            "missing or wrong API key: send the header 'Authorization: Bearer <ASSISTANT_API_KEY>' "
            "(or log in at /login in a browser)",
            "authentication_error",
            {"WWW-Authenticate": "Bearer"},
        )

    async def _login(self, scope, receive) -> Response:
        request = Request(scope, receive)
        target = _local(request.query_params.get("next", "/"))
        if scope["path"] == "/logout":
            response = RedirectResponse("/login", status_code=303)
            response.delete_cookie(COOKIE, path="/")
            return response
        if self.key is None:  # nothing to log in to
            return RedirectResponse(target, status_code=303)
        if request.method != "POST":
            return _login_page(target)
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        typed = (form.get("key") or [""])[0].strip().encode()
        target = _local((form.get("next") or [target])[0])
        if not hmac.compare_digest(typed, self.key):
            await asyncio.sleep(FAILED_LOGIN_DELAY)
            return _login_page(target, "That is not the key. Ask whoever runs this server for ASSISTANT_API_KEY.", 401)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            COOKIE,
            self._session(),
            max_age=self.session_seconds,
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @staticmethod
    async def _respond(scope, receive, send, response: Response) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await response(scope, receive, send)


def _hostname(host: str) -> str:
    """The name part of a Host header: "127.0.0.1:7860" -> "127.0.0.1", "[::1]:80" -> "::1"."""
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _file_records(data) -> list[dict]:
    """Every Gradio file record (a dict whose meta says gradio.FileData) anywhere in JSON data."""
    found, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            meta = item.get("meta")
            if isinstance(meta, dict) and "FileData" in str(meta.get("_type", "")):
                found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


async def read_body(receive, limit: int) -> bytes | None:
    """The whole request body, or None past `limit` bytes."""
    body, more = b"", True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > limit:
            return None
    return body


def replay(body: bytes, receive):
    """A `receive` that hands the app the body already read, then defers to the real one."""
    sent = False

    async def replay():
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _local(target: str) -> str:
    """A path on this server to return to after logging in; anything else (another site) becomes '/'."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_page(target: str, problem: str = "", status: int = 200) -> HTMLResponse:
    notice = f'<p class="problem" role="alert">{escape(problem)}</p>' if problem else ""
    return HTMLResponse(
        f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>News assistant: log in</title>
<style>
body{{font-family:system-ui,sans-serif;display:flex;justify-content:center;padding:12vh 1em;margin:0;color:#1f2933}}
form{{max-width:24em;width:100%}} label{{display:block;margin:1em 0 .3em;font-weight:600}}
input{{width:100%;padding:.6em;font-size:1em;box-sizing:border-box}}
button{{margin-top:1em;padding:.6em 1.2em;font-size:1em}} .problem{{color:#b42318}}
</style></head>
<body><form method="post" action="/login">
<h1>News assistant</h1>
<p>This server asks for its access key (the value of <code>ASSISTANT_API_KEY</code>).</p>
{notice}
<label for="key">Access key</label>
<input id="key" name="key" type="password" autocomplete="current-password" autofocus required>
<input type="hidden" name="next" value="{escape(target, quote=True)}">
<button type="submit">Log in</button>
</form></body></html>""",
        status_code=status,
    )
