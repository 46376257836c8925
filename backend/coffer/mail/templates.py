"""Every mail Coffer sends, as plain text and HTML (escaped), from one place.

A mail names its secret parts (one-time passwords, confirmation and reset links), so the copy Coffer
keeps of it can leave them out: the person's inbox is the only place they rest in the clear.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    secrets: tuple[str, ...] = ()

    def redacted(self, placeholder: str) -> str:
        """The text with each secret part replaced, for the copy that is kept."""
        text = self.text
        for secret in filter(None, self.secrets):
            text = text.replace(secret, placeholder)
        return text

    @property
    def html(self) -> str:
        paragraphs = "".join(f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>" for part in self.text.split("\n\n"))
        return f'<!doctype html><html><body style="font-family: sans-serif">{paragraphs}</body></html>'


def _sign_in_with(console_url: str, username: str, password: str) -> str:
    return f"Sign in at {console_url} with\n  username: {username}\n  one-time password: {password}\n\n"


def welcome_account_admin(name: str, account: str, username: str, password: str, console_url: str) -> Message:
    return Message(
        subject=f"Your Coffer account {account} is ready",
        text=(
            f"Hello {name},\n\nthe storage account {account} has been created for you.\n\n"
            + _sign_in_with(console_url, username, password)
            + "You will choose your own password and set up an authenticator app at the first sign-in."
        ),
        secrets=(password,),
    )


def confirm_request(name: str, link: str) -> Message:
    return Message(
        subject="Confirm your Coffer account request",
        text=(
            f"Hello {name},\n\nplease confirm your request for a storage account by opening this link "
            f"within 24 hours:\n\n{link}\n\nIf you did not ask for an account, ignore this mail."
        ),
        secrets=(link,),
    )


def new_request_for_staff(organisation: str, account_name: str, contact: str, console_url: str) -> Message:
    return Message(
        subject=f"New account request: {account_name}",
        text=(
            f"{contact} of {organisation} asks for the account {account_name}.\n\n"
            f"Review it at {console_url}/account-requests"
        ),
    )


def request_denied(name: str, account_name: str, reason: str) -> Message:
    return Message(
        subject=f"Your account request {account_name} was declined",
        text=f"Hello {name},\n\nyour request for the account {account_name} was declined:\n\n{reason}",
    )


def invited_user(name: str, username: str, password: str, console_url: str) -> Message:
    return Message(
        subject="Your Coffer sign-in",
        text=(
            f"Hello {name},\n\nyou have been given access to the Coffer console.\n\n"
            + _sign_in_with(console_url, username, password)
            + "You will choose your own password and set up an authenticator app at the first sign-in."
        ),
        secrets=(password,),
    )


def password_reset_by_admin(name: str, username: str, password: str, console_url: str) -> Message:
    return Message(
        subject="Your Coffer password was reset",
        text=(
            f"Hello {name},\n\nan administrator reset your password; your sessions have ended.\n\n"
            + _sign_in_with(console_url, username, password)
            + "You will choose a new password at the sign-in."
        ),
        secrets=(password,),
    )


def mfa_reset_by_admin(name: str) -> Message:
    return Message(
        subject="Your Coffer authenticator was reset",
        text=(
            f"Hello {name},\n\nan administrator reset your authenticator app and recovery codes; your sessions "
            "have ended. At your next sign-in you will set up an authenticator app again.\n\n"
            "If you did not ask for this, tell your administrator at once."
        ),
    )


def password_reset_link(name: str, username: str, link: str) -> Message:
    return Message(
        subject="Reset your Coffer password",
        text=(
            f"Hello {name},\n\nsomeone asked to reset the password of {username}. To choose a new one, open this "
            f"link within 30 minutes:\n\n{link}\n\nIf it was not you, ignore this mail: your password stays."
        ),
        secrets=(link,),
    )


def quota_alert(level: str, subject: str, message: str, usage_url: str) -> Message:
    return Message(
        subject=f"Quota {level}: {subject}",
        text=f"{message}\n\nOver its quota, writes are refused; reads and deletes keep working.\n\nUsage: {usage_url}",
    )


def quota_digest(account_id: str, day: str, lines: list[str]) -> Message:
    listed = "\n".join(f"- {line}" for line in lines)
    return Message(
        subject=f"Quota alerts of {account_id} ({day})",
        text=f"Quota alerts of the account {account_id} since the last digest:\n\n{listed}",
    )
