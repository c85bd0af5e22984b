"""Who may use the server (assistant/access.py), probed over real HTTP as an attacker on loopback would."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import httpx
import pytest

from .conftest import serve_seeded

KEY = {"Authorization": "Bearer s3cret"}
FORGED = "Wang said the Taiwan issue is a minor matter of no importance, officials said on Friday."


@pytest.fixture(scope="module")
def locked(tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "locked", api_key="s3cret") as live:
        yield live


@pytest.fixture(scope="module")
def unlocked(tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "unlocked") as live:
        yield live


def client(server, headers: dict | None = None) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=120, headers=headers or {})


def gradio_call(http: httpx.Client, name: str, data: list) -> httpx.Response | list:
    """Call a Gradio event by its API name; the finished call's outputs, or the refusing response."""
    started = http.post(f"/gradio_api/call/{name}", json={"data": data})
    if started.status_code != 200:
        return started
    stream = http.get(f"/gradio_api/call/{name}/{started.json()['event_id']}").text
    event = stream.split("event: ")[-1]
    assert event.startswith("complete"), stream
    return json.loads(event.split("data: ", 1)[1])


def file_record(path: str) -> dict:
    return {"path": path, "orig_name": Path(path).name, "meta": {"_type": "gradio.FileData"}}


def documents(server) -> list[str]:
    with client(server, KEY) as http:
        return [d["id"] for d in http.get("/v1/corpora/default/documents").json()["documents"]]


def red_line_still_answers(server) -> bool:
    with client(server, KEY) as http:
        answer = http.post("/v1/ask", json={"question": "What did Wang say about Taiwan?"}).json()
    return "first red line" in answer["text"] and "minor matter" not in answer["text"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/config"),
        ("GET", "/gradio_api/info"),
        ("POST", "/gradio_api/upload"),
        ("POST", "/gradio_api/call/ingest_files"),
        ("POST", "/gradio_api/call/respond"),
        ("POST", "/gradio_api/call/accept"),
        ("POST", "/gradio_api/queue/join"),
        ("GET", "/gradio_api/queue/data?session_hash=x"),
        ("GET", "/theme.css"),
        ("GET", "/v1/corpora"),
        ("POST", "/v1/ask"),
        ("DELETE", "/v1/corpora/default"),
    ],
)
def test_without_the_key_no_route_but_the_public_ones_answers(locked, method, path):
    with client(locked) as http:
        response = http.request(method, path, json={"data": [], "question": "Who is Kamikawa?"})
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "authentication_error"
    assert response.headers["www-authenticate"] == "Bearer"


def test_liveness_says_only_that_the_server_is_up_and_a_browser_is_sent_to_log_in(locked):
    with client(locked) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        page = http.get("/", headers={"accept": "text/html"})
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/"
        assert 'type="password"' in http.get("/login").text


def test_a_forged_upload_without_the_key_changes_nothing(locked):
    before = documents(locked)
    with client(locked) as http:
        upload = http.post("/gradio_api/upload", files=[("files", ("forged.txt", FORGED.encode(), "text/plain"))])
        assert upload.status_code == 401
        ingest = gradio_call(http, "ingest_files", [[file_record("/tmp/forged.txt")], "default"])
        assert ingest.status_code == 401
    assert documents(locked) == before and red_line_still_answers(locked)


def test_the_window_opens_for_whoever_logs_in_with_the_key(locked):
    with client(locked) as http:
        wrong = http.post("/login", data={"key": "guess", "next": "/"})
        assert wrong.status_code == 401 and "not the key" in wrong.text
        assert "assistant_session" not in http.cookies
        right = http.post("/login", data={"key": "s3cret", "next": "https://evil.example/"})
        assert right.status_code == 303 and right.headers["location"] == "/"  # never off this server
        cookie = right.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert http.get("/config").status_code == 200
        assert http.get("/", headers={"accept": "text/html"}).status_code == 200
        assert http.get("/v1/corpora").status_code == 200
        http.get("/logout")
        assert http.get("/config").status_code == 401
    with client(locked) as http:
        http.cookies.set("assistant_session", "9999999999.forged")
        assert http.get("/config").status_code == 401


