"""Print the code-size bars of `src/`: modules over 400 lines, functions over 60, bare `Any`s.

A bare `Any` is a parameter, return or attribute annotated `Any` itself (`dict[str, Any]` for
JSON does not count). Run: `python scripts/code_bars.py [src]`.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MODULE_LINES = 400
FUNCTION_LINES = 60


def _bare_any(node: ast.expr | None) -> bool:
    return (isinstance(node, ast.Name) and node.id == "Any") or (
        isinstance(node, ast.Attribute) and node.attr == "Any"
    )


def main(root: Path) -> None:
    """Print every module and function over its bar, and each bare `Any`, then the counts."""
    big_modules, long_functions, anys = [], [], []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MODULE_LINES:
            big_modules.append(f"{path}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    long_functions.append(f"{path}:{node.lineno} {node.name}: {length} lines")
                arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                arguments += [a for a in (node.args.vararg, node.args.kwarg) if a is not None]
                anys += [
                    f"{path}:{a.lineno} {node.name}({a.arg})"
                    for a in arguments
                    if _bare_any(a.annotation)
                ]
                if _bare_any(node.returns):
                    anys.append(f"{path}:{node.lineno} {node.name} -> Any")
            elif isinstance(node, ast.AnnAssign) and _bare_any(node.annotation):
                anys.append(f"{path}:{node.lineno} {ast.unparse(node.target)}: Any")
    for title, rows in (
        (f"modules over {MODULE_LINES} lines", big_modules),
        (f"functions over {FUNCTION_LINES} lines", long_functions),
        ("bare Any", anys),
    ):
        print(f"{title}: {len(rows)}")
        for row in rows:
            print(f"  {row}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "src"))
