#!/usr/bin/env python3
"""Writes corpus/norbridge/2026-07-09_preliminary-q2-2026-revenue.pdf: a one-page text PDF
(PDF 1.4, standard Helvetica / Helvetica-Bold, no embedded fonts, uncompressed content
stream) so that the PDF extractor has a small, fully original sample with a results
sentence and a table-like line. Standard library only; the output is deterministic.

Usage: python3 corpus/tools/make_pdf.py [OUTPUT]
"""
import sys
from pathlib import Path

TITLE = "Norbridge Instruments Announces Preliminary Second Quarter 2026 Revenue"

# (font, size, text); font "B" = Helvetica-Bold, "R" = Helvetica, "M" = Courier (table rows).
LINES = [
    ("B", 14, TITLE),
    ("R", 10, ""),
    ("R", 10, "DAYTON, Ohio, July 9, 2026 -- Norbridge Instruments, Inc. (NYSE: NBI) today announced"),
    ("R", 10, "preliminary unaudited revenue for the second quarter ended June 30, 2026."),
    ("R", 10, ""),
    ("R", 10, "Revenue for the second quarter was approximately $398.2 million, up 12.2% from $355.0 million"),
    ("R", 10, "in the second quarter of 2025 and above the company's previous outlook of $380 million to"),
    ("R", 10, "$390 million. Net income is expected to be between $33.0 million and $35.0 million."),
    ("R", 10, ""),
    ("M", 9, "(in millions)        Q2 2026 (prelim.)    Q2 2025    Change"),
    ("M", 9, "Revenue              $398.2               $355.0     12.2%"),
    ("M", 9, "Net income           $33.0 - $35.0        $27.4      --"),
    ("R", 10, ""),
    ("R", 10, "\"Defense shipments and a faster T9 pilot ramp carried the quarter,\" said Daniel Okafor,"),
    ("R", 10, "President and Chief Executive Officer."),
    ("R", 10, ""),
    ("R", 10, "Norbridge will report complete second-quarter results on August 4, 2026, after the market"),
    ("R", 10, "closes, and will hold a conference call and webcast at 5:00 p.m. Eastern Time."),
    ("R", 10, ""),
    ("B", 10, "Forward-looking statements"),
    ("R", 9, "The preliminary figures in this release are forward-looking statements. They are subject to"),
    ("R", 9, "completion of the company's quarter-end closing procedures and review by its independent"),
    ("R", 9, "registered public accounting firm, and actual results may differ materially. See the risk"),
    ("R", 9, "factors in the company's Annual Report on Form 10-K. Norbridge undertakes no duty to update."),
    ("R", 10, ""),
    ("R", 9, "Investor contact: Tom Becker, ir@norbridge.example"),
]


def pdf_string(s: str) -> str:
    """A PDF literal string: backslash, parentheses escaped; text is ASCII by construction."""
    s.encode("ascii")  # raise on anything the standard fonts' WinAnsi subset would garble
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def content_stream() -> bytes:
    fonts = {"R": "/F1", "B": "/F2", "M": "/F3"}
    out = ["BT", "72 740 Td"]
    for font, size, text in LINES:
        out.append(f"{fonts[font]} {size} Tf")
        if text:
            out.append(f"{pdf_string(text)} Tj")
        out.append(f"0 -{size + 5} Td")
    out.append("ET")
    return ("\n".join(out) + "\n").encode("ascii")


def build() -> bytes:
    stream = content_stream()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R >> >> /Contents 7 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
        ("<< /Title " + pdf_string(TITLE) + " /Author (Norbridge Instruments, Inc.) "
         "/Producer (corpus/tools/make_pdf.py) /CreationDate (D:20260709070000-04'00') >>").encode("ascii"),
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n".encode()
    pdf += b"0000000000 65535 f \n"
    for off in offsets:
        pdf += f"{off:010d} 00000 n \n".encode()
    pdf += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(pdf)


def main() -> None:
    default = Path(__file__).resolve().parent.parent / "norbridge" / "2026-07-09_preliminary-q2-2026-revenue.pdf"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    data = build()
    out.write_bytes(data)
    print(f"wrote {out} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
