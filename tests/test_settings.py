"""Settings are documented and refuse bad values with the setting's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from coffer.settings import Settings

README = Path(__file__).parents[1] / "README.md"


def test_every_setting_is_in_the_readme_table() -> None:
    text = README.read_text()
    missing = [name for name in Settings.model_fields if f"`COFFER_{name.upper()}`" not in text]
    assert missing == []


def test_a_missing_master_key_stops_start_up_naming_it() -> None:
    with pytest.raises(ValueError, match="COFFER_MASTER_KEY"):
        Settings(storage_access_key="a", storage_secret_key="b").check_ready_to_serve()


def test_a_short_master_key_is_refused() -> None:
    with pytest.raises(ValueError, match="32 random bytes"):
        Settings(master_key="c2hvcnQ=").master_key_bytes()


def test_a_public_origin_with_a_path_is_refused() -> None:
    with pytest.raises(ValidationError, match="public_origin"):
        Settings(public_origin="https://example.com/console")


def test_secrets_are_read_from_files(tmp_path: Path) -> None:
    key_file = tmp_path / "master"
    key_file.write_text("A" * 43 + "=\n")
    assert len(Settings(master_key_file=key_file).master_key_bytes()) == 32


@pytest.mark.parametrize(
    ("time_cost", "memory_kib"),
    [(1, 65536), (2, 19455), (1, 8192)],
)
def test_argon2_below_the_owasp_minimum_is_refused_naming_the_settings(time_cost: int, memory_kib: int) -> None:
    with pytest.raises(ValidationError, match="COFFER_ARGON2_"):
        Settings(argon2_time_cost=time_cost, argon2_memory_kib=memory_kib)


def test_argon2_at_the_owasp_minimum_is_accepted() -> None:
    settings = Settings(argon2_time_cost=2, argon2_memory_kib=19456)
    assert (settings.argon2_time_cost, settings.argon2_memory_kib) == (2, 19456)


def test_weak_argon2_is_allowed_only_when_tests_say_so() -> None:
    settings = Settings(argon2_time_cost=1, argon2_memory_kib=8192, argon2_allow_weak_for_tests=True)
    assert settings.argon2_time_cost == 1


def test_tenants_are_shown_the_public_s3_endpoint_where_one_is_set() -> None:
    internal = Settings(master_key="A" * 43 + "=", s3_endpoint="http://10.0.0.5:8333")
    public = internal.model_copy(update={"public_s3_endpoint": "https://s3.example.com"})
    assert (internal.tenant_s3_endpoint(), public.tenant_s3_endpoint()) == (
        "http://10.0.0.5:8333",
        "https://s3.example.com",
    )


def test_every_gateways_metrics_are_read_from_one_comma_separated_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COFFER_STORAGE_METRICS_URLS", "http://s3-a:9327/metrics, http://s3-b:9327/metrics")
    assert Settings().storage_metrics_urls == ["http://s3-a:9327/metrics", "http://s3-b:9327/metrics"]


def test_a_gateway_listed_twice_is_refused_as_it_would_count_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COFFER_STORAGE_METRICS_URLS", "http://s3-a:9327/metrics,http://s3-a:9327/metrics")
    with pytest.raises(ValidationError, match="counted twice"):
        Settings()
