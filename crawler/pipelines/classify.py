"""Step 5: role (with confidence), seniority and skills."""

from __future__ import annotations

from scrapy.crawler import Crawler

from classifier.roles import RoleModel, load_role_model
from classifier.seniority import detect_seniority
from classifier.skills import extract_skills
from crawler.items import ListingItem
from crawler.pipelines.base import Step


class ClassifyPipeline(Step):
    def __init__(self, crawler: Crawler, model: RoleModel | None = None) -> None:
        super().__init__(crawler)
        self.model = model or load_role_model()  # loaded once per crawl

    def process_item(self, item: ListingItem) -> ListingItem:
        [(role, confidence)] = self.model.predict([item.title], [item.description_text])
        item.role = role
        item.role_confidence = round(confidence, 4)
        item.classifier_version = self.model.version
        item.seniority = detect_seniority(item.title, item.description_text)
        item.skills = extract_skills(f"{item.title}\n{item.description_text}")
        return item
