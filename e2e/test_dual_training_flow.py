"""Dual training end to end in the browser (issue 6): an enterprise publishes a place, a student ranks it,
the coordinator runs and publishes the round, the three parties sign the contract, the safety briefing and
the medical examination are recorded, the mentor logs hours and signs them off, and the college sees the
trainee's share of production training at the enterprise.

Only the background (region, college, programme, group, student, enterprise, site, qualification, accounts,
the mentor's record) is written with the ORM; every step of the flow goes through the pages.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from tests.helpers import PASSWORD, make_user

from kasip.core.models import Role
from kasip.core.validators import make_bin, make_iin
from kasip.dual.models import Contract, Mentor, TrainingPlace
from kasip.registry.models import (
    College,
    District,
    Enterprise,
    EnterpriseSite,
    Group,
    Programme,
    Qualification,
    Specialty,
    Student,
)

pytestmark = pytest.mark.browser

PRACTICE_HOURS = 120  # the programme's production training: 6 signed-off hours are a 5 % share
PLACE_TITLE = "Electric welder trainee, shop 2"
ROUND_NAME = "Autumn placement 2025"


def csp_violations(page) -> list[str]:
    return [text for _type, text in page.console_messages if "Content Security Policy" in text]


def log_in(page, user) -> None:
    """Log out whoever is logged in, then log in through the form; the interface stays in English."""
    page.goto("/accounts/login/")
    logout = page.locator("header .account").get_by_role("button", name="Log out")
    if logout.count():
        logout.click()
        page.wait_for_load_state()
        page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", user.plain_password)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/home/$"))
    if page.locator("html").get_attribute("lang") != "en":
        page.locator("form.lang").get_by_role("button", name="ENG").click()
        page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("header .account")).to_contain_text(user.first_name)


def messages(page):
    return page.locator("main ul.messages")


def account(username: str, role: str, organisation):
    user = make_user(username, role, organisation)
    user.plain_password = PASSWORD
    return user


@pytest.fixture
def dual_world(transactional_db, region):
    """A college with a dual programme and group, an adult student with an account, an enterprise with a
    non-hazardous site and a mentor with an account, the enterprise's HR and the college's coordinator."""
    college = College.objects.create(bin=make_bin(1998, 3, 11), name_kk="Қарағанды политехникалық колледжі",
                                     name_ru="Карагандинский политехнический колледж",
                                     name_en="Karaganda Polytechnic College",
                                     district=District.objects.get(kato="351010000"), languages="kk,ru")
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело",
                                         name_en="Welding")
    qualification = Qualification.objects.create(code="3W07150501", specialty=specialty,
                                                 name_kk="Электргаздәнекерлеуші", name_ru="Электрогазосварщик",
                                                 name_en="Electric and gas welder")
    programme = Programme.objects.create(college=college, qualification=qualification, language="ru", base="9",
                                         hours_theory=1500, hours_practice=PRACTICE_HOURS,
                                         hours_total=1500 + PRACTICE_HOURS, is_dual=True)
    group = Group.objects.create(college=college, programme=programme, code="СВ-23-1", admission_year=2023)
    enterprise = Enterprise.objects.create(bin=make_bin(2005, 5, 33), name_kk="Теміртау болат зауыты",
                                           name_ru="Темиртауский сталелитейный завод",
                                           name_en="Temirtau Steel Works",
                                           district=District.objects.get(kato="352410000"), oked="24100")
    site = EnterpriseSite.objects.create(enterprise=enterprise, name="Shop 2", district=enterprise.district,
                                         hazardous=False)

    student_user = account("aruzhan", Role.STUDENT, college)
    today = timezone.localdate()
    born = dt.date(today.year - 20, 3, 14)
    student = Student.objects.create(iin=make_iin(born, "F", 217), last_name="Serikova", first_name="Aruzhan",
                                     birth_date=born, sex="F", college=college, group=group, base="9",
                                     funding="state", user=student_user)
    mentor_user = account("yerlan", Role.MENTOR, enterprise)
    mentor = Mentor.objects.create(enterprise=enterprise, user=mentor_user, last_name="Akhmetov",
                                   first_name="Yerlan", position="shop foreman", max_trainees=3)
    return {
        "college": college, "enterprise": enterprise, "site": site, "qualification": qualification,
        "student": student, "mentor": mentor,
        "student_user": student_user, "mentor_user": mentor_user,
        "hr": account("dana_hr", Role.ENTERPRISE_HR, enterprise),
        "coordinator": account("marat_coord", Role.DUAL_COORDINATOR, college),
    }


def write_pdf(path):
    """A small valid one-page PDF: what a party uploads as the scan of the signed paper."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def sign_by_scan(page, party: str, signer: str, scan) -> None:
    """Upload the signed scan in the party's own block of the contract's page."""
    block = page.locator(".sign-party").filter(has=page.locator(f"input[name=party][value={party}]"))
    expect(block).to_have_count(1)
    block.locator(f"#scan-{party}").set_input_files(str(scan))
    block.locator(f"#signer-{party}").fill(signer)
    block.get_by_role("button", name="Upload the signed scan").click()
    page.wait_for_load_state()
    expect(messages(page)).to_contain_text("The signature is recorded.")


