"""Write a new migration from the difference between the models and the newest revision.

python -m jobradar.store.migrations.regenerate "what changed"
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine


def main(message: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/schema.db")
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            number = len(list((Path(__file__).parent / "versions").glob("[0-9]*.py"))) + 1
            command.revision(config, message=message, autogenerate=True, rev_id=f"{number:04d}")


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
