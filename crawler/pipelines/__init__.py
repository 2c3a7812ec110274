"""The item pipelines, one module per step, in the order settings.ITEM_PIPELINES gives.

validate → clean_text → derive (work mode, salary, seniority, skills, duplicate keys)
→ store. Each step is a thin adapter over a pure function of `classifier`; the role is
tagged later, in batches, by the refresh's tag stage.
"""
