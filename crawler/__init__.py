"""The Scrapy project: spiders (one base per source type), the pipeline chain, replay."""
