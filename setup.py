"""For `scrapyd-deploy`, which builds an egg with `python setup.py bdist_egg`.

Everything (packages, package data, the `scrapy` settings entry point Scrapyd looks
for) is in pyproject.toml; this file only lets the old egg command find it.
"""

from setuptools import setup

setup()
