#!/usr/bin/env python3
"""Turns each shipped real profile's provisions (headings and summaries) into a Markdown draft
law, tests/fixtures/drafts/<profile>.md, for measuring how well `budapest-gap draft` ranks
provisions. Provision i of the profile becomes "Article i" of the draft, in the same order."""
import json, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
for path in sorted((root / "profiles").glob("*.json")):
    profile = json.loads(path.read_text())
    if not profile["jurisdiction"].get("code"):
        continue
    lines = [f"# {profile['document']['title']} (provisions as a draft, for tests)", ""]
    for i, p in enumerate(profile["provisions"], 1):
        heading = p.get("heading") or ""
        lines += [f"## Article {i} – {heading}".rstrip(" –"), "", p["summary"], ""]
    (root / "tests/fixtures/drafts" / f"{path.stem}.md").write_text("\n".join(lines))
