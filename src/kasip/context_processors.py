from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kasip.core import policy
from kasip.core.models import Role

LANGUAGE_BUTTONS = [("kk", "ҚАЗ"), ("ru", "РУС"), ("en", "ENG")]


def navigation(user) -> list[tuple[str, object]]:
    """Menu entries for a role: only pages the policy lets this user open."""
    from kasip.registry import policy as registry_policy

    items = [(reverse("colleges"), _("Colleges")), (reverse("programmes"), _("Programmes"))]
    role = policy.role_of(user)
    if role is None:
        items.append((reverse("qualifications"), _("Qualifications")))
        items.append((reverse("occupations"), _("Occupations")))
        items.append((reverse("regional-report"), _("In-demand and exposed occupations")))
        items.append((reverse("outcomes"), _("Graduate outcomes")))
        return items
    items.insert(0, (reverse("home"), _("Home")))
    if registry_policy.can_list_groups(user):
        items.append((reverse("groups"), _("Groups")))
    if registry_policy.can_list_students(user):
        items.append((reverse("students"), _("Students")))
    if registry_policy.can_list_enterprises(user):
        items.append((reverse("enterprises"), _("Enterprises")))
    from kasip.dual import policy as dual_policy
    from kasip.outcomes import policy as outcomes_policy
    from kasip.partners import policy as partners_policy

    if partners_policy.can_list_needs(user):
        items.append((reverse("needs"), _("Workforce needs")))
    if dual_policy.can_list_places(user):
        items.append((reverse("places"), _("Training places")))
    if dual_policy.can_keep_preferences(user):
        items.append((reverse("my-preferences"), _("My preferences")))
    if dual_policy.can_list_rounds(user):
        items.append((reverse("rounds"), _("Matching rounds")))
    if dual_policy.can_list_contracts(user):
        items.append((reverse("contracts"), _("Tripartite contracts")))
    if dual_policy.can_list_orders(user):
        items.append((reverse("orders"), _("Dual-training orders")))
    if dual_policy.can_view_mentor_page(user):
        items.append((reverse("mentor-home"), _("My trainees")))
    if dual_policy.can_list_trainees(user) and not dual_policy.is_mentor(user):
        items.append((reverse("trainees"), _("Trainees")))
    if dual_policy.is_student(user):
        items.append((reverse("my-logbook"), _("My logbook")))
    if dual_policy.can_list_mentors(user):
        items.append((reverse("mentors"), _("Mentors")))
    if dual_policy.can_manage_outcomes(user):
        items.append((reverse("learning-outcomes"), _("Learning outcomes")))
    if dual_policy.can_view_notifications(user):
        items.append((reverse("notifications"), _("Notifications")))
    if partners_policy.can_list_agreements(user):
        items.append((reverse("agreements"), _("Partnership agreements")))
    if partners_policy.can_view_network(user):
        items.append((reverse("partner-network"), _("Partner network")))
    if outcomes_policy.can_list_graduations(user):
        items.append((reverse("graduations"), _("Graduations")))
    items.append((reverse("outcomes"), _("Graduate outcomes")))
    items.append((reverse("qualifications"), _("Qualifications")))
    items.append((reverse("occupations"), _("Occupations")))
    items.append((reverse("regional-report"), _("In-demand and exposed occupations")))
    from kasip.labour import policy as labour_policy

    if labour_policy.can_view_demand(user):
        items.append((reverse("demand"), _("Labour demand")))
    if labour_policy.can_ingest_vacancies(user):
        items.append((reverse("vacancies"), _("Job ads")))
    if labour_policy.can_code(user):
        items.append((reverse("coding-queue"), _("Coding queue")))
    if policy.can_manage_users(user):
        items.append((reverse("users"), _("Users")))
    items.append((reverse("jobs"), _("Jobs")))
    if policy.can_view_audit(user):
        items.append((reverse("audit"), _("Audit log")))
    if role == Role.REGION_ADMIN:
        items.append((reverse("admin:index"), _("Administration")))
    return items


def kasip(request):
    return {
        "nav_items": navigation(getattr(request, "user", None)),
        "language_buttons": LANGUAGE_BUTTONS,
        "demo_mode": settings.KASIP_DEMO,
        "site_name": settings.KASIP_SITE_NAME,
    }
