"""kasip createuser --role ROLE --org CODE EMAIL: one account, with an invitation or a password."""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kasip.core.models import Organisation, Role
from kasip.core.services import create_user, invitation_url, issue_invitation


class Command(BaseCommand):
    help = "Create an account. Without --password an invitation link is printed (and e-mailed)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument("--org", help="BIN of the organisation (required for every role but customer)")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--username", help="login (default: the e-mail)")
        parser.add_argument("--password", help="set this password instead of inviting ('-' to prompt)")

    def handle(self, *args, email, role, org, first_name, last_name, username, password, **options):
        organisation = None
        if org:
            organisation = Organisation.objects.filter(bin=org).first()
            if organisation is None:
                raise CommandError(f"--org: no organisation with BIN {org}")
        if password == "-":
            password = getpass.getpass("Password: ")
        try:
            user = create_user(None, role=role, organisation=organisation, email=email, invite=False,
                               password=password, username=username, first_name=first_name, last_name=last_name)
        except ValidationError as exc:
            messages = "; ".join(f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items()) \
                if hasattr(exc, "error_dict") else "; ".join(exc.messages)
            raise CommandError(messages) from exc
        self.stdout.write(self.style.SUCCESS(f"created {user.username} ({role})"))
        if not password:
            from kasip.core.services import send_invitation

            token = issue_invitation(user)
            send_invitation(user, token)
            self.stdout.write(f"invitation link: {invitation_url(token)}")
