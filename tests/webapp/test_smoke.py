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
