"""A small CSS-selector subset for the tests (tag, .class, #id, [attr], [attr=value], descendants, commas),
translated to XPath for lxml, so the tests need no cssselect package."""

from __future__ import annotations

import re
from functools import lru_cache

_STEP = re.compile(r"""(?P<tag>[a-zA-Z][a-zA-Z0-9]*|\*)?(?P<rest>(?:\.[\w-]+|\#[\w.-]+|\[[^\]]+\])*)""")
_PART = re.compile(r"""\.([\w-]+)|\#([\w.-]+)|\[([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\]]*)))?\]""")


@lru_cache(maxsize=None)
def to_xpath(selector: str) -> str:
    """'.text ins[data-hand]' -> './/*[...]//ins[@data-hand]'."""
    alternatives = []
    for alternative in selector.split(","):
        path = "."
        for step in alternative.split():
            match = _STEP.fullmatch(step)
            if not match:
                raise ValueError(f"unsupported selector step: {step!r}")
            tests = []
            for cls, ident, attr, dq, sq, bare in _PART.findall(match["rest"]):
                if cls:
                    tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')")
                elif ident:
                    tests.append(f"@id = '{ident}'")
                else:
                    value = dq or sq or bare
                    tests.append(f"@{attr} = '{value}'" if (dq or sq or bare) else f"@{attr}")
            path += "//" + (match["tag"] or "*") + "".join(f"[{t}]" for t in tests)
        alternatives.append(path)
    return " | ".join(alternatives)


def select(element, selector: str) -> list:
    """The elements under `element` matching the selector, in document order."""
    return element.xpath(to_xpath(selector))
