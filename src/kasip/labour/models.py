"""The occupation taxonomy: ISCO-08 groups at their four levels with English, Russian and Kazakh
titles; aliases (job titles) per group; the national classifier НК РК 01-2017 as its own level,
mapped to ISCO-08; the US SOC crosswalks the exposure indices need; and the editable mapping from
TVET qualifications to the occupations they lead to; and the coding queue of job titles the coder was
unsure of."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from kasip.core.i18n import localized
from kasip.registry.models import Qualification

ISCO_CODE = re.compile(r"^\d{1,4}$")
NATIONAL_CODE = re.compile(r"^(\d{4}-\d|X)$")
SOC_CODE = re.compile(r"^\d{2}-\d{4}$")


class IscoLevel(models.IntegerChoices):
    MAJOR = 1, gettext_lazy("major group")
    SUB_MAJOR = 2, gettext_lazy("sub-major group")
    MINOR = 3, gettext_lazy("minor group")
    UNIT = 4, gettext_lazy("unit group")


class Occupation(models.Model):
    """An ISCO-08 group: 10 major, 43 sub-major, 130 minor and 436 unit groups; the code's length is its
    level and its prefix the parent."""

    code = models.CharField(gettext_lazy("ISCO-08 code"), max_length=4, unique=True)
    level = models.PositiveSmallIntegerField(gettext_lazy("level"), choices=IscoLevel.choices)
    parent = models.ForeignKey("self", verbose_name=gettext_lazy("parent group"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    title_en = models.CharField(gettext_lazy("title (English)"), max_length=300)
    title_ru = models.CharField(gettext_lazy("title (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(gettext_lazy("title (Kazakh)"), max_length=300, blank=True)
    title_ru_source = models.CharField(gettext_lazy("source of the Russian title"), max_length=40, blank=True)
    description_en = models.TextField(gettext_lazy("description (English)"), blank=True)

    class Meta:
        verbose_name = gettext_lazy("occupation group")
        verbose_name_plural = gettext_lazy("occupation groups")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    def clean(self) -> None:
        super().clean()
        if self.code and not ISCO_CODE.match(self.code):
            raise ValidationError({"code": gettext("An ISCO-08 code has 1 to 4 digits.")})
        if self.code and self.level and len(self.code) != self.level:
            raise ValidationError({"level": gettext("The level of an ISCO-08 code is its number of digits.")})


class AliasSource(models.TextChoices):
    PROJECT = "project", gettext_lazy("Kasip's lexicon")
    ESCO = "esco", gettext_lazy("ESCO")
    OKZ = "okz", gettext_lazy("OKZ OK 010-2014")
    NATIONAL = "national", gettext_lazy("НК РК 01-2017")
    CONFIRMED = "confirmed", gettext_lazy("confirmed coding")


class OccupationAlias(models.Model):
    """A job title that names an occupation (unit group), in one language, with where it comes from."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="aliases")
    language = models.CharField(gettext_lazy("language"), max_length=2,
                                choices=[("kk", "kk"), ("ru", "ru"), ("en", "en")])
    alias = models.CharField(gettext_lazy("job title"), max_length=300)
    source = models.CharField(gettext_lazy("source"), max_length=10, choices=AliasSource.choices)

    class Meta:
        verbose_name = gettext_lazy("job title")
        verbose_name_plural = gettext_lazy("job titles")
        ordering = ["occupation", "language", "alias"]
        constraints = [models.UniqueConstraint(fields=["occupation", "language", "alias", "source"],
                                               name="alias_once_per_source")]

    def __str__(self) -> str:
        return self.alias


