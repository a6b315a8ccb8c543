from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sakip.akun.models import Keanggotaan

from . import PASSWORD_DEMO


class Command(BaseCommand):
    help = "Mencetak akun demo beserta peran dan lingkupnya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=PASSWORD_DEMO)

    def handle(self, *args: Any, **options: Any) -> None:
        baris = (
            Keanggotaan.objects.select_related("user", "pemda", "opd")
            .order_by("pemda__slug", "opd__slug", "peran")
        )
        self.stdout.write(f"\nAkun demo (kata sandi untuk semua: {options['password']})\n")
        self.stdout.write(f"  {'pengguna':<28} {'peran':<38} lingkup")
        for k in baris:
            lingkup = k.opd.nama + " — " + k.pemda.nama if k.opd else "seluruh " + k.pemda.nama
            self.stdout.write(f"  {k.user.username:<28} {k.get_peran_display():<38} {lingkup}")
        self.stdout.write("\nBuka http://127.0.0.1:8000/ dan masuk dengan salah satu akun di atas.\n")
