from tests.e2e.helpers import visit


def test_home_page_is_accessible_and_csp_clean(live_server, page, csp_violations):
    visit(page, live_server.url + "/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert csp_violations == []


def test_axe_runs_on_pages_without_javascript(live_server, no_js_page):
    visit(no_js_page, live_server.url + "/guides/")
    assert no_js_page.get_by_role("heading", level=1).inner_text() == "Guides"