class NationalOccupation(models.Model):
    """An occupation of Kazakhstan's classifier НК РК 01-2017 (codes like 4110-9, and group X), mapped to
    the ISCO-08 unit group it belongs to through the crosswalk."""

    code = models.CharField(gettext_lazy("НК РК 01-2017 code"), max_length=6, unique=True)
    title_ru = models.CharField(gettext_lazy("title (Russian)"), max_length=300)
    title_kk = models.CharField(gettext_lazy("title (Kazakh)"), max_length=300, blank=True)
    isco = models.ForeignKey(Occupation, verbose_name=gettext_lazy("ISCO-08 unit group"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="national_occupations")

    class Meta:
        verbose_name = gettext_lazy("national occupation")
        verbose_name_plural = gettext_lazy("national occupations")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def unit_group(self) -> str:
        """The national unit group: the code's first four digits."""
        return self.code[:4]


class SocOccupation(models.Model):
    """A US SOC occupation (2010 or 2018), the unit the Frey & Osborne and AIOE indices are published in."""

    version = models.PositiveSmallIntegerField(gettext_lazy("SOC version"), choices=[(2010, "2010"), (2018, "2018")])
    code = models.CharField(gettext_lazy("SOC code"), max_length=7)
    title = models.CharField(gettext_lazy("title"), max_length=300)

    class Meta:
        verbose_name = gettext_lazy("SOC occupation")
        verbose_name_plural = gettext_lazy("SOC occupations")
        ordering = ["version", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="soc_code_per_version")]

    def __str__(self) -> str:
        return f"SOC {self.version} {self.code} {self.title}"