def party_row(page, label: str):
    return page.locator("section").filter(has=page.get_by_role("heading", name="Signatures")).locator(
        "tbody tr").filter(has=page.locator("td", has_text=re.compile(rf"^{label}")))


def test_a_place_goes_from_the_enterprise_to_signed_off_hours_the_college_sees(page, dual_world, tmp_path):
    w = dual_world
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    hr, coordinator, student, mentor = w["hr"], w["coordinator"], w["student_user"], w["mentor_user"]

    # 1. The enterprise's HR offers a training place and publishes it.
    log_in(page, hr)
    page.goto("/places/new/")
    expect(page.locator("h1")).to_contain_text("training place")
    form = page.locator("main form.form")
    form.locator("#id_title").fill(PLACE_TITLE)
    form.locator("#id_site").select_option(label="Temirtau Steel Works — Shop 2")
    form.locator("#id_qualifications").select_option(label="3W07150501 Electric and gas welder")
    form.locator("#id_capacity").fill("1")
    form.locator("#id_starts_on").fill((today - dt.timedelta(days=30)).isoformat())
    form.locator("#id_ends_on").fill((today + dt.timedelta(days=120)).isoformat())
    form.locator("#id_monthly_payment").fill("85000")
    form.locator("#id_mentors").fill("Yerlan Akhmetov, shop foreman")
    form.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/places/\d+/$"))
    place = TrainingPlace.objects.get(title=PLACE_TITLE)
    expect(page.locator("h1")).to_have_text(PLACE_TITLE)
    expect(messages(page)).to_contain_text("Saved.")
    props = page.locator("dl.props")
    expect(props).to_contain_text("Temirtau Steel Works")
    expect(props).to_contain_text("85,000 ₸")
    expect(props.locator("dd").last).to_have_text("draft")
    page.locator("main").get_by_role("button", name="Publish").click()
    expect(messages(page)).to_contain_text("The place is published; a college approves it before students see it.")
    expect(props.locator("dd").last).to_have_text("published")

    # 2. The coordinator approves the place and opens a round of the college with it.
    log_in(page, coordinator)
    page.goto(f"/places/{place.pk}/")
    expect(page.locator("h1")).to_have_text(PLACE_TITLE)
    page.locator("main").get_by_role("button", name="Approve").click()
    expect(messages(page)).to_contain_text("The place is approved: students see it now.")
    expect(page.locator("dl.props dd").last).to_have_text("approved")

    page.goto("/rounds/new/")
    expect(page.locator("h1")).to_contain_text("matching round")
    form = page.locator("main form.form")
    form.locator("#id_name").fill(ROUND_NAME)
    deadline = form.locator("#id_deadline")
    expect(deadline).not_to_have_value("")  # two weeks ahead by default
    deadline.fill((timezone.localtime() + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"))
    form.locator("#id_places").select_option(label=f"{PLACE_TITLE} — Temirtau Steel Works")
    form.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/rounds/\d+/$"))
    round_url = page.url
    expect(page.locator("h1")).to_have_text(ROUND_NAME)
    expect(messages(page)).to_contain_text("Saved.")
    round_props = page.locator("main > dl.props")
    expect(round_props).to_contain_text("Karaganda Polytechnic College")
    expect(round_props).to_contain_text("open")
    places_section = page.locator("section").filter(has=page.get_by_role("heading", name="Training places"))
    expect(places_section).to_contain_text(f"{PLACE_TITLE} — Temirtau Steel Works (1)")

    # 3. The student finds the place, adds it to the ranked list and sees it there.
    log_in(page, student)
    page.goto("/places/")
    page.locator("main table").get_by_role("link", name=PLACE_TITLE).click()
    page.wait_for_url(re.compile(rf"/places/{place.pk}/$"))
    expect(page.locator("p.notice")).to_contain_text(f"In the matching round “{ROUND_NAME}” (open).")
    application = page.locator("section").filter(has=page.get_by_role("heading", name="Your application"))
    application.get_by_role("button", name="Add to my preferences").click()
    expect(messages(page)).to_contain_text("Your list is saved.")
    expect(application).to_contain_text("The place is on your list.")
    page.locator("header nav").get_by_role("link", name="My preferences").click()
    expect(page.locator("h1")).to_have_text("My preferences")
    row = page.locator("main table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text("1")
    expect(row.locator("td").nth(1)).to_have_text(PLACE_TITLE)
    expect(row.locator("td").nth(3)).to_have_text("eligible")

    # 4. The coordinator locks the round, runs it on the worker, follows the page to the result, publishes it.
    log_in(page, coordinator)
    page.goto(round_url)
    page.locator("main").get_by_role("button", name="Lock preferences").click()
    expect(messages(page)).to_contain_text("The round is locked: preferences can no longer change.")
    expect(round_props).to_contain_text("locked")
    page.locator("main").get_by_role("button", name="Run", exact=True).click()
    expect(messages(page)).to_contain_text("The round runs in the background")
    # the job's block polls until the run is over, then the page reloads with the result
    expect(page.locator("#round-job")).to_have_attribute("data-status", "succeeded", timeout=30_000)
    expect(page.locator("#round-job [role=status]")).to_have_text("The round has run: 1 of 1 students matched.")
    placements = page.locator("section").filter(has=page.get_by_role("heading", name="Placements"))
    expect(placements.locator("tbody tr")).to_have_count(1)
    expect(placements.locator("tbody tr")).to_contain_text("Serikova Aruzhan")
    expect(placements.locator("tbody tr")).to_contain_text(PLACE_TITLE)
    page.locator("main").get_by_role("button", name="Publish and notify").click()
    expect(messages(page)).to_contain_text("The results are published; 1 students notified.")
    expect(round_props).to_contain_text("published")

    # The student is told, and accepts the place: a draft contract.
    log_in(page, student)
    page.locator("header nav").get_by_role("link", name="My preferences").click()
    result = f"Round “{ROUND_NAME}”: you got the place “{PLACE_TITLE}” at Temirtau Steel Works (your choice № 1)."
    expect(page.locator("main p.notice")).to_contain_text(result)
    notes = page.locator("section").filter(has=page.get_by_role("heading", name="Notifications"))
    expect(notes).to_contain_text(ROUND_NAME)
    page.locator("header nav").get_by_role("link", name="Tripartite contracts").click()
    expect(page.locator("h1")).to_have_text("Tripartite contracts")
    offers = page.locator("section").filter(has=page.get_by_role("heading", name="Places to accept"))
    expect(offers.locator("tbody tr")).to_contain_text(PLACE_TITLE)
    offers.get_by_role("button", name="Accept the place").click()
    page.wait_for_url(re.compile(r"/contracts/\d+/$"))
    contract = Contract.objects.get(student=w["student"])
    contract_url = page.url
    expect(messages(page)).to_contain_text(f"The place is accepted: contract № {contract.number} is drafted.")
    expect(page.locator("h1")).to_have_text(f"Tripartite contract № {contract.number}")
    status = page.locator("main > p").filter(has_text="Status:").locator("strong")
    expect(status).to_have_text("draft")

    # 5. The coordinator completes the draft (the student's identity document) and sends it for signature.
    log_in(page, coordinator)
    page.locator("header nav").get_by_role("link", name="Tripartite contracts").click()
    page.locator("main table.data").get_by_role("link", name=contract.number).click()
    page.wait_for_url(contract_url)
    expect(page.locator(".notice")).to_contain_text("Give the student's identity document")
    page.locator("main").get_by_role("link", name="Edit").click()
    expect(page.locator("h1")).to_have_text(f"Edit the contract № {contract.number}")
    page.get_by_label("Student's identity document").fill("ID card № 045123678, MIA RK, 14.03.2021")
    page.get_by_label("Insurance against accidents (insurer, policy)").fill("Nomad Insurance, policy NI-2025-117")
    page.locator("main form").get_by_role("button", name="Save").click()
    page.wait_for_url(contract_url)
    expect(messages(page)).to_contain_text("Changes saved.")
    expect(page.locator(".notice")).to_have_count(0)
    page.locator("main").get_by_role("button", name="Send for signature").click()
    expect(messages(page)).to_contain_text("The contract is sent for signature.")
    expect(status).to_have_text("awaiting signatures")
    scan = write_pdf(tmp_path / "signed.pdf")
    sign_by_scan(page, "college", "Marat Test, deputy director", scan)
    expect(party_row(page, "college")).to_contain_text("signed")
    expect(party_row(page, "enterprise")).to_contain_text("not signed")

    # The enterprise signs, then the student: the contract is signed.
    log_in(page, hr)
    page.goto(contract_url)
    expect(page.locator(".sign-party")).to_have_count(1)  # HR signs for the enterprise only
    sign_by_scan(page, "enterprise", "Dana Test, HR manager", scan)
    expect(status).to_have_text("awaiting signatures")

    log_in(page, student)
    page.goto(contract_url)
    sign_by_scan(page, "student", "", scan)
    expect(status).to_have_text("signed")
    for label in ("college", "enterprise", "student"):
        expect(party_row(page, label).locator("td").nth(1)).to_contain_text("signed ")
        expect(party_row(page, label).locator("td").nth(3)).to_contain_text("uploaded signed scan")
    expect(party_row(page, "student").locator("td").nth(2)).to_contain_text("Serikova Aruzhan")
    scan_link = party_row(page, "student").get_by_role("link", name="scan")
    scan_response = page.request.get(scan_link.get_attribute("href"))
    assert scan_response.status == 200 and scan_response.body() == scan.read_bytes()
    pdf_link = page.locator("main").get_by_role("link", name="Contract (PDF, Kazakh and Russian)")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    # 6. The enterprise's HR assigns the mentor and records the safety briefing and the medical examination.
    log_in(page, hr)
    page.locator("header nav").get_by_role("link", name="Trainees").click()
    page.locator("main table").get_by_role("link", name="Serikova Aruzhan").click()
    page.wait_for_url(re.compile(rf"/trainees/{contract.pk}/$"))
    expect(page.locator("h1")).to_have_text("Serikova Aruzhan")
    gate = page.locator("#logbook .notice")
    expect(gate).to_contain_text("the safety briefing, the medical examination not recorded yet")
    assign = page.locator("main form").filter(has=page.get_by_role("button", name="Assign the mentor"))
    assign.get_by_label("Mentor").select_option(label="Akhmetov Yerlan — shop foreman")
    assign.get_by_role("button", name="Assign the mentor").click()
    expect(messages(page)).to_contain_text("The mentor is assigned.")
    expect(page.locator("main > dl.props")).to_contain_text("Akhmetov Yerlan, shop foreman")
    page.get_by_label("Date of the safety briefing").fill(yesterday.isoformat())
    page.get_by_label("Briefing given by").fill("A. Bekov, safety engineer")
    page.get_by_role("button", name="Save the briefing").click()
    expect(messages(page)).to_contain_text("The safety briefing is recorded.")
    page.get_by_label("Date of the medical examination").fill(yesterday.isoformat())
    page.get_by_label("Medical certificate number").fill("075/у-2025-118")
    page.get_by_role("button", name="Save the examination").click()
    expect(messages(page)).to_contain_text("The medical examination is recorded.")
    before = page.locator("#before-first-day dl.props")
    expect(before).to_contain_text("A. Bekov, safety engineer")
    expect(before).to_contain_text("certificate 075/у-2025-118")
    expect(gate).to_have_count(0)

    # 7. The mentor logs six hours at the enterprise and signs them off.
    log_in(page, mentor)
    page.locator("header nav").get_by_role("link", name="My trainees").click()
    page.locator("main").get_by_role("link", name="Serikova Aruzhan").first.click()
    page.wait_for_url(re.compile(rf"/trainees/{contract.pk}/$"))
    page.locator("#logbook").get_by_role("link", name="Add an entry").click()
    expect(page.locator("h1")).to_have_text("New logbook entry")
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("From").fill("09:00")
    page.get_by_label(re.compile(r"^To:?$")).fill("15:00")
    page.get_by_label("Where").select_option(label="at the enterprise")
    page.get_by_label("Tasks done").fill("Prepared edges of 8 mm plates; tack welds under the foreman's watch.")
    page.get_by_role("button", name="Save the entry").click()
    page.wait_for_url(re.compile(rf"/trainees/{contract.pk}/$"))
    expect(messages(page)).to_contain_text("The entry is saved and waits for the mentor's sign-off.")
    entry = page.locator("#logbook tbody tr")
    expect(entry).to_have_count(1)
    expect(entry.locator("td").nth(1)).to_have_text("09:00–15:00")
    expect(entry.locator("td").nth(2)).to_have_text("6")
    expect(entry.locator("td").nth(6)).to_have_text("awaiting sign-off")
    entry.get_by_role("button", name="Sign off").click()
    expect(messages(page)).to_contain_text("signed off.")
    expect(entry.locator("td").nth(6)).to_have_text("signed off")

    # 8. The coordinator sees the signed-off hours and the share at the enterprise.
    log_in(page, coordinator)
    page.locator("header nav").get_by_role("link", name="Trainees").click()
    expect(page.locator("h1")).to_have_text("Trainees")
    trainee = page.locator("main table tbody tr").filter(has_text="Serikova Aruzhan")
    expect(trainee).to_have_count(1)
    expect(trainee).to_contain_text("Akhmetov Yerlan")
    expect(trainee).to_contain_text(f"6 / {PRACTICE_HOURS}")
    expect(trainee).to_contain_text("5 %")
    trainee.get_by_role("link", name="Serikova Aruzhan").click()
    page.wait_for_url(re.compile(rf"/trainees/{contract.pk}/$"))
    progress = page.locator("#progress")
    expect(progress).to_contain_text(f"6 / {PRACTICE_HOURS}")
    expect(page.locator("#share")).to_contain_text(
        f"5 % of the {PRACTICE_HOURS} planned hours of production training")
    expect(page.locator("#share")).to_contain_text("below the 60 % threshold")

    page.wait_for_load_state("load")
    assert csp_violations(page) == [], csp_violations(page)
