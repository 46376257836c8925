"""Share links: an account's people hand out links to objects that Coffer checks on every use."""

from __future__ import annotations

from coffer.objects.archives import Archives
from coffer.share_links.routes import OPERATIONS
from coffer.share_links.service import ShareLinks
from coffer.store.accounts import AccountStore
from coffer.store.regulation import RegulationStore
from coffer.store.share_links import ShareLinkStore
from coffer.store.users import UserStore
from coffer.verification.passwords import Passwords
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    wiring.add(
        ShareLinks(
            ShareLinkStore(wiring.redis),
            UserStore(wiring.redis),
            AccountStore(wiring.redis),
            RegulationStore(wiring.redis),
            wiring.get(Passwords),
            wiring.provider,
            wiring.auditor,
            wiring.clock,
            wiring.get(Archives),
            settings.download_link_seconds,
            settings.tenant_s3_endpoint(),
        )
    )


CAPABILITY = Capability("share links", build, OPERATIONS)
