#!/usr/bin/env python3
"""Reads a `notedeck pptx` file back with python-pptx (a real reader) and
compares it with `notedeck outline --json`.

    bench/pptx_check.py NOTEDECK RECAP.pptx [INPUT...]
        every talk slide's title and notes, in order, against the outline;
        sections = opening, one per talk, closing; paragraph levels within
        PowerPoint's 0..8 and nested only one level at a time; tables with
        a header row.
    bench/pptx_check.py --overflow RECAP.pptx RECAP.pdf
        with the PDF LibreOffice rendered from it: every word lies inside
        the box of a shape of its slide (no text overflows its box) and
        inside the page.

Needs `pip install python-pptx`; --overflow also poppler-utils (pdftotext).
Exits 1 with the problems listed.
"""
import json
import re
import subprocess
import sys
import zipfile

from pptx import Presentation
from pptx.util import Emu


def sections(path):
    """Section names and their slide ids, from ppt/presentation.xml."""
    xml = zipfile.ZipFile(path).read("ppt/presentation.xml").decode()
    out = []
    for m in re.finditer(r'<p14:section name="([^"]*)"[^>]*>(.*?)</p14:section>', xml):
        ids = re.findall(r'<p14:sldId id="(\d+)"', m.group(2))
        name = (
            m.group(1)
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", '"')
            .replace("&apos;", "'")
        )
        out.append((name, [int(i) for i in ids]))
    return out


def title_of(slide):
    t = slide.shapes.title
    return t.text_frame.text if t is not None else None


def notes_of(slide):
    if not slide.has_notes_slide:
        return ""
    return slide.notes_slide.notes_text_frame.text


def norm(s):
    return " ".join(s.replace("\u000b", " ").split())


def check(notedeck, pptx_path, inputs):
    problems = []
    outline = json.loads(
        subprocess.run(
            [notedeck, "outline", "--json", *inputs],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    prs = Presentation(pptx_path)
    slides = list(prs.slides)
    decks = outline["decks"]
    talk_slides = sum(len(d["slides"]) for d in decks)
    secs = sections(pptx_path)
    names = [s[0] for s in secs]
    want_names = [d["title"] for d in decks]
    if names[1:-1] != want_names:
        problems.append(f"sections {names} are not the recap's opening, talks {want_names}, closing")
    by_id = {s.slide_id: s for s in slides}
    tables = 0
    checked = 0
    for (name, ids), deck in zip(secs[1:-1], decks):
        if len(ids) != len(deck["slides"]):
            problems.append(f"section {name!r}: {len(ids)} slides, the outline has {len(deck['slides'])}")
            continue
        for sid, want in zip(ids, deck["slides"]):
            s = by_id.get(sid)
            if s is None:
                problems.append(f"section {name!r} lists slide id {sid}, which is missing")
                continue
            checked += 1
            got = norm(title_of(s) or "")
            if got != norm(want["title"]):
                problems.append(f"slide {sid}: title {got!r}, the outline says {want['title']!r}")
            notes = norm(notes_of(s))
            for para in want.get("notes", "").split("\n\n"):
                if norm(para) and norm(para) not in notes:
                    problems.append(f"slide {sid} ({got!r}): notes lack {para[:60]!r}")
            for shape in s.shapes:
                if shape.has_text_frame:
                    prev = 0
                    for p in shape.text_frame.paragraphs:
                        if not 0 <= p.level <= 8 or p.level > prev + 1:
                            problems.append(f"slide {sid}: paragraph level {p.level} after {prev}: {p.text[:40]!r}")
                        prev = p.level
                if shape.has_table:
                    tables += 1
                    if not shape.table.first_row:
                        problems.append(f"slide {sid}: table without a header row")
    if len(slides) < talk_slides + 3:
        problems.append(f"{len(slides)} slides for {talk_slides} talk slides plus opening, agenda and closing")
    print(
        f"python-pptx read {len(slides)} slides in {len(secs)} sections; "
        f"{checked} talk slides checked against outline --json ({tables} tables)"
    )
    return problems


def words_by_page(pdf):
    """Each page's size and words (xMin, yMin, xMax, yMax, text) in pt."""
    html = subprocess.run(
        ["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [
            (float(a), float(b), float(c), float(d), w)
            for a, b, c, d, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                m.group(3),
            )
        ]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def overflow(pptx_path, pdf):
    prs = Presentation(pptx_path)
    pages = words_by_page(pdf)
    problems = []
    slides = list(prs.slides)
    if len(pages) != len(slides):
        problems.append(f"the PDF has {len(pages)} pages for {len(slides)} slides")
    boxes_total = 0
    for n, (s, (pw, ph, words)) in enumerate(zip(slides, pages), 1):
        k = pw / Emu(prs.slide_width)
        boxes = []
        for sh in s.shapes:
            if sh.width is None:
                continue
            boxes.append((sh.left * k, sh.top * k, (sh.left + sh.width) * k, (sh.top + sh.height) * k))
        boxes_total += len(boxes)
        # A word's box from pdftotext spans the font's ascent and descent,
        # taller than its line: across it must lie inside a shape, down its
        # middle must (a line past a box's bottom has its middle outside).
        tol = 1.5
        for x0, y0, x1, y1, w in words:
            mid = (y0 + y1) / 2
            inside = any(
                x0 >= bx0 - tol and x1 <= bx1 + tol and by0 <= mid <= by1
                for bx0, by0, bx1, by1 in boxes
            )
            if not inside or x1 > pw or y1 > ph:
                problems.append(f"page {n}: {w!r} at ({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f}) pt lies outside its text box")
    print(f"LibreOffice's PDF: {len(pages)} pages, {boxes_total} shapes, {len(problems)} words outside their boxes")
    return problems


def main():
    args = sys.argv[1:]
    if args and args[0] == "--overflow":
        problems = overflow(args[1], args[2])
    else:
        problems = check(args[0], args[1], args[2:])
    for p in problems:
        print("problem:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
