from django.core.management.base import BaseCommand

from calendars.services import load_public_holidays


class Command(BaseCommand):
    help = "Store the Belgian public holidays of one or more years (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int)

    def handle(self, *args, years, **options):
        for year in years:
            count = load_public_holidays(year=year)
            self.stdout.write(f"{year}: {count}")
