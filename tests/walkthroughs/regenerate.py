"""Write the walkthrough fixtures: for every dilemma, one path to each ending plus its longest path.

Run after changing a dilemma's graph or leans:  .venv/bin/python tests/walkthroughs/regenerate.py
Then read the diff: each file says, in plain data, what a learner choosing those options must see.
Both the Python engine (test_engine.py) and the browser player (test_browser.py) are checked against
these files, so the two can never silently disagree.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ethicskit.catalog import load_catalog
from ethicskit.engine import Session, enumerate_paths

HERE = Path(__file__).parent
REPO = HERE.parent.parent


def walkthroughs(dilemma_id: str) -> list[dict[str, object]]:
    catalog, problems = load_catalog(REPO)
    assert not problems, problems
    dilemma = catalog.dilemmas[dilemma_id].model
    paths = enumerate_paths(dilemma)
    chosen: list[tuple[list[str], str]] = []
    for ending in dilemma.endings:
        reaching = [path for path in paths if path[1] == ending.id]
        chosen.append(min(reaching, key=lambda path: (len(path[0]), path[0])))
    longest = max(paths, key=lambda path: (len(path[0]), path[0]))
    if longest not in chosen:
        chosen.append(longest)
    out = []
    for choices, ending in chosen:
        session = Session(dilemma)
        for choice in choices:
            session.choose(choice)
        out.append(
            {
                "choices": choices,
                "ending": ending,
                "perspectives": [list(step) for step in session.perspective_path()],
            }
        )
    return out


def main() -> None:
    catalog, _ = load_catalog(REPO)
    for stale in HERE.glob("*.yml"):
        stale.unlink()
    for dilemma_id in sorted(catalog.dilemmas):
        header = f"# Walkthroughs of exercises/dilemmas/{dilemma_id}.yml, written by regenerate.py.\n"
        body = yaml.safe_dump(walkthroughs(dilemma_id), sort_keys=False, default_flow_style=None, width=100)
        (HERE / f"{dilemma_id}.yml").write_text(header + body, encoding="utf-8")
        print(f"wrote tests/walkthroughs/{dilemma_id}.yml")


if __name__ == "__main__":
    main()
