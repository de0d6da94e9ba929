"""Expose the current site's theme to every template."""


def theme(request) -> dict:
    from themes.selectors import theme_for_request

    return {"theme": theme_for_request(request)}
