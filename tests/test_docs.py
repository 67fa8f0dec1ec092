"""The README is a manual (STYLE.md item 16): short, and every page of `docs/` it names is there."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAX_LINES = 200
# A Markdown link's target: [text](docs/…), optionally with an anchor.
DOCS_LINK = re.compile(r"\]\((docs/[^)#\s]*)(?:#[^)\s]*)?\)")


def test_the_readme_stays_under_200_lines():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) < MAX_LINES, f"README.md has {len(lines)} lines: move what is not the manual's to docs/"


def test_every_docs_link_of_the_readme_leads_to_a_file():
    links = DOCS_LINK.findall(README.read_text(encoding="utf-8"))
    assert links, "the README links to no page of docs/"
    missing = sorted({link for link in links if not (ROOT / link).is_file()})
    assert not missing, f"README.md links to pages of docs/ that do not exist: {missing}"


def test_every_docs_link_between_the_docs_pages_leads_to_a_file():
    missing = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)\s]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                missing.append(f"{page.name} → {target}")
    assert not missing, f"links of docs/ to files that do not exist: {missing}"
