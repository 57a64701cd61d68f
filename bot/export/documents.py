"""The Projektskizze of a draft as the documents transports send: PDF first, then Markdown.

Who submits it comes from the answers given before a handoff (organisation, contact person,
phone or e-mail); before that those fields are open in the sketch.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.advice.advise import Advisor
from bot.core.answers import facts_from_answers, read_answers
from bot.core.outputs import Document
from bot.core.plan import Plan
from bot.core.state import Answer, DialogState
from bot.export import MEDIA_TYPES, render_pdf
from bot.export.markdown import render_markdown
from bot.export.sketch import Sponsor, build_sketch
from bot.texts.catalog import Language


def sponsor_of(answers: Mapping[str, Answer]) -> Sponsor:
    read = read_answers(answers)

    def text(given: str | None) -> str | None:
        return given if given is not None and given.strip() else None

    return Sponsor(
        organisation=text(read.sponsor_name),
        contact_name=text(read.contact_person),
        contact=text(read.contact_channel),
    )


def sketch_documents(
    state: DialogState,
    advisor: Advisor,
    language: Language,
    today: date,
    plan: Plan | None = None,
) -> list[Document]:
    """`plan`: the draft's cost and financing plan with its work steps, where there is one."""
    advice = advisor.advise(facts_from_answers(state.answers), today)
    sketch = build_sketch(
        state, advice, advisor.kb, language, sponsor_of(state.answers), created=today, plan=plan
    )
    return [
        Document(sketch.file_name("pdf"), render_pdf(sketch), MEDIA_TYPES["pdf"]),
        Document(
            sketch.file_name("md"), render_markdown(sketch).encode("utf-8"), MEDIA_TYPES["md"]
        ),
    ]