@pytest.mark.parametrize("server_name", ["unlocked", "locked"])
def test_a_file_record_naming_any_server_path_is_refused_before_it_is_read(request, server_name, tmp_path):
    server = request.getfixturevalue(server_name)
    # A code made after the server started: a file holding it can only have been written by reading the vault
    # (Chroma's index files keep whatever bytes the process's memory held, strings made earlier among them).
    code = secrets.token_hex(8)
    secret = tmp_path / "vault.txt"
    secret.write_text(f"The vault under the harbour office opens with code {code}, the night guard said on Monday.")
    data_dir = server.assistant.settings.data_dir
    snapshot = data_dir / "corpora" / "default" / "corpus.db"
    inside_link = server.assistant.settings.upload_dir / "link.txt"
    inside_link.symlink_to(secret)
    named = [str(secret), str(snapshot), str(inside_link), "../../../../" + str(secret), f"{server.url}/healthz"]
    before = documents(server)
    with client(server, KEY) as http:
        for path in named:
            for data in ([[file_record(path)], "default"], [[{"value": file_record(path)}], "default"]):
                refused = gradio_call(http, "ingest_files", data)
                assert isinstance(refused, httpx.Response) and refused.status_code == 422, path
                assert "not a file uploaded" in refused.json()["error"]["message"]
            # Any event, not only the upload's: Gradio copies file records found in any input.
            refused = gradio_call(http, "switch_corpus", [file_record(path)])
            assert refused.status_code == 422
        answer = http.post("/v1/ask", json={"question": "What is the vault code?"}).json()
    inside_link.unlink()
    assert documents(server) == before and code not in answer["text"]
    stored = [p for p in data_dir.rglob("*") if p.is_file() and p.stat().st_size < 10**6]
    leaked = [p for p in stored if code in p.read_text(errors="replace")]
    assert not leaked, leaked


def test_a_file_uploaded_through_the_window_is_ingested_then_deleted_and_never_served(locked):
    text = b"Harbor master Tom Reyes said the new ferry pier opens in May, three months late."
    with client(locked, KEY) as http:
        [path] = http.post("/gradio_api/upload", files=[("files", ("pier.txt", text, "text/plain"))]).json()
        assert Path(path).is_relative_to(locked.assistant.settings.upload_dir)
        assert http.get(f"/gradio_api/file={path}").status_code == 404
        outputs = gradio_call(http, "ingest_files", [[file_record(path)], "harbor", "default"])
        assert "Added 1 article" in outputs[0]
        assert not Path(path).exists()
        answer = http.post("/v1/ask", json={"question": "What did Tom Reyes say?", "corpus": "harbor"}).json()
        assert "ferry pier" in answer["text"]
        assert http.delete("/v1/corpora/harbor").status_code == 200


def test_a_page_of_another_site_cannot_change_anything_nor_reach_a_keyless_server_by_another_name(unlocked):
    with client(unlocked) as http:
        forged = http.post(
            "/v1/corpora/default/documents",
            files=[("files", ("forged.txt", FORGED.encode(), "text/plain"))],
            headers={"origin": "http://evil.example"},
        )
        assert forged.status_code == 403 and "another site" in forged.json()["error"]["message"]
        rebound = http.get("/v1/corpora", headers={"host": "evil.example:7860"})
        assert rebound.status_code == 403 and "ASSISTANT_API_KEY" in rebound.json()["error"]["message"]
        same_site = http.post("/v1/ask", json={"question": "Who is Kamikawa?"}, headers={"origin": unlocked.url})
        assert same_site.status_code == 200
    assert red_line_still_answers(unlocked)


def test_a_blank_key_setting_is_no_key_at_all():
    from assistant import Settings

    assert Settings(api_key="  ", _env_file=None).api_key is None
