"""`/mensch` as a sponsor's very first message, over the Bot API server (issue 15, point 3):
no draft, no place, no contact registered for any alliance — the request goes to the
coordination office (the staff in BOT_ADMIN_IDS), and the sponsor is told so, and how many
were reached only once the notification was delivered."""

from __future__ import annotations

from tests.alliance.conftest import ADMINS, STAFF
from tests.botapi import BotApiServer, TelegramUser
from tests.support.bot import StartBot, answer

OFFICE = "Amt für regionale Landesentwicklung Leine-Weser"


async def until(user: TelegramUser, text: str) -> str:
    """The first new message holding `text` (later ones, like a delivery report that may
    already have arrived, stay unread)."""

    def arrived() -> str | None:
        return next((m.text for m in user.new_messages if text in m.text), None)

    return await user.wait_for(arrived, what=text)


async def test_mensch_as_the_first_message_with_nobody_registered_reaches_the_office(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(1001, "Träger")

        prompt = await answer(sponsor, "/mensch")
        assert f"die Koordinierungsstelle ({OFFICE})" in prompt.text
        assert "Telefonnummer oder E-Mail-Adresse" in prompt.text

        sponsor.send("05121 123456")
        told = await until(sponsor, "geht an die Koordinierungsstelle")
        assert f"geht an die Koordinierungsstelle ({OFFICE})" in told
        assert "✅" not in told and "Person" not in told, "nothing counted before delivery"

        notified = await until(staff, "Bitte um persönlichen Kontakt")
        assert "Erreichbar: 05121 123456" in notified

        report = await until(sponsor, "Zugestellt")
        assert "Ihre Bitte um persönlichen Kontakt" in report
        assert "hat 1 Person erreicht" in report
        assert not server.bot_errors
