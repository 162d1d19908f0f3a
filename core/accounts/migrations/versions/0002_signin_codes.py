"""signin codes: one-time codes that sign a person in by e-mail

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-09 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import core.accounts.tables

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('signin_codes',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', core.accounts.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', core.accounts.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', core.accounts.tables.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('signin_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signin_codes_email'), ['email'], unique=False)


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table('signin_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signin_codes_email'))
    op.drop_table('signin_codes')
