import assistant


def test_public_api_is_exactly_the_documented_names():
    assert sorted(assistant.__all__) == ["Answer", "Assistant", "AssistantError", "Citation", "Settings", "Source"]
    for name in assistant.__all__:
        assert getattr(assistant, name).__module__.startswith("assistant.")


def test_settings_read_the_assistant_prefix(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSISTANT_CORPUS", "climate")
    settings = assistant.Settings(_env_file=None)
    assert settings.data_dir == tmp_path and settings.corpus == "climate"
    assert settings.chroma_path == tmp_path / "chroma"
