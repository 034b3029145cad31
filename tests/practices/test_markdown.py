"""Members' Markdown is rendered, and anything that could run is neutralised."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from levier.lib.markdown import render
from tests.factories import make_member, make_organisation
from tests.practices.factories import make_practice

HOSTILE = [
    "<script>alert('x')</script>",
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "<a href='javascript:alert(1)'>lien</a>",
    '<img src="x" onerror="alert(1)">',
    '<a href="https://ok.fr" onclick="alert(1)">lien</a>',
    "![image](data:text/html;base64,PHNjcmlwdD4=)",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    "<svg onload=alert(1)>",
]


def active_content(html: str) -> list[str]:
    """Everything in ``html`` a browser could run or load."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if element.name in {"script", "style", "iframe", "object", "embed", "svg", "img"}:
            found.append(element.name)
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(name)
            value = str(value).lower()
            same_site = value.startswith(("/", "#")) and not value.startswith("//")
            if name in {"href", "src"} and not (
                same_site or value.startswith(("http://", "https://", "mailto:"))
            ):
                found.append(f"{name}={value}")
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_neutralised(text):
    assert active_content(render(text)) == []
    assert active_content(render(f"Texte **gras** puis {text} et [lien](https://ok.fr)")) == []


def test_the_check_itself_spots_active_content():
    assert active_content('<a href="javascript:x">a</a><img src=x onerror=y>') == [
        "href=javascript:x",
        "img",
        "src=x",
        "onerror",
    ]


def test_plain_markdown_still_renders():
    html = render("**Résultat** : -30 %\n\n- un\n- deux\n\n[site](https://exemple.fr)")

    assert "<strong>Résultat</strong>" in html
    assert "<li>un</li>" in html
    assert 'href="https://exemple.fr"' in html and 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.django_db
def test_the_practice_page_shows_hostile_content_harmlessly(client, network):
    organisation = make_organisation(network)
    client.force_login(make_member(organisation))
    practice = make_practice(
        network,
        title="Pratique piégée",
        context="<script>alert('x')</script> [clic](javascript:alert(1))",
        results='<img src=x onerror="alert(1)"> **-20 %**',
    )

    page = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()

    main = str(BeautifulSoup(page, "html.parser").find("main"))
    assert active_content(main) == []
    assert "<strong>-20 %</strong>" in page
