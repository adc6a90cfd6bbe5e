"""The concept lists, kept as text beside this file (``exploitation.txt``, ``wellbeing.txt``).

A line ``[name]`` starts a concept and each line after it is one phrase (slots: see
``matching.py``); ``@NAME = a|b|c`` defines a list that phrases use as ``@NAME``; ``#`` starts a
comment. A mistake is reported with the file and line.
"""

import re
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent
FILES = ("exploitation.txt", "wellbeing.txt")
_MACRO = re.compile(r"@([A-Z_]+)")
_DEFINITION = re.compile(r"^@([A-Z_]+)\s*=\s*(\S.*)$")


class ConceptFileError(ValueError):
    pass


def read_concepts(path: Path) -> dict[str, list[str]]:
    concepts: dict[str, list[str]] = {}
    macros: dict[str, str] = {}
    current: list[str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path.name}, line {number}"
        definition = _DEFINITION.match(line)
        if definition:
            macros[definition.group(1)] = definition.group(2).strip()
        elif line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if name in concepts:
                raise ConceptFileError(f"{where}: the concept {name} is defined twice")
            current = concepts[name] = []
        elif current is None:
            raise ConceptFileError(f"{where}: a phrase before any [concept]")
        else:

            def expand(m: re.Match[str], where: str = where) -> str:
                if m.group(1) not in macros:
                    raise ConceptFileError(f"{where}: no list @{m.group(1)}")
                return macros[m.group(1)]

            current.append(_MACRO.sub(expand, line))
    return concepts


@cache
def all_concepts() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for name in FILES:
        for concept, phrases in read_concepts(FOLDER / name).items():
            if concept in merged:
                raise ConceptFileError(f"{name}: the concept {concept} is also defined in another file")
            merged[concept] = phrases
    return merged
