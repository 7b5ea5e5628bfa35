"""Every role reaches its home page."""

from __future__ import annotations


def test_each_role_lands_on_its_home(as_user) -> None:
    for user, words in [
        ("school_a", "东区第一小学"),
        ("inspector_a", "核定任务"),
        ("admin", "总览"),
        ("district_east", "总览"),
    ]:
        page = as_user(user).get("/", follow_redirects=True)
        assert page.status_code == 200
        assert words in page.data.decode()


def test_every_stylesheet_and_script_a_page_links_is_served(as_user) -> None:
    """A page whose stylesheet is missing still answers 200 and looks broken: every static
    file the home page of each role (and the login page) links must be there."""
    import re

    seen: set[str] = set()
    pages = [("admin", "/admin/"), ("school_a", "/school/"), ("inspector_a", "/inspector/"), ("district_east", "/admin/")]
    for user, url in pages:
        client = as_user(user)
        html = client.get(url).get_data(as_text=True)
        links = set(re.findall(r'(?:href|src)="(/static/[^"?]+)', html))
        assert any(link.endswith(".css") for link in links), (user, url)
        for link in links - seen:
            response = client.get(link)
            assert response.status_code == 200, (user, url, link)
            response.close()
        seen |= links
    assert "/static/bureau.css" in seen and "/static/app.css" in seen
