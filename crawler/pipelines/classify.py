"""Step 5: seniority and skills.

The role is not tagged here: the trained model takes seconds to load in every crawl's
child process and scores listings far faster in batches, so the job that runs the crawls
tags every crawled listing afterwards (`jobradar.store.retag`), in the parent process, in batches.
A listing stored by this step carries no classifier version, which marks it for that.
"""

from __future__ import annotations

from jobradar.classifier.seniority import detect_seniority
from jobradar.classifier.skills import extract_skills
from jobradar.crawler.items import ListingItem
from jobradar.crawler.pipelines.base import Step


class ClassifyPipeline(Step):
    def process_item(self, item: ListingItem) -> ListingItem:
        item.seniority = detect_seniority(item.title, item.description_text)
        item.skills = extract_skills(f"{item.title}\n{item.description_text}")
        return item
