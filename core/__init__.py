"""What every other package stands on: the accounts store and keyed secrets (issue 14)."""
