"""A project in several sub-regions, over the Bot API server: the summary names every local
alliance concerned and which to approach first, the pre-check notes the spatial effect, the
handoff reaches every alliance, and the statistics count it in each sub-region."""

from __future__ import annotations

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    answer,
    give_contact_details,
    notification,
    people,
    register_contacts,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer
from tests.support.bot import StartBot

HANNOVER = "Fachkräfteallianz Region Hannover"


async def test_a_project_in_hannover_and_hildesheim_goes_to_both_alliances(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, hildesheim, sponsor = people(server)
        hannover = server.user(503, "Kontakt Hannover")
        await register_contacts(staff, HILDESHEIM, hildesheim)
        await register_contacts(staff, HANNOVER, hannover)

        summary = await to_summary(sponsor, place="Garbsen und Sarstedt")
        assert "Ort: Garbsen (Region Hannover), Sarstedt (Landkreis Hildesheim)" in summary
        contact = summary[summary.index("Ihre ersten Ansprechpartner") :]
        assert (
            f"zuerst der lokalen Fachkräfteallianz des zuerst genannten Orts vor: {HANNOVER}"
            in (contact)
        )
        assert f"außerdem {HILDESHEIM} ein" in contact
        assert "Räumliche Wirkung des Projektes" in summary
        assert "Region Hannover, Landkreis Hildesheim" in summary

        await tap(sponsor, "Übergeben")
        preview = await give_contact_details(sponsor)
        assert f"Diese Angaben gehen an die {HANNOVER} und die {HILDESHEIM}:" in preview.text
        assert f"Ansprechpersonen der {HANNOVER} und der {HILDESHEIM}" in preview.text
        (sent,) = await tap(sponsor, "Einverstanden")
        assert f"geht an die registrierten Ansprechpersonen der {HANNOVER}" in sent.text
        assert f"geht an die registrierten Ansprechpersonen der {HILDESHEIM}" in sent.text

        for contact_user, own, other in (
            (hannover, HANNOVER, HILDESHEIM),
            (hildesheim, HILDESHEIM, HANNOVER),
        ):
            text, pdf = await notification(contact_user)
            assert f"an die {own}" in text.text
            assert f"dieselben Angaben gingen auch an: {other}" in text.text
            assert f"Zuerst anzusprechen ist laut Träger die {HANNOVER}" in text.text
            assert pdf.document is not None

        statistics = await answer(staff, "/statistik")
        assert "Region Hannover: 1 Entwürfe, zusammen 380.000 €" in statistics.text
        assert "Landkreis Hildesheim: 1 Entwürfe, zusammen 380.000 €" in statistics.text
        assert "Handlungsschwerpunkt" in statistics.text
        assert not server.bot_errors
