"""Public site: page types (index + detail, bakerydemo style) and the per-site settings."""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock, HighlightLinkBlock

NEWS_PER_PAGE = 10


class HomePage(Page):
    """The root page of one site (one per municipality)."""

    hero_title = models.CharField(_("titel in de banner"), max_length=120, blank=True)
    hero_text = models.CharField(_("tekst in de banner"), max_length=250, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bannerafbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])
    highlights = StreamField(
        [("link", HighlightLinkBlock())], verbose_name=_("snelkoppelingen"), blank=True, use_json_field=True
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Banner")
        ),
        FieldPanel("intro"),
        FieldPanel("highlights"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ContentPage", "cms.NewsIndexPage"]

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")[:3]
        )
        return context


class ContentPage(Page):
    """A page of information: Vrije tijd, Zalen huren, Contact, ..."""

    intro = models.TextField(_("inleiding"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")


class NewsIndexPage(Page):
    """Lists its news items, newest first, a page at a time."""

    intro = models.TextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")

    def news(self):
        return NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.news(), NEWS_PER_PAGE)
        try:
            context["news_page"] = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            context["news_page"] = paginator.page(1)
        except EmptyPage:
            context["news_page"] = paginator.page(paginator.num_pages)
        return context


class NewsPage(Page):
    date = models.DateField(_("datum"), default=timezone.localdate)
    intro = models.TextField(_("inleiding"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")


class Weekday(models.IntegerChoices):
    """Python's date.weekday() numbering, so today's hours are a plain filter."""

    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Who runs this site and how to reach the town hall; shown in the header and footer."""

    site_name = models.CharField(_("naam van de gemeente of site"), max_length=120, default="Dorpsplein")
    address = models.TextField(_("adres van het gemeentehuis"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours_note = models.CharField(
        _("opmerking bij de openingsuren"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld: 'Op feestdagen gesloten. Op afspraak ook buiten de openingsuren.'"),
    )

    panels = [
        FieldPanel("site_name"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading=_("Contactgegevens")
        ),
        InlinePanel("opening_hours", heading=_("Openingsuren"), label=_("Openingsperiode")),
        FieldPanel("opening_hours_note"),
    ]

    class Meta:
        verbose_name = _("instellingen van de site")
        verbose_name_plural = _("instellingen van de sites")


class OpeningHours(Orderable):
    """One opening period on one weekday; several per day for a lunch break."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("open van"))
    closes = models.TimeField(_("tot"))

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("openingsuren")
        verbose_name_plural = _("openingsuren")
        ordering = ["weekday", "opens"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Het sluitingsuur moet na het openingsuur liggen.")})
