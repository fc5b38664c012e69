"""Issue 11: text in scripts EB Garamond lacks (Chinese, Japanese, Korean) falls back to an installed
font (Debian's fonts-noto-cjk) instead of failing the print step."""

from __future__ import annotations

from pdftext import fonts, run
from pipeline.print import read_tei

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Scripts</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="letter" xml:id="s.d01" n="1"><p>Chinese 中华人民共和国, Japanese 日本語のテキスト, Korean 한국어.</p></div></body></text></TEI>"""


def test_cjk_falls_back_to_an_installed_font(printer, tmp_path):
    tei = read_tei(TEI.encode("utf-8"), name="scripts.xml")
    pdf = tmp_path / "scripts.pdf"
    pdf.write_bytes(printer.file_pdf(tei))
    text = run("pdftotext", pdf, "-")
    for words in ("中华人民共和国", "日本語のテキスト", "한국어"):
        assert words in text
    assert any("CJK" in row["name"] and row["emb"] == "yes" for row in fonts(pdf))
