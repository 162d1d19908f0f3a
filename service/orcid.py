"""The ORCID OAuth authorisation-code flow (https://info.orcid.org/documentation/api-tutorials/
api-tutorial-get-and-authenticated-orcid-id/): the authorize URL, then the code exchanged
for the iD the person signed in with. Endpoints come from settings, so a test points them
at a local fake and a sandbox app at sandbox.orcid.org."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx

from core.errors import ConfigurationError, UpstreamUnavailable
from core.settings import Settings

log = logging.getLogger("peergraph.orcid")

_ORCID_ID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\s*$", re.I)


class OrcidRefused(Exception):
    """ORCID refused the code (wrong, used or expired): the claimant's failure, not ours."""


@dataclass(frozen=True)
class OrcidIdentity:
    """Who signed in at ORCID."""

    orcid: str
    name: str | None


def bare_orcid(value: str | None) -> str | None:
    """The bare iD (0000-0002-1825-0097) of an iD or an orcid.org URL; None if it is neither."""
    match = _ORCID_ID.search(value or "")
    return match.group(1).upper() if match else None


def orcid_configured(settings: Settings) -> bool:
    """Whether an ORCID app (client id and secret) is set up, so ORCID sign-in can work."""
    return bool(settings.orcid_client_id) and settings.orcid_client_secret is not None


class OrcidClient:
    """Talks to ORCID's OAuth endpoints; `transport` lets a test swap the network."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.transport = transport

    def _client_credentials(self) -> tuple[str, str]:
        """The app's client id and secret, or a ConfigurationError saying what to set."""
        s = self.settings
        if not s.orcid_client_id or s.orcid_client_secret is None:
            raise ConfigurationError("ORCID sign-in is not configured: set "
                                     "PEERGRAPH_ORCID_CLIENT_ID and PEERGRAPH_ORCID_CLIENT_SECRET "
                                     "(an ORCID public API app), or claim by e-mail.")
        return s.orcid_client_id, s.orcid_client_secret.get_secret_value()

    def authorize_url(self, state: str) -> str:
        """Where to send the claimant's browser to sign in at ORCID."""
        client_id, _ = self._client_credentials()
        params = {"client_id": client_id, "response_type": "code", "scope": "/authenticate",
                  "redirect_uri": self.settings.orcid_redirect_uri, "state": state}
        return f"{self.settings.orcid_authorize_url}?{urlencode(params)}"

    def exchange(self, code: str) -> OrcidIdentity:
        """Swap an authorisation code for the signed-in iD; OrcidRefused if ORCID says no."""
        client_id, client_secret = self._client_credentials()
        form = {"client_id": client_id, "client_secret": client_secret, "code": code,
                "grant_type": "authorization_code",
                "redirect_uri": self.settings.orcid_redirect_uri}
        try:
            with httpx.Client(transport=self.transport,
                              timeout=self.settings.orcid_timeout_s) as client:
                response = client.post(self.settings.orcid_token_url, data=form,
                                       headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise UpstreamUnavailable(f"ORCID did not answer ({type(exc).__name__}); "
                                      "try again shortly.") from exc
        if response.status_code in (400, 401, 403):
            raise OrcidRefused(f"ORCID refused the authorisation code ({response.status_code})")
        if response.status_code != 200:
            raise UpstreamUnavailable(f"ORCID answered {response.status_code}; try again "
                                      "shortly.")
        return _identity(response)


def _identity(response: httpx.Response) -> OrcidIdentity:
    """The iD and name in a token response; UpstreamUnavailable when it has no iD."""
    try:
        body = response.json()
    except ValueError as exc:
        raise UpstreamUnavailable("ORCID's token response was not JSON.") from exc
    orcid = bare_orcid(body.get("orcid")) if isinstance(body, dict) else None
    if orcid is None:
        raise UpstreamUnavailable("ORCID's token response names no ORCID iD.")
    return OrcidIdentity(orcid=orcid, name=body.get("name"))
