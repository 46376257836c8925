"""A person sees their open sessions (device, IP, started, last seen) and ends one of the others."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

from ..conftest import open_client
from ..flows import Person, first_sign_in, sign_in


def sessions(client: TestClient) -> list[dict[str, object]]:
    answer = client.get("/api/v1/me/sessions")
    assert answer.status_code == 200, answer.text
    items: list[dict[str, object]] = answer.json()["items"]
    return items


def test_sessions_are_listed_with_their_device_and_another_one_can_be_ended(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    client.headers["User-Agent"] = "Laptop browser"
    first_sign_in(client, admin, clock)
    with open_client(settings, clock) as phone:
        phone.headers["User-Agent"] = "Phone browser"
        sign_in(phone, admin, clock)
        clock.advance(120)
        assert phone.get("/api/v1/me").status_code == 200  # renewed: last seen moves on

        listed = sessions(client)
        assert [(item["device"], item["current"]) for item in listed] == [
            ("Phone browser", False),
            ("Laptop browser", True),
        ]
        assert listed[0]["last_seen_at"] > listed[0]["started_at"]

        assert client.post(f"/api/v1/me/sessions/{listed[1]['sid']}/sign-out").status_code == 409
        assert client.post("/api/v1/me/sessions/nosuchsession/sign-out").status_code == 404
        assert client.post(f"/api/v1/me/sessions/{listed[0]['sid']}/sign-out").status_code == 204

        assert phone.get("/api/v1/me").status_code == 401
        assert [item["device"] for item in sessions(client)] == ["Laptop browser"]


def test_signing_out_everywhere_empties_the_list(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    with open_client(settings, clock) as other:
        sign_in(other, admin, clock)
        assert len(sessions(other)) == 2
        client.post("/api/v1/auth/logout")
        assert len(sessions(other)) == 1
        other.post("/api/v1/auth/logout-all")
    sign_in(client, admin, clock)
    assert len(sessions(client)) == 1


@pytest.mark.parametrize(
    ("user_agent", "named"),
    [
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
            "Chrome 156 on Linux",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Firefox 128 on Windows 10",
        ),
        ("curl/8.5.0", "curl 8"),
        ("", ""),
    ],
)
def test_a_session_names_its_device_as_people_say_it_and_keeps_the_header(
    client: TestClient, admin: Person, clock: FixedClock, user_agent: str, named: str
) -> None:
    client.headers["User-Agent"] = user_agent
    first_sign_in(client, admin, clock)
    (listed,) = sessions(client)
    assert (listed["device_name"], listed["device"]) == (named, user_agent)
