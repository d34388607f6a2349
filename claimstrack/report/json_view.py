"""The compliance review report as JSON: the summary counts and every figure with its status,
what backs it (claim, citation verified in source, citation alone) and the findings at it.

It is the report's view model, for tools: the findings themselves, with every field, are what
`claimstrack check --format json` prints.
"""

from __future__ import annotations

from typing import Any

import attrs

from claimstrack.render._common import json_document
from claimstrack.report.views import CitationView, ClaimRow, FigureView, ReportView

#: Bumped when a field changes meaning or goes away (new fields do not bump it).
SCHEMA = 1


def render_json(view: ReportView) -> str:
    """The report view as an indented JSON document (see docs/report.md)."""
    payload = {
        "schema": SCHEMA,
        "title": view.title,
        "generated_at": view.generated_at.isoformat(),
        "today": view.today.isoformat(),
        "tool_version": view.tool_version,
        "summary": {**attrs.asdict(view.summary), "passed": view.summary.passed},
        "documents": [
            {"path": d.path, "format": d.format, "findings": d.finding_count,
             "figures": [_figure(f) for f in d.figures]}
            for d in view.documents
        ],
        "claims": [_claim(c) for c in view.claims],
    }
    return json_document(payload)


def _figure(figure: FigureView) -> dict[str, Any]:
    return {
        "line": figure.line,
        "column": figure.column,
        "text": figure.text,
        "status": figure.status,
        "backing": figure.backing,
        "claim": figure.claim,
        "measure": figure.measure,
        "citations": [_citation(c) for c in figure.citations],
        "findings": [{"code": f.code, "severity": f.severity, "message": f.message} for f in figure.findings],
        "suppressed": [{"code": f.code, "reason": f.suppressed_reason} for f in figure.suppressed],
    }


def _citation(citation: CitationView) -> dict[str, Any]:
    return {
        "key": citation.key,
        "in_bibliography": citation.reference_anchor is not None,
        "source_copy": citation.copy,
        "in_source": citation.contains,
    }


def _claim(claim: ClaimRow) -> dict[str, Any]:
    return {
        "id": claim.id,
        "status": claim.status,
        "measure": claim.measure,
        "review_by": claim.review_by.isoformat() if claim.review_by else None,
        "review_state": claim.review_state,
        "evidence": [e.cite for e in claim.evidence],
        "used_in": [path for path, _ in claim.used_in],
    }
