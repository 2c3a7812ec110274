"""Re-measure the extraction figures the report quotes and write them beside the report code:
seniority, remote type and salary on the locked test part of the reference labels, each with
its 95 % bootstrap interval and n.

Run after changing an extractor: python -m bench.accuracy [DATA_DIR]
(`tests/test_report_accuracy.py` fails until the shipped figures match the code.)
"""

from __future__ import annotations

import json
import sys

from jobradar.datadir import require_data_dir
from jobradar.report.accuracy import EXTRACTION_ACCURACY, measure_extraction

if __name__ == "__main__":
    corpus = require_data_dir(sys.argv[1] if len(sys.argv) > 1 else None).corpus()
    EXTRACTION_ACCURACY.write_text(
        json.dumps(measure_extraction(corpus), indent=2) + "\n", encoding="utf-8"
    )
    print(EXTRACTION_ACCURACY.read_text(encoding="utf-8"), end="")
