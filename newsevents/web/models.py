"""Request bodies and parameter types of the HTTP API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Query
from pydantic import BaseModel, Field

from newsevents.records import Modality


class CodeRequest(BaseModel):
    """``POST /api/code``: a text (plain or HTML) and its publication date."""

    text: str = Field(min_length=1, description="The article or sentence to code.")
    date: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    doc_id: str = Field("api", max_length=200)


AnalysisModality = Literal[Modality, "all"]  # "all": every modality
ActorParam = Annotated[str | None, Query(max_length=80)]
