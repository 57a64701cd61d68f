"""A project in several sub-regions: the summary names every local alliance concerned and
which to approach first, the pre-check notes the spatial effect, the handoff reaches every
alliance, and the statistics count it in each sub-region. In process
(`tests/support/chats.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.support.chats import Chats
from tests.support.scripts import CONTACT, HILDESHEIM, SPONSOR, STAFF
from tests.support.steps import Person

HANNOVER = "Fachkräfteallianz Region Hannover"


async def test_a_project_in_hannover_and_hildesheim_goes_to_both_alliances(
    tmp_path: Path,
) -> None:
    hannover = Person("hannover", 503, "Kontakt Hannover")
    async with Chats(tmp_path, SPONSOR, CONTACT, hannover, STAFF) as chats:
        await chats.register(HILDESHEIM, "contact")
        await chats.register(HANNOVER, "hannover")

        summary = (await chats.draft(place="Garbsen und Sarstedt")).text
        assert "Ort: Garbsen (Region Hannover), Sarstedt (Landkreis Hildesheim)" in summary
        contact = summary[summary.index("Ihre ersten Ansprechpartner") :]
        assert f"zuerst {HANNOVER} (für den zuerst genannten Ort), außerdem {HILDESHEIM}." in (
            contact
        )
        assert "Räumliche Wirkung des Projektes" in summary
        assert "Region Hannover, Landkreis Hildesheim" in summary

        await chats.tap("sponsor", "Übergeben")
        await chats.send("sponsor", "Bildungswerk Sarstedt e. V.")
        await chats.send("sponsor", "Projektleitung Pflege")
        preview = await chats.send("sponsor", "pflege@bildungswerk.example")
        assert f"Diese Angaben gehen an die {HANNOVER} und die {HILDESHEIM}:" in preview.text
        assert f"Ansprechpersonen der {HANNOVER} und der {HILDESHEIM}" in preview.text
        sent = await chats.tap("sponsor", "Einverstanden")
        assert f"geht an die registrierten Ansprechpersonen der {HANNOVER}" in sent.text
        assert f"geht an die registrierten Ansprechpersonen der {HILDESHEIM}" in sent.text

        for who, own, other in (
            ("hannover", HANNOVER, HILDESHEIM),
            ("contact", HILDESHEIM, HANNOVER),
        ):
            notified = sent.of(who)
            text = notified.messages[0].text
            assert f"an die {own}" in text
            assert f"dieselben Angaben gingen auch an: {other}" in text
            assert f"Zuerst anzusprechen ist laut Träger die {HANNOVER}" in text
            assert [d.file.name.endswith(".pdf") for d in notified.documents if d.file] == [True]

        statistics = await chats.send("staff", "/statistik")
        assert "Region Hannover: 1 Entwürfe, zusammen 380.000 €" in statistics.text
        assert "Landkreis Hildesheim: 1 Entwürfe, zusammen 380.000 €" in statistics.text
        assert "Handlungsschwerpunkt" in statistics.text
