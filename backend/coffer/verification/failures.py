"""What a wrong or refused factor answers, wherever it was asked for (sign-in, step-up, reset, profile)."""

from __future__ import annotations

from coffer.domain_errors import DomainError, FieldProblem


class InvalidCode(DomainError):
    """The TOTP or recovery code is wrong or was already used."""

    status, slug, title = 401, "invalid-code", "Wrong code"
    detail = "That code is wrong or was already used. Wait for a new code and try again."


class WeakPassword(DomainError):
    status, slug, title = 422, "weak-password", "Password refused"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def detail(self) -> str:
        return self.reason

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem("new_password", self.reason),)


class WrongCurrentPassword(DomainError):
    status, slug, title = 422, "wrong-current-password", "Current password wrong"
    detail = "That is not your current password."

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem("current_password", self.detail),)
