"""Markdown written by members, rendered to HTML that cannot run anything.

markdown-it renders with raw HTML disabled; nh3 (the Ammonia sanitiser) then
keeps only a short list of tags and safe URL schemes, whatever got through.
"""

import nh3
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}}


def render(text: str) -> str:
    html = _renderer.render(text or "")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
