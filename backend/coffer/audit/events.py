"""Audit events are small typed records: who did what to which target, from where, with what result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coffer.store.users import UserRecord

Result = Literal["success", "failure", "denied"]


@dataclass(frozen=True)
class AuditEvent:
    action: str
    actor: str
    result: Result
    target: str = ""
    account_id: str = ""
    ip: str = ""
    detail: str = ""


def by_person(action: str, user: UserRecord, result: Result, ip: str, detail: str = "") -> AuditEvent:
    """What a person did to their own record (a factor tried, a password changed): they are actor and target."""
    return AuditEvent(
        action=action,
        actor=user.username,
        result=result,
        target=user.id,
        account_id=user.account_id or "",
        ip=ip,
        detail=detail,
    )


SIGN_IN_PASSWORD = "auth.sign_in.password"  # noqa: S105 - an action name
SIGN_IN = "auth.sign_in"
LOCKOUT = "auth.lockout"
PASSWORD_CHANGE = "auth.password_change"  # noqa: S105 - an action name
MFA_ENROLL = "auth.mfa.enroll"
RECOVERY_CODES = "auth.recovery_codes"
PASSWORD_RESET_ASK = "auth.password_reset.ask"  # noqa: S105 - an action name
PASSWORD_RESET = "auth.password_reset"  # noqa: S105 - an action name
MFA_VERIFY = "auth.mfa.verify"
MFA_SKIP = "auth.mfa.skip"
MFA_POLICY = "policy.mfa"
STEP_UP = "auth.step_up"
SIGN_OUT = "auth.sign_out"
SIGN_OUT_EVERYWHERE = "auth.sign_out_everywhere"
SESSION_END = "auth.session_end"  # a person ends one of their other sessions
ACCOUNT_CREATE = "account.create"
ACCOUNT_PROVISION_STEP = "account.provision"
ACCOUNT_DISABLE = "account.disable"
ACCOUNT_ENABLE = "account.enable"
ACCOUNT_DELETE = "account.delete"
REQUEST_SUBMIT = "request.submit"
REQUEST_CONFIRM = "request.confirm"
REQUEST_APPROVE = "request.approve"
REQUEST_DENY = "request.deny"
USER_CREATE = "user.create"
USER_DISABLE = "user.disable"
USER_ENABLE = "user.enable"
USER_UNLOCK = "user.unlock"
USER_RESET_PASSWORD = "user.reset_password"  # noqa: S105 - an action name
USER_ROLE = "user.role"
USER_RESET_MFA = "user.reset_mfa"
USER_DELETE = "user.delete"
USER_END_SESSIONS = "user.end_sessions"
KEY_CREATE = "key.create"
KEY_ACTIVATE = "key.activate"
KEY_DEACTIVATE = "key.deactivate"
KEY_DELETE = "key.delete"
CLI_CREDENTIALS = "credentials.cli"
QUOTA_SET = "quota.set"
BUCKET_CREATE = "bucket.create"
BUCKET_DELETE = "bucket.delete"
BUCKET_PURGE = "bucket.purge"  # deleted with all its data: started, then done or failed
DATA_GRANT = "user.data_grant"
SHARE_CREATE = "share.create"
SHARE_REVOKE = "share.revoke"
SHARE_DOWNLOAD = "share.download"
BUCKET_VERSIONING = "bucket.versioning"
BUCKET_CORS = "bucket.cors"
BUCKET_TAGS = "bucket.tags"
BUCKET_POLICY = "bucket.policy"
OBJECT_RESTORE = "object.restore"
OBJECTS_DELETE = "objects.delete"
OBJECT_UPLOAD = "object.upload"  # a multipart upload completed (a small file's single PUT goes unseen)
ALERT_SETTINGS = "alerts.settings"
SIGNING_KEY_ROTATE = "keys.signing.rotate"
MASTER_KEY_RESEAL = "keys.master.reseal"
