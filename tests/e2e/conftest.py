"""Browser tests: headless Debian chromium via Playwright against pytest-django's live server."""
import pytest
from axe_playwright_python.sync_playwright import Axe

SERIOUS = {"serious", "critical"}


@pytest.fixture(autouse=True)
def _e2e_settings(settings, live_server):
    """The live server answers on 'localhost'; show that host its own Wagtail site."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = live_server.url


@pytest.fixture
def axe_check():
    """Run axe-core on the page and fail with a readable list of serious/critical violations."""
    axe = Axe()

    def check(page, label: str) -> None:
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        report = "\n".join(
            f"- [{v['impact']}] {v['id']}: {v['help']} "
            f"({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:160]})"
            for v in serious
        )
        assert not serious, f"axe-core on {label} ({page.url}):\n{report}"

    return check
