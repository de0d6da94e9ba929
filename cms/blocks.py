"""StreamField blocks shared by every page type (the bakerydemo habit: one blocks.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("niveau"), choices=[("h2", _("Kop 2")), ("h3", _("Kop 3")), ("h4", _("Kop 4"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Tussentitel")
        template = "cms/blocks/heading.html"


class ImageWithAltBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat er op de afbeelding staat voor wie ze niet ziet."),
    )
    caption = blocks.CharBlock(label=_("onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(label=_("wie zegt het"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "cms/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120)
    text = blocks.TextBlock(label=_("tekst"), required=False)
    page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    url = blocks.URLBlock(label=_("of een adres"), required=False)
    button_text = blocks.CharBlock(label=_("tekst op de knop"), max_length=60)

    class Meta:
        icon = "link"
        label = _("Oproep tot actie")
        template = "cms/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Kies een pagina of geef een adres in."))}
            )
        return value


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120, required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("document")), label=_("documenten"))

    class Meta:
        icon = "doc-full"
        label = _("Documenten")
        template = "cms/blocks/document_list.html"


class PracticalInfoRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("wat"), max_length=80)
    value = blocks.RichTextBlock(label=_("info"), features=["bold", "italic", "link"])


class PracticalInfoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120, default=_("Praktisch"))
    rows = blocks.ListBlock(PracticalInfoRowBlock(), label=_("rijen"))

    class Meta:
        icon = "table"
        label = _("Praktische info")
        template = "cms/blocks/practical_info.html"


class OpeningHoursBlock(blocks.StaticBlock):
    """The town hall's weekly opening hours, read from the site settings (edited in one place)."""

    class Meta:
        icon = "time"
        label = _("Openingsuren gemeentehuis")
        admin_text = _("Toont de openingsuren uit Instellingen › Instellingen van de site.")
        template = "cms/blocks/opening_hours.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        icon="pilcrow",
        template="cms/blocks/paragraph.html",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
    )
    image = ImageWithAltBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    documents = DocumentListBlock()
    practical_info = PracticalInfoBlock()
    opening_hours = OpeningHoursBlock()


class HighlightLinkBlock(blocks.StructBlock):
    """A tile on the home page pointing at the things people come for."""

    title = blocks.CharBlock(label=_("titel"), max_length=80)
    description = blocks.CharBlock(label=_("korte uitleg"), max_length=200, required=False)
    page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    url = blocks.CharBlock(
        label=_("of een adres"),
        required=False,
        max_length=300,
        help_text=_("Een volledige URL of een pad op deze site, bijvoorbeeld /reserveren/."),
    )

    class Meta:
        icon = "link"
        label = _("Snelkoppeling")
        template = "cms/blocks/highlight_link.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Kies een pagina of geef een adres in."))}
            )
        return value
