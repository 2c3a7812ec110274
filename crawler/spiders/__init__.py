"""jobradar's spiders: one module per source, each on a base spider of its source type.

Which base to use:
- a JSON API answering with a list of jobs (a feed, or one board per request) → `JsonApiSpider`;
- a Greenhouse / Lever / Ashby board → `GreenhouseBoardSpider` / `LeverBoardSpider` / `AshbyBoardSpider`;
- HTML pages carrying schema.org JobPosting JSON-LD → `JobPostingPageSpider`;
- an RSS feed → `RssFeedSpider`.
"""
