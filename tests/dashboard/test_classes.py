"""Every CSS class the dashboard's code names exists in the stylesheets it ships (assets/:
Bootstrap 5.2.3 and timeline.css): a class of a later Bootstrap does nothing here."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# classes that only mark an element for the tests and the page's own code: no style of their own
HOOKS = {"article-title", "edit-was", "key-event", "story-page", "upload-counts"}


def named_classes() -> dict[str, set[str]]:
    """class -> where it is named: the strings in every ``className=`` of dashboard/, also
    through a module-level name (DOWNLOAD_BUTTON = "btn ...")."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        names = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                 for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.keyword) and node.arg == "className"):
                continue
            parts = [node.value] + [names[n.id] for n in ast.walk(node.value)
                                    if isinstance(n, ast.Name) and n.id in names]
            for part in parts:
                for sub in ast.walk(part):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                        for name in sub.value.split():
                            found.setdefault(name, set()).add(f"{path.relative_to(ROOT)}:{sub.lineno}")
    return found


def test_every_class_the_dashboard_names_is_in_its_stylesheets():
    css = "".join(p.read_text("utf-8") for p in sorted((ROOT / "assets").glob("*.css")))
    found = named_classes()
    assert {"btn-outline-primary", "d-flex", "gap-2"} <= set(found)  # the walk reaches them
    missing = {name: sorted(where) for name, where in found.items()
               if name not in HOOKS and not re.search(rf"\.{re.escape(name)}(?![\w-])", css)}
    assert missing == {}
    assert all(not re.search(rf"\.{re.escape(name)}(?![\w-])", css) for name in HOOKS)  # kept true
