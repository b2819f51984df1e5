"""The page that codes pasted job titles with the occupation coder (any logged-in user)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from kasip.labour.coder import REBUILD_COMMAND

from .. import codetitles, selectors
from ..coder_file import CoderUnavailable, get_coder

__all__ = ["code_titles"]


class CodeTitlesForm(forms.Form):
    titles = forms.CharField(
        label=gettext_lazy("Job titles, one per line"), widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        max_length=codetitles.MAX_TITLES * 400, error_messages={"required": gettext_lazy("Paste at least one job title.")},
        help_text=gettext_lazy("Up to 1000 titles in Kazakh, Russian or English, e.g. “электрогазосварщик 5 разряда”."))

    def clean_titles(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["titles"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise forms.ValidationError(gettext("Paste at least one job title."))
        if len(lines) > codetitles.MAX_TITLES:
            raise forms.ValidationError(gettext("At most %(limit)s titles at a time; you pasted %(n)s.")
                                        % {"limit": codetitles.MAX_TITLES, "n": len(lines)})
        return lines


@login_required
@require_http_methods(["GET", "POST"])
def code_titles(request):
    form = CodeTitlesForm(request.POST if request.method == "POST" else None)
    rows, unavailable, status = None, "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                coder = get_coder()
            except CoderUnavailable:
                unavailable = gettext("The occupation coder is not available: its file is missing or corrupt. "
                                      "Rebuild it with: %(command)s") % {"command": REBUILD_COMMAND}
                status = 503
            else:
                rows = selectors.coded_rows(codetitles.code_titles(coder, form.cleaned_data["titles"], k=3))
                for row in rows:  # the 2nd and 3rd suggestions get their own columns
                    row["others"] = (row["candidates"][1:] + [None, None])[:2]
        else:
            status = 422
    summary = None
    if rows is not None:
        summary = {"total": len(rows), "coded": sum(r["code"] is not None for r in rows),
                   "sure": sum(r["sure"] for r in rows)}
    return render(request, "labour/code_titles.html", {
        "form": form, "rows": rows, "summary": summary, "unavailable": unavailable}, status=status)
