"""The identity and social routers, in the order the app includes them (before the authors
router, whose greedy `{author_id:path}` would otherwise see their paths first)."""

from __future__ import annotations

from service.routers import audit, claims, follows, invitations, tokens, users

IDENTITY_ROUTERS = [users.router, tokens.router, follows.router, claims.router,
                    invitations.router, audit.router]
