"""Benchmark of the PDF step: `python -m pipeline.print.bench [TEI…]` prints figures (no timing is asserted).

For the whole edition (default: tei/*.xml) it measures, in this process:
  - weasyprint  WeasyPrint alone on the same paged HTML (every file's part, the edition's front and
                back matter), with its own defaults (the baseline);
  - step        the print step: XSLT to paged HTML, each piece's PDF with the asset-only fetcher,
                PDF/UA tagging and the missing-glyph watch, and the binding of the pieces into one
                book (what `pipeline print` does for the edition);
  - binding     the binding alone (pikepdf: pages, structure tree, destinations, outline, folios);
in CPU seconds of this process (the machine may be shared), and prints their ratio (target ≤ 1.3),
seconds per page (target about 0.1) and the peak resident memory of the three processes
`pipeline print` uses: the one that binds (pikepdf; target < 150 MiB), the one that runs the
stylesheet (Saxon) and the one that typesets (WeasyPrint). The best of a few runs counts.
bench/bench_print.py measures the command itself at N files (time, memory per process).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

RUNS = 3

#: Run in a fresh process: the edition made as `pipeline print` makes it; prints both processes' peaks.
_PRINT_LIKE_THE_COMMAND = """
import sys, tempfile
from pathlib import Path
from pipeline.print import Printer, read_tei
from pipeline.print.bench import peak_mib
from pipeline.print.process import HtmlProcess, PdfProcess
files = [read_tei(Path(p).read_bytes(), name=Path(p).name) for p in sys.argv[1:]]
with PdfProcess() as pdfs, HtmlProcess() as htmls, tempfile.TemporaryDirectory() as out:
    printer = Printer(typesetter=pdfs, xslt=htmls)
    parts = [printer.part(f) for f in files]
    printer.write_book(Path(out) / "edition.pdf", files, parts, scope="edition")
    typesetter = pdfs._pool.submit(peak_mib).result()
    stylesheet = htmls._pool.submit(peak_mib).result()
print(peak_mib(), stylesheet, typesetter)
"""


def peak_mib() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss carries over from the parent across exec)."""
    with open("/proc/self/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmHWM"))) / 1024


def _pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main(argv: list[str]) -> None:
    from pipeline.print import Printer, read_tei
    from pipeline.print.binding import bind
    from pipeline.print.pdf import ASSETS_DIR, STYLESHEET

    paths = sorted(Path(a) for a in argv) or sorted(Path("tei").glob("*.xml"))
    files = [read_tei(p.read_bytes(), name=p.name) for p in paths]
    printer = Printer()
    book = printer.book(files, [printer.part(f) for f in files], scope="edition")  # warm up: imports, fonts
    pieces = [printer.paged_html([f], scope="file", piece="part") for f in files] + [book.front, book.back]

    import weasyprint

    base_url = (ASSETS_DIR / STYLESHEET).as_uri()
    # CPU time of this process: the machine is shared, and wall time measures the neighbours too
    baseline, step, binding = [], [], []
    for _ in range(RUNS):
        start = time.process_time()
        for html in pieces:
            weasyprint.HTML(string=html, base_url=base_url).write_pdf()
        baseline.append(time.process_time() - start)
        start = time.process_time()
        parts = [printer.part(f) for f in files]  # the paged HTML, typeset, its structure made whole
        pdf = printer.book(files, parts, scope="edition").pdf
        step.append(time.process_time() - start)
        front, back = printer.typeset(book.front, kind="front", ids="f-"), printer.typeset(book.back, kind="back", ids="b-")
        start = time.process_time()
        bind(front, parts, back, printer._folio_sheet)
        binding.append(time.process_time() - start)
    pages = _pages(pdf)
    command = subprocess.run([sys.executable, "-c", _PRINT_LIKE_THE_COMMAND, *map(str, paths)],
                             capture_output=True, text=True, check=True)
    main_mib, html_mib, pdf_mib = map(float, command.stdout.split()[-3:])
    figures = {
        "files": len(files),
        "pages": pages,
        "weasyprint_alone_cpu_s": round(min(baseline), 3),
        "print_step_cpu_s": round(min(step), 3),
        "ratio_step_to_weasyprint": round(min(step) / min(baseline), 3),
        "binding_cpu_s": round(min(binding), 3),
        "seconds_per_page": round(min(step) / max(pages, 1), 4),
        "peak_rss_mib_binding_process": round(main_mib, 1),
        "peak_rss_mib_stylesheet_process": round(html_mib, 1),
        "peak_rss_mib_typesetting_process": round(pdf_mib, 1),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
