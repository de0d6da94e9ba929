"""Public views of the site that are not Wagtail pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request: HttpRequest) -> HttpResponse:
    """Full-text search over the live, public pages of the site serving this request."""
    search_query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    result_count = 0
    if search_query:
        pages = Page.objects.live().public()
        site = Site.find_for_request(request)
        if site is not None:
            pages = pages.in_site(site)
        found = pages.search(search_query)
        Query.get(search_query).add_hit()
        paginator = Paginator(found, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        result_count = paginator.count
    return render(
        request,
        "cms/search.html",
        {
            "search_query": search_query,
            "results": results,
            "result_count": result_count,
            "query_string": urlencode({"q": search_query}),
        },
    )
