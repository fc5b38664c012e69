"""Benchmark of the PDF step: `python -m pipeline.print.bench [TEI…]` prints figures (no timing is asserted).

For the whole edition (default: tei/*.xml) it measures, in this process:
  - weasyprint  WeasyPrint alone on the same paged HTML, with its own defaults (the baseline);
  - step        the print step: XSLT to paged HTML, then the PDF with the asset-only fetcher,
                PDF/UA tagging and the missing-glyph watch (what `pipeline print` does per PDF);
in CPU seconds of this process (the machine may be shared), and prints their ratio (target ≤ 1.3), seconds per page (target about 0.1) and the peak resident
memory (target < 150 MiB) of the two processes `pipeline print` uses for the edition: the one that
makes the paged HTML (Saxon) and the one that makes the PDF (WeasyPrint). The best of a few runs counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5


def _peak_mib(code: str, *args: str) -> float:
    """Peak resident memory of a fresh Python process running `code`."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
    code += "\nprint(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return int(result.stdout.split()[-1]) / 1024


def _pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main(argv: list[str]) -> None:
    from pipeline.print import Printer, read_tei
    from pipeline.print.pdf import ASSETS_DIR, STYLESHEET

    paths = sorted(Path(a) for a in argv) or sorted(Path("tei").glob("*.xml"))
    files = [read_tei(p.read_bytes(), name=p.name) for p in paths]
    printer = Printer()
    html = printer.paged_html(files, scope="edition")
    printer.pdf(html)  # warm up: imports, fonts

    import weasyprint

    base_url = (ASSETS_DIR / STYLESHEET).as_uri()
    # CPU time of this process: the machine is shared, and wall time measures the neighbours too
    baseline, step = [], []
    for _ in range(RUNS):
        start = time.process_time()
        weasyprint.HTML(string=html, base_url=base_url).write_pdf()
        baseline.append(time.process_time() - start)
        start = time.process_time()
        pdf = printer.pdf(printer.paged_html(files, scope="edition"))
        step.append(time.process_time() - start)
    pages = _pages(pdf)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "edition.html"
        page.write_text(html, encoding="utf-8")
        html_mib = _peak_mib(
            "import sys; from pathlib import Path; from pipeline.print import Printer, read_tei\n"
            "Printer().paged_html([read_tei(Path(p).read_bytes(), name=Path(p).name) for p in sys.argv[1:]])",
            *map(str, paths))
        pdf_mib = _peak_mib(
            "import sys; from pathlib import Path; from pipeline.print.pdf import PdfMaker\n"
            "PdfMaker().pdf(Path(sys.argv[1]).read_text(encoding='utf-8'))", str(page))
    figures = {
        "files": len(files),
        "pages": pages,
        "weasyprint_alone_cpu_s": round(min(baseline), 3),
        "print_step_cpu_s": round(min(step), 3),
        "ratio_step_to_weasyprint": round(min(step) / min(baseline), 3),
        "seconds_per_page": round(min(step) / max(pages, 1), 4),
        "peak_rss_mib_html_process": round(html_mib, 1),
        "peak_rss_mib_pdf_process": round(pdf_mib, 1),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
