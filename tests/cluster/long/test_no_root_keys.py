"""No root keys: a hundred sign-ins over both instances create no permanent credential anywhere."""

from __future__ import annotations

import pytest

from coffer.embedded.cluster import LocalCluster
from coffer.settings import Settings

from ...storage import service_client
from ..conftest import browser, create_account, create_person, mfa_optional, sign_in_without_mfa

pytestmark = pytest.mark.cluster


def _every_access_key(settings: Settings) -> dict[str, set[str]]:
    iam = service_client(settings, "iam")
    users = [user["UserName"] for user in iam.list_users()["Users"]]
    return {
        user: {key["AccessKeyId"] for key in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]} for user in users
    }


def _sign_ins_served(cluster: LocalCluster, index: int) -> int:
    """Sign-ins that ended at this instance, from its access log."""
    log = cluster.instance_log(index).read_text(encoding="utf-8")
    return sum(1 for line in log.splitlines() if '"/api/v1/auth/mfa/enrollment/skip", "status": 200' in line)


def test_a_hundred_sign_ins_over_both_instances_create_no_permanent_key(
    cluster: LocalCluster, cluster_settings: Settings
) -> None:
    account_id = create_account(cluster_settings, "roots")
    people = [create_person(cluster_settings, "account-member", account_id=account_id) for _ in range(10)]
    mfa_optional(cluster_settings)
    before = _every_access_key(cluster_settings)
    skips_before = [_sign_ins_served(cluster, index) for index in range(2)]

    for _ in range(10):
        for person in people:
            with browser(cluster) as client:
                sign_in_without_mfa(client, person)
                # a storage call with the session's temporary credentials, on whichever instance answers
                answer = client.get(f"/api/v1/accounts/{account_id}/buckets")
                assert answer.status_code == 200, answer.text

    after = _every_access_key(cluster_settings)
    assert after == before
    iam_users_of_account = [user for user in after if account_id in user]
    assert len(iam_users_of_account) == 11  # the admin and ten members; none of them holds a key
    assert all(not after[user] for user in iam_users_of_account)
    served = [_sign_ins_served(cluster, index) - skips_before[index] for index in range(2)]
    assert sum(served) == 100 and min(served) >= 20, served  # round robin spread them over both
