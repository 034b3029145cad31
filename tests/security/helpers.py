"""Helpers shared by the security tests."""


def assert_too_many(response):
    """A 429 that says, in French, when to come back."""
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 24 * 3600
    page = response.content.decode()
    assert "Trop de tentatives" in page
    assert "Réessayez dans" in page
    return response
