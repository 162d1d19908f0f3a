"""Identity and social: users, tokens, follows, claims, invitations, and their audit trail."""
