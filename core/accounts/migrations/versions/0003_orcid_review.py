"""orcid sign-in and review claims: users.orcid, e-mail optional, claim evidence, states

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 17:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import core.accounts.tables

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(length=320), nullable=True)
        batch_op.add_column(sa.Column('orcid', sa.String(length=19), nullable=True))
        batch_op.add_column(sa.Column('orcid_verified_at',
                                      core.accounts.tables.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.create_unique_constraint('uq_users_orcid', ['orcid'])
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('review_reason', sa.Text(), nullable=True))
    op.create_table('orcid_states',
    sa.Column('state_hash', sa.String(length=64), nullable=False),
    sa.Column('session_hash', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('next', sa.String(length=1000), nullable=False),
    sa.Column('created_at', core.accounts.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', core.accounts.tables.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('state_hash')
    )
    with op.batch_alter_table('orcid_states', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orcid_states_expires_at'), ['expires_at'],
                              unique=False)


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table('orcid_states', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orcid_states_expires_at'))
    op.drop_table('orcid_states')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('review_reason')
        batch_op.drop_column('evidence')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('uq_users_orcid', type_='unique')
        batch_op.drop_column('orcid_verified_at')
        batch_op.drop_column('orcid')
        batch_op.alter_column('email', existing_type=sa.String(length=320), nullable=False)
