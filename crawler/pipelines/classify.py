"""Step 5: seniority and skills.

The role is not tagged here: the trained model takes seconds to load in every crawl's
child process and scores listings far faster in batches, so the job that runs the crawls
tags every crawled listing afterwards (`store.retag`), in the parent process, in batches.
A listing stored by this step carries no classifier version, which marks it for that.
"""

from __future__ import annotations

from classifier.seniority import detect_seniority
from classifier.skills import extract_skills
from crawler.items import ListingItem
from crawler.pipelines.base import Step


class ClassifyPipeline(Step):
    def process_item(self, item: ListingItem) -> ListingItem:
        item.seniority = detect_seniority(item.title, item.description_text)
        item.skills = extract_skills(f"{item.title}\n{item.description_text}")
        return item
