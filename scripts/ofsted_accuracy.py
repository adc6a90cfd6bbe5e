"""Per-field accuracy and time per report of the Ofsted report parser, over the test reports.

Run: .venv/bin/python scripts/ofsted_accuracy.py [--layouts]

Each report in src/hearth/inspections/tests/reports/ is read as text and as a PDF printed from it
with Typst; every field is compared with the hand-written .expected.json (enforcement by kind and
date). Prints one line per field, then the median and slowest time to parse a report of each form.
``--layouts`` prints instead the fields right in each printed layout (inspections/tests/pdfs.py).
"""

import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.config.settings.local")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
import django

django.setup()

from hearth.inspections.parser import REPORT_FIELDS as FIELDS  # noqa: E402
from hearth.inspections.parser import parse_report, read_report_bytes  # noqa: E402
from hearth.inspections.tests.factories import FIXTURE_URNS, REPORTS, report_text  # noqa: E402
from hearth.inspections.tests.pdfs import LAYOUTS, report_pdf  # noqa: E402


def layouts() -> None:
    for layout in LAYOUTS:
        right = total = 0
        for name, urn in sorted(FIXTURE_URNS.items()):
            expected = json.loads((REPORTS / f"{name}.expected.json").read_text())
            pdf = report_pdf(report_text(name), urn=urn, layout=layout, provider=expected["provider"] or "")
            report = parse_report(read_report_bytes(pdf, name=name), source=name)
            for field in FIELDS:
                if field == "file":
                    continue
                got, want = report[field], expected[field]
                if field == "enforcement":
                    got = [{"kind": e["kind"], "date": e["date"]} for e in got]
                total += 1
                right += got == want
                if got != want:
                    print(f"  wrong: {name} ({layout}) {field}")
        print(f"{layout:<32} {right}/{total}")


def main() -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    times: dict[str, list[float]] = {"text": [], "pdf": []}
    for name in sorted(FIXTURE_URNS):
        expected = json.loads((REPORTS / f"{name}.expected.json").read_text())
        forms = {"text": report_text(name).encode(), "pdf": report_pdf(report_text(name), urn=FIXTURE_URNS[name])}
        for form, data in forms.items():
            started = time.perf_counter()
            report = parse_report(read_report_bytes(data, name=name), source=name)
            times[form].append(time.perf_counter() - started)
            for field in FIELDS:
                got = report[field]
                if field == "enforcement":
                    got = [{"kind": e["kind"], "date": e["date"]} for e in got]
                total[field] += 1
                right[field] += got == expected[field]
                if got != expected[field]:
                    print(f"  wrong: {name} ({form}) {field}")
    print(f"{'field':<18} correct")
    for field in FIELDS:
        print(f"{field:<18} {right[field]}/{total[field]}")
    for form, spent in times.items():
        print(
            f"time per report ({form}): median {statistics.median(spent) * 1000:.1f} ms, "
            f"slowest {max(spent) * 1000:.1f} ms over {len(spent)} reports"
        )


if __name__ == "__main__":
    layouts() if "--layouts" in sys.argv else main()
