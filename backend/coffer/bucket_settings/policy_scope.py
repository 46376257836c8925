"""A bucket policy may speak only of its own bucket: every Resource is the bucket or an object in it.

S3 lets a policy name any ARN, and on a storage system where accounts are namespaces of one AWS account
(SeaweedFS) a statement about another bucket would be a statement about another tenant's data. So the
document is checked here, before the storage system is asked, and each problem is said in words.
"""

from __future__ import annotations

import json
from typing import Any

MAX_POLICY_CHARACTERS = 20 * 1024  # S3's limit for a bucket policy
POLICY_VERSION = "2012-10-17"


def policy_problem(document: str, bucket: str) -> str | None:
    """What is wrong with the policy document for this bucket, in words; None when it may be stored."""
    try:
        policy: Any = json.loads(document)
    except json.JSONDecodeError as error:
        return f"The policy is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
    if not isinstance(policy, dict):
        return "The policy is a JSON object with a Version and a Statement."
    if policy.get("Version") != POLICY_VERSION:
        # Measured: SeaweedFS 4.48 refuses a policy without it (InvalidPolicyDocument, no reason given).
        return f'The policy needs "Version": "{POLICY_VERSION}", the policy language S3 reads.'
    statements = policy.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        return "The policy needs a Statement: one statement or a list of them."
    own, inside = f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/"
    for number, statement in enumerate(statements, start=1):
        if not isinstance(statement, dict):
            return f"Statement {number} is not a JSON object."
        if "NotResource" in statement:
            return f"Statement {number} uses NotResource, which reaches beyond this bucket: name its Resource instead."
        resources = statement.get("Resource")
        if isinstance(resources, str):
            resources = [resources]
        if not isinstance(resources, list) or not resources:
            return f"Statement {number} needs a Resource: {own} or {inside}…"
        for resource in resources:
            if not isinstance(resource, str) or not (resource == own or resource.startswith(inside)):
                return (
                    f"Statement {number} names the resource {resource!r}: a policy of this bucket may name only"
                    f" {own} or objects in it ({inside}…)."
                )
    return None
