"""Whether a student may take a training place: one function, used when a student ranks a place and
when a round builds its preferences."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from kasip.registry.models import StudentStatus

from .models import ADULT_AGE, PlaceLanguage


@dataclass(frozen=True)
class Problem:
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def place_qualification_ids(place) -> set[int]:
    """The place's qualifications (from the prefetch cache when there is one)."""
    return {q.pk for q in place.qualifications.all()}


def eligibility_problems(student, place, round_=None) -> list[Problem]:
    """Why the student may not take the place (empty when eligible): status, qualification, language,
    district, age at a hazardous site and, with a round, the round's scope."""
    problems: list[Problem] = []
    if student.status != StudentStatus.STUDYING:
        problems.append(Problem("status", gettext("Only students who are studying take part in placement.")))
    programme = student.group.programme if student.group_id else None
    if programme is None:
        problems.append(Problem("qualification", gettext("The student is in no group with a programme, so the "
                                                         "qualification is unknown.")))
    else:
        if programme.qualification_id not in place_qualification_ids(place):
            problems.append(Problem("qualification", gettext("The place does not train for the student's "
                                                             "qualification.")))
        if place.language != PlaceLanguage.ANY and place.language != programme.language:
            problems.append(Problem("language", gettext("The place trains in %(language)s, the student studies in "
                                                        "another language.")
                                    % {"language": PlaceLanguage(place.language).label}))
    if place.district_only and student.college.district_id != place.district_id:
        problems.append(Problem("district", gettext("The place takes only students of colleges in %(district)s.")
                                % {"district": place.district.name}))
    if place.site.hazardous and student.age_on(place.starts_on) < ADULT_AGE:
        problems.append(Problem("age", gettext("The site is hazardous: trainees must be 18 or over on %(date)s, the "
                                               "start of the period.")
                                % {"date": date_format(place.starts_on, "SHORT_DATE_FORMAT")}))
    if round_ is not None and not round_.covers_college(student.college_id):
        problems.append(Problem("scope", gettext("The place is in the round “%(round)s” of another college.")
                                % {"round": round_.name}))
    return problems


def is_eligible(student, place, round_=None) -> bool:
    return not eligibility_problems(student, place, round_)
