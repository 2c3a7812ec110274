"""the dedupe stage reads only the companies whose listings changed

Every dedupe stage read every open listing and matched every company again: a minute at
a million listings, and more than ten at ten million, for the few companies a day's
crawl changed. Each write that can change a company's links now marks the company
(`dedupe_marks`), and the stage reads the marked companies alone; `store_state` says
which matcher linked the store, so that another matcher reads everything once. A store
upgraded from an earlier revision has no matcher recorded: its next stage reads all.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 01:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'dedupe_marks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('company_key', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'store_state',
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )


def downgrade() -> None:
    op.drop_table('store_state')
    op.drop_table('dedupe_marks')
