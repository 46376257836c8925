"""Does the accounts list stay fast as accounts grow? First pages at 100 and at 10,000 accounts, one run.

Starts the embedded stack and one BFF process, creates accounts as records (as the saga's first
step does; storage is not involved in listing), and times the first page of the list as the
console asks for it: newest first, by name, filtered by status, and searched by prefix.
Prints p50 at both sizes side by side and the ratio (goal ≤ 2×).
Run by hand: .venv/bin/python bench/list_scaling.py [rounds]
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

from coffer.accounts.service import Accounts
from coffer.settings import Settings
from coffer.store.accounts import AccountRecord
from harness import console_with_admin, percentile, timed_gets, with_services

QUERIES = {
    "newest first": "/api/v1/accounts?limit=25",
    "by name": "/api/v1/accounts?limit=25&sort=name",
    "status=active": "/api/v1/accounts?limit=25&status=active",
    "search 'acme12'": "/api/v1/accounts?limit=25&q=acme12",
}
SIZES = (100, 10_000)


def _grow(settings: Settings, start: int, stop: int) -> None:
    async def create(services: Any) -> None:
        now = time.time()
        for first in range(start, stop, 20):
            await asyncio.gather(
                *(
                    services.get(Accounts).new_record(
                        AccountRecord(
                            id=f"acme{number}",
                            display_name=f"Acme-{number}",
                            contact_email=f"ops@acme{number}.example.com",
                            status="active" if number % 4 else "disabled",
                            created_at=now + number / 1000,
                        )
                    )
                    for number in range(first, min(first + 20, stop))
                )
            )

    with_services(settings, create)


def main(rounds: int) -> None:
    medians: dict[int, dict[str, float]] = {}
    with console_with_admin() as (settings, client):
        grown = 0
        for size in SIZES:
            _grow(settings, grown, size)
            grown = size
            timings = timed_gets(client, list(QUERIES.values()), rounds)
            medians[size] = {name: percentile(timings[path], 0.5) for name, path in QUERIES.items()}
    small, large = SIZES
    print(f"{'first page':<18}{f'{small} p50 ms':>14}{f'{large} p50 ms':>16}{'ratio':>8}")
    for name in QUERIES:
        ratio = medians[large][name] / medians[small][name]
        print(f"{name:<18}{medians[small][name]:>14.3f}{medians[large][name]:>16.3f}{ratio:>7.2f}x")
    print(f"(goal: ratio <= 2x; {rounds} requests each)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
