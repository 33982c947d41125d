"""The Jinja2 environment for fact sheets: autoescape always on (it is off by default),
strict undefined variables, and the cleaning filters."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from claimdesk.exports.safe import clean, markdown_text, safe_url
from claimdesk.paths import resources_dir

if TYPE_CHECKING:
    from jinja2 import Environment


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(resources_dir() / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(clean=clean, safe_url=safe_url, md=markdown_text)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