class IscoSocLink(models.Model):
    """The BLS crosswalk ISCO-08 ↔ SOC 2010; `partial` where the correspondence is partial (`*`)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="soc_links")
    soc = models.ForeignKey(SocOccupation, on_delete=models.CASCADE, related_name="isco_links")
    partial = models.BooleanField(gettext_lazy("partial correspondence"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occupation", "soc"], name="isco_soc_link_once")]

    def __str__(self) -> str:
        return f"{self.occupation_id} ↔ {self.soc_id}"


class SocVersionLink(models.Model):
    """The BLS crosswalk SOC 2010 → SOC 2018."""

    soc2010 = models.ForeignKey(SocOccupation, on_delete=models.CASCADE, related_name="to_2018")
    soc2018 = models.ForeignKey(SocOccupation, on_delete=models.CASCADE, related_name="from_2010")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["soc2010", "soc2018"], name="soc_version_link_once")]

    def __str__(self) -> str:
        return f"{self.soc2010_id} → {self.soc2018_id}"


class QualificationOccupation(models.Model):
    """A TVET qualification leads to an occupation (ISCO-08 unit group); the mapping is editable and one
    occupation per qualification is its main one."""

    qualification = models.ForeignKey(Qualification, verbose_name=gettext_lazy("qualification"),
                                      on_delete=models.CASCADE, related_name="occupation_links")
    occupation = models.ForeignKey(Occupation, verbose_name=gettext_lazy("occupation"), on_delete=models.PROTECT,
                                   related_name="qualification_links")
    is_main = models.BooleanField(gettext_lazy("main occupation"), default=False)

    class Meta:
        verbose_name = gettext_lazy("occupation of a qualification")
        verbose_name_plural = gettext_lazy("occupations of qualifications")
        ordering = ["qualification", "-is_main", "occupation__code"]
        constraints = [
            models.UniqueConstraint(fields=["qualification", "occupation"], name="qualification_occupation_once"),
            models.UniqueConstraint(fields=["qualification"], condition=models.Q(is_main=True),
                                    name="qualification_one_main_occupation"),
        ]

    def __str__(self) -> str:
        return f"{self.qualification_id} → {self.occupation_id}"

    def clean(self) -> None:
        super().clean()
        if self.occupation_id and self.occupation.level != IscoLevel.UNIT:
            raise ValidationError({"occupation": gettext("Choose a unit group (a 4-digit ISCO-08 code).")})


# --- the coding queue -----------------------------------------------------------------------------
class CodingSource(models.TextChoices):
    VACANCY = "vacancy", gettext_lazy("job ad")
    WORKFORCE_NEED = "workforce_need", gettext_lazy("workforce need")
    IMPORT = "import", gettext_lazy("import")
    API = "api", gettext_lazy("API")
    MANUAL = "manual", gettext_lazy("added by hand")


class CodingStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("waiting")
    CONFIRMED = "confirmed", gettext_lazy("confirmed")
    CORRECTED = "corrected", gettext_lazy("corrected")
    SKIPPED = "skipped", gettext_lazy("skipped")


CODED_STATUSES = (CodingStatus.CONFIRMED, CodingStatus.CORRECTED)


class CodingItem(models.Model):
    """A job title the coder was unsure of, waiting for an analyst (or coded by one).

    One row per normalised title (the coder's tokens joined by spaces), so that the same title written
    differently is coded once; ``count`` says how many ads carried it. The analyst's codings (confirmed: the
    coder's first suggestion; corrected: another unit group) join the coder's index at the next training."""

    title = models.CharField(gettext_lazy("job title"), max_length=300)
    normalised = models.CharField(gettext_lazy("normalised title"), max_length=600)
    language = models.CharField(gettext_lazy("language"), max_length=2, blank=True)
    source = models.CharField(gettext_lazy("source"), max_length=20, choices=CodingSource.choices)
    source_ref = models.CharField(gettext_lazy("reference at the source"), max_length=300, blank=True)
    count = models.PositiveIntegerField(gettext_lazy("ads"), default=1)
    suggestions = models.JSONField(gettext_lazy("suggestions"), default=list, blank=True)
    confidence = models.FloatField(gettext_lazy("confidence"), default=0.0)
    fallback = models.CharField(gettext_lazy("broader group"), max_length=4, blank=True)
    status = models.CharField(gettext_lazy("status"), max_length=10, choices=CodingStatus.choices,
                              default=CodingStatus.PENDING)
    occupation = models.ForeignKey(Occupation, verbose_name=gettext_lazy("occupation"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="codings")
    coded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("coded by"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    coded_at = models.DateTimeField(gettext_lazy("coded at"), null=True, blank=True)
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)

    class Meta:
        verbose_name = gettext_lazy("title to code")
        verbose_name_plural = gettext_lazy("coding queue")
        ordering = ["-count", "confidence", "pk"]
        constraints = [models.UniqueConstraint(fields=["normalised"], name="coding_item_once_per_title")]
        indexes = [
            models.Index(fields=["status", "-count", "confidence", "id"], name="coding_queue_order"),
            models.Index(fields=["status", "coded_at"], name="coding_coded_at"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def top_code(self) -> str | None:
        """The coder's first suggestion."""
        return self.suggestions[0]["code"] if self.suggestions else None

    @property
    def is_coded(self) -> bool:
        return self.status in CODED_STATUSES


# --- vacancies and demand ---------------------------------------------------------------------------
class VacancySource(models.TextChoices):
    ENBEK = "enbek", gettext_lazy("electronic labour exchange (Enbek)")
    JOB_BOARD = "job_board", gettext_lazy("job board")
    EMPLOYER = "employer", gettext_lazy("employers' own ads")
    OTHER = "other", gettext_lazy("other")


class CodingMethod(models.TextChoices):
    GIVEN = "given", gettext_lazy("code given in the file")
    ANALYST = "analyst", gettext_lazy("coded by an analyst")
    CODER = "coder", gettext_lazy("coded by the coder")
    UNSURE = "unsure", gettext_lazy("coder unsure (in the coding queue)")
    NONE = "none", gettext_lazy("cannot be coded")


class VacancyBatch(models.Model):
    """One ingested file of job ads: what was read, what was stored and how the ads were coded. Deleting a
    batch takes its ads out of the demand figures."""

    source = models.CharField(gettext_lazy("source"), max_length=20, choices=VacancySource.choices)
    original_name = models.CharField(gettext_lazy("file"), max_length=255)
    rows = models.PositiveIntegerField(gettext_lazy("rows read"), default=0)
    stored = models.PositiveIntegerField(gettext_lazy("ads stored"), default=0)
    duplicates = models.PositiveIntegerField(gettext_lazy("re-posts skipped"), default=0)
    coding = models.JSONField(gettext_lazy("coding"), default=dict, blank=True)  # {method: ads}
    first_posted = models.DateField(gettext_lazy("first ad"), null=True, blank=True)
    last_posted = models.DateField(gettext_lazy("last ad"), null=True, blank=True)
    seconds = models.FloatField(gettext_lazy("seconds"), default=0.0)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("loaded by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(gettext_lazy("loaded at"), default=timezone.now)

    class Meta:
        verbose_name = gettext_lazy("vacancy file")
        verbose_name_plural = gettext_lazy("vacancy files")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.stored})"


