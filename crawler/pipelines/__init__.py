"""The item pipelines, one module per step, in the order settings.ITEM_PIPELINES gives.

validate → clean_text → location (remote type) → salary → classify (role, seniority,
skills) → store. Each step is a thin adapter over a pure function of `classifier`.
"""
