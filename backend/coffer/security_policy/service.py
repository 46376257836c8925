"""Whether a person must have MFA: the platform's rule, or their account's, whichever is stricter.

The platform default comes from settings until a platform admin sets it in the console; an
account admin can only add the requirement for their own account, never lift the platform's.
A requirement takes effect at once: the people it newly covers who have no authenticator are
signed out, and set one up at their next sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.store.mfa_policy import MfaPolicyStore
from coffer.store.users import UserRecord, UserStore


@dataclass(frozen=True)
class AccountMfaRule:
    platform_required: bool
    account_required: bool

    @property
    def required(self) -> bool:
        return self.platform_required or self.account_required


class MfaPolicy:
    def __init__(self, store: MfaPolicyStore, users: UserStore, auditor: Auditor, default_required: bool) -> None:
        self._store = store
        self._users = users
        self._auditor = auditor
        self._default = default_required

    async def required_for(self, account_id: str | None) -> bool:
        return await self._store.required_for(account_id, self._default)

    async def platform_required(self) -> bool:
        return await self._store.platform_required(self._default)

    async def set_platform_required(self, required: bool, actor: str, ip: str) -> int:
        """Returns how many people were signed out for having no authenticator."""
        newly = required and not await self.platform_required()
        await self._store.set_platform_required(required)
        signed_out = await self._sign_out_unenrolled(await self._users.all_user_ids()) if newly else 0
        await self._record(actor, ip, "platform", required, "", signed_out)
        return signed_out

    async def account_rule(self, account_id: str) -> AccountMfaRule:
        return AccountMfaRule(
            platform_required=await self.platform_required(),
            account_required=await self._store.account_required(account_id),
        )

    async def set_account_required(
        self, account_id: str, required: bool, actor: str, ip: str
    ) -> tuple[AccountMfaRule, int]:
        """The rule now, and how many people were signed out for having no authenticator."""
        before = await self.account_rule(account_id)
        await self._store.set_account_required(account_id, required)
        after = AccountMfaRule(platform_required=before.platform_required, account_required=required)
        newly = after.required and not before.required
        signed_out = (
            await self._sign_out_unenrolled(sorted(await self._users.account_user_ids(account_id))) if newly else 0
        )
        await self._record(actor, ip, account_id, required, account_id, signed_out)
        return after, signed_out

    async def platform_unenrolled(self) -> int:
        """How many people requiring MFA for everyone would sign out now, said before it is done."""
        return len(await self._unenrolled(await self._users.all_user_ids()))

    async def _unenrolled(self, user_ids: list[str]) -> list[UserRecord]:
        return [user for user in await self._users.get_many(user_ids) if user.totp_secret_sealed is None]

    async def _sign_out_unenrolled(self, user_ids: list[str]) -> int:
        unenrolled = await self._unenrolled(user_ids)
        for user in unenrolled:
            await self._users.bump_version(user.id)  # every session of theirs is refused from now on
        return len(unenrolled)

    async def _record(self, actor: str, ip: str, target: str, required: bool, account_id: str, signed_out: int) -> None:
        await self._auditor.record(
            AuditEvent(
                action=events.MFA_POLICY,
                actor=actor,
                result="success",
                target=target,
                account_id=account_id,
                ip=ip,
                detail=("required" if required else "optional")
                + (f"; {signed_out} without an authenticator signed out" if signed_out else ""),
            )
        )