class Vacancy(models.Model):
    """A job ad. ``dedup_key`` is a digest of the employer, the normalised title and the district: an ad with
    the key of one kept within KASIP_VACANCY_DEDUP_DAYS is a re-post and is not stored."""

    # Few indexes and no foreign-key constraints in the database, on purpose: each slows the COPY of a million
    # ads (benchmark B3) several times over. The ingest checks the districts, creates the file's record and
    # links queue items in the same transaction; Django's collector keeps PROTECT, CASCADE and SET_NULL.
    batch = models.ForeignKey(VacancyBatch, verbose_name=gettext_lazy("file"), on_delete=models.CASCADE,
                              related_name="vacancies", db_index=False, db_constraint=False)
    source = models.CharField(gettext_lazy("source"), max_length=20, choices=VacancySource.choices)
    external_id = models.CharField(gettext_lazy("id at the source"), max_length=100, blank=True)
    title = models.CharField(gettext_lazy("job title"), max_length=300)
    employer = models.CharField(gettext_lazy("employer"), max_length=300, blank=True)
    employer_bin = models.CharField(gettext_lazy("employer's BIN"), max_length=12, blank=True)
    # ОКЭД section (A-U): from the file, else from the employer's record in the registry (by BIN)
    industry = models.CharField(gettext_lazy("industry"), max_length=1, blank=True)
    district = models.ForeignKey("registry.District", verbose_name=gettext_lazy("district"),
                                 on_delete=models.PROTECT, related_name="vacancies", db_index=False,
                                 db_constraint=False)
    posted_on = models.DateField(gettext_lazy("posted on"))
    month = models.DateField(gettext_lazy("month"))  # the first day of posted_on's month: demand's grain
    positions = models.PositiveIntegerField(gettext_lazy("positions"), default=1)
    salary_min = models.PositiveIntegerField(gettext_lazy("salary from"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(gettext_lazy("salary to"), null=True, blank=True)
    given_code = models.CharField(gettext_lazy("occupation code in the file"), max_length=6, blank=True)
    isco08 = models.CharField(gettext_lazy("ISCO-08 unit group"), max_length=4, blank=True)
    coding = models.CharField(gettext_lazy("coded"), max_length=10, choices=CodingMethod.choices)
    confidence = models.FloatField(gettext_lazy("confidence"), null=True, blank=True)
    # the coding-queue item of a title the coder was unsure of: an analyst's coding of it reaches these ads
    coding_item = models.ForeignKey(CodingItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    db_index=False, db_constraint=False)
    dedup_key = models.CharField(max_length=16)

    class Meta:
        verbose_name = gettext_lazy("job ad")
        verbose_name_plural = gettext_lazy("job ads")
        ordering = ["-posted_on", "-pk"]
        indexes = [
            # re-posts and ids at the source are looked up by month range, demand recounted by month
            models.Index(fields=["month"], name="vacancy_month"),
            models.Index(fields=["coding_item"], condition=models.Q(coding_item__isnull=False),
                         name="vacancy_coding_item"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.posted_on})"


class DemandCell(models.Model):
    """Job ads per unit group × district × month (``isco08`` empty: not coded), refreshed after each ingest
    for the months it touched: the demand pages, the gap and the forecasts read these, not the ads."""

    isco08 = models.CharField(gettext_lazy("ISCO-08 unit group"), max_length=4, blank=True)
    district = models.ForeignKey("registry.District", verbose_name=gettext_lazy("district"),
                                 on_delete=models.CASCADE, related_name="+")
    month = models.DateField(gettext_lazy("month"))
    postings = models.PositiveIntegerField(gettext_lazy("job ads"), default=0)
    positions = models.PositiveIntegerField(gettext_lazy("positions"), default=0)

    class Meta:
        verbose_name = gettext_lazy("demand cell")
        verbose_name_plural = gettext_lazy("demand cells")
        constraints = [models.UniqueConstraint(fields=["isco08", "district", "month"], name="demand_cell_once")]
        indexes = [models.Index(fields=["month", "isco08"], name="demand_month_isco")]

    def __str__(self) -> str:
        return f"{self.isco08 or '—'} {self.district_id} {self.month:%Y-%m}: {self.postings}"


# --- forecasts of demand ----------------------------------------------------------------------------
class ForecastRun(models.Model):
    """One run of `kasip forecast` (or of the page's button): every occupation's monthly job ads forecast from
    the demand cells, with the model each series got and its backtest."""

    made_at = models.DateTimeField(gettext_lazy("made at"), default=timezone.now)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("made by"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    method = models.CharField(gettext_lazy("method"), max_length=20, default="auto")
    horizon = models.PositiveSmallIntegerField(gettext_lazy("months ahead"), default=36)
    level = models.FloatField(gettext_lazy("interval level"), default=0.8)
    by_district = models.BooleanField(gettext_lazy("per district too"), default=False)
    first_month = models.DateField(gettext_lazy("first month of data"), null=True, blank=True)
    last_month = models.DateField(gettext_lazy("last month of data"), null=True, blank=True)
    series = models.PositiveIntegerField(gettext_lazy("series forecast"), default=0)
    too_short = models.JSONField(gettext_lazy("series too short"), default=dict, blank=True)  # {key: reason}
    methods = models.JSONField(gettext_lazy("methods chosen"), default=dict, blank=True)  # {method: series}
    seconds = models.FloatField(gettext_lazy("seconds"), default=0.0)

    class Meta:
        verbose_name = gettext_lazy("forecast run")
        verbose_name_plural = gettext_lazy("forecast runs")
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"forecast {self.made_at:%Y-%m-%d %H:%M} ({self.series})"


class DemandForecast(models.Model):
    """The forecast of one occupation's monthly job ads (the region's, or a district's) from one run: the
    points and intervals month by month and year by year, the model and its backtest (``data``)."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="forecasts")
    isco08 = models.CharField(gettext_lazy("ISCO-08 unit group"), max_length=4)
    district = models.ForeignKey("registry.District", verbose_name=gettext_lazy("district"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    method = models.CharField(gettext_lazy("method"), max_length=20)
    next_year = models.FloatField(gettext_lazy("next 12 months"))
    next_year_lower = models.FloatField(gettext_lazy("next 12 months, lower bound"))
    next_year_upper = models.FloatField(gettext_lazy("next 12 months, upper bound"))
    data = models.JSONField(default=dict)  # kasip.labour.forecast.Forecast.to_dict()

    class Meta:
        verbose_name = gettext_lazy("demand forecast")
        verbose_name_plural = gettext_lazy("demand forecasts")
        constraints = [models.UniqueConstraint(fields=["run", "isco08", "district"], name="forecast_once_per_run")]
        indexes = [models.Index(fields=["isco08", "run"], name="forecast_isco_run")]

    def __str__(self) -> str:
        return f"{self.isco08}: {self.next_year:.0f}"


# --- exposure to automation and AI ----------------------------------------------------------------------------
class ExposureScore(models.Model):
    """One index's figure for one unit group (kasip.labour.exposure: the indices, their sources and methods).
    Loaded from the project's table (src/kasip/labour/data/exposure.csv) or recomputed from the publishers'
    files by `kasip import-exposure`."""

    index = models.CharField(gettext_lazy("index"), max_length=30)
    isco08 = models.CharField(gettext_lazy("ISCO-08 unit group"), max_length=4)
    value = models.FloatField(gettext_lazy("value"))
    gradient = models.CharField(gettext_lazy("ILO gradient"), max_length=30, blank=True)
    n = models.PositiveIntegerField(gettext_lazy("tasks or SOC occupations behind it"), default=0)
    basis = models.TextField(gettext_lazy("SOC occupations and weights"), blank=True)

    class Meta:
        verbose_name = gettext_lazy("exposure score")
        verbose_name_plural = gettext_lazy("exposure scores")
        constraints = [models.UniqueConstraint(fields=["index", "isco08"], name="exposure_once_per_index")]
        indexes = [models.Index(fields=["isco08"], name="exposure_isco")]

    def __str__(self) -> str:
        return f"{self.index} {self.isco08}: {self.value}"


# --- other outlooks: the Ministry of Labour's forecast, the Atlas of new professions --------------------------
class OutlookSource(models.TextChoices):
    MINISTRY = "ministry", gettext_lazy("Ministry of Labour's forecast")
    ATLAS = "atlas", gettext_lazy("Atlas of new professions")


class OutlookStatus(models.TextChoices):
    NEW = "new", gettext_lazy("new occupation")
    CHANGING = "changing", gettext_lazy("changing occupation")


class ExternalOutlook(models.Model):
    """A figure or a mark from another outlook, shown beside Kasip's own: the Ministry of Labour's forecast of
    the workers an occupation needs in a year, or the Atlas of new professions' mark of a new or changing
    occupation. Imported from files (`kasip import outlook FILE`, the import page, the API)."""

    source = models.CharField(gettext_lazy("source"), max_length=10, choices=OutlookSource.choices)
    isco08 = models.CharField(gettext_lazy("ISCO-08 unit group"), max_length=4)
    occupation_code = models.CharField(gettext_lazy("occupation code in the file"), max_length=6)
    occupation_title = models.CharField(gettext_lazy("occupation"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(gettext_lazy("year"), null=True, blank=True)
    value = models.PositiveIntegerField(gettext_lazy("workers needed"), null=True, blank=True)
    status = models.CharField(gettext_lazy("mark"), max_length=10, choices=OutlookStatus.choices, blank=True)
    district = models.ForeignKey("registry.District", verbose_name=gettext_lazy("district"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    comment = models.CharField(gettext_lazy("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = gettext_lazy("outlook")
        verbose_name_plural = gettext_lazy("outlooks")
        ordering = ["source", "isco08", "year"]
        indexes = [models.Index(fields=["isco08", "source"], name="outlook_isco")]

    def __str__(self) -> str:
        return f"{self.source} {self.isco08} {self.year or ''}"


class OccupationTask(models.Model):
    """A task of a unit group as the ILO describes it (Gmyrek et al. 2025, from `kasip import-exposure`): the
    reskilling pathways compare occupations by the words of their tasks when these are loaded."""

    isco08 = models.CharField(gettext_lazy("ISCO-08 unit group"), max_length=4, db_index=True)
    text = models.TextField(gettext_lazy("task"))

    class Meta:
        verbose_name = gettext_lazy("occupation task")
        verbose_name_plural = gettext_lazy("occupation tasks")
        ordering = ["isco08", "pk"]

    def __str__(self) -> str:
        return f"{self.isco08}: {self.text[:60]}"
