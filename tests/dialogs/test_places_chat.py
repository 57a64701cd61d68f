"""Places as sponsors type them, in chat: a town of the region taken over a small namesake far
away (with the note and the way back), a registration code, an Ortsteil of two districts asked
back, and a place abroad answered politely. In process (`tests/support/chats.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.support.chats import Chats
from tests.support.steps import Person


async def test_nienburg_is_taken_with_a_note_and_corrected_with_back(tmp_path: Path) -> None:
    async with Chats(tmp_path, Person("nina", 3001, "Nina")) as chats:
        await chats.send("nina", "/start")
        organisation = await chats.send("nina", "Nienburg")
        assert "„Nienburg“ verstehe ich als Nienburg/Weser" in organisation.text
        assert "nicht als Nienburg (Saale)" in organisation.text
        assert "/zurueck" in organisation.text
        assert "Fachkräfte-Initiative Weserbergland+" in organisation.text
        assert "Welche Art von Organisation" in organisation.text
        assert "⬅️ Zurück" in organisation.labels

        again = await chats.tap("nina", "⬅️ Zurück")
        assert "Wo soll das Projekt stattfinden" in again.text
        elsewhere = await chats.send("nina", "Nienburg (Saale)")
        assert "Nienburg (Saale) liegt außerhalb Niedersachsens" in elsewhere.text
        assert "Bündnisse des Landes Niedersachsen" in elsewhere.text


async def test_the_namesake_note_in_english(tmp_path: Path) -> None:
    async with Chats(tmp_path, Person("alex", 3002, "Alex", "en")) as chats:
        await chats.send("alex", "/start")
        organisation = await chats.send("alex", "Burgdorf")
        assert "I take “Burgdorf” to be Burgdorf (Region Hannover)" in organisation.text
        assert "Burgdorf (Landkreis Wolfenbüttel)" in organisation.text
        assert "/back" in organisation.text


async def test_landkreis_ni_is_nienburg_and_an_ortsteil_of_two_districts_is_asked_back(
    tmp_path: Path,
) -> None:
    async with Chats(tmp_path, Person("olaf", 3003, "Olaf")) as chats:
        await chats.send("olaf", "/start")
        asked = await chats.send("olaf", "Osterwald")
        assert "„Osterwald“ gibt es mehrfach" in asked.text
        assert "Osterwald (Garbsen, Region Hannover)" in asked.labels
        assert "Osterwald (Salzhemmendorf, Landkreis Hameln-Pyrmont)" in asked.labels
        organisation = await chats.tap(
            "olaf", "Osterwald (Salzhemmendorf, Landkreis Hameln-Pyrmont)"
        )
        assert "Fachkräfte-Initiative Weserbergland+" in organisation.text

        back = await chats.send("olaf", "/zurueck")
        assert "Wo soll das Projekt stattfinden" in back.text
        organisation = await chats.send("olaf", "Landkreis NI")
        assert "„Landkreis NI“ verstanden als Landkreis Nienburg/Weser" in organisation.text


async def test_vienna_gets_the_polite_answer(tmp_path: Path) -> None:
    wilma, zoe = Person("wilma", 3004, "Wilma"), Person("zoe", 3005, "Zoe", "en")
    async with Chats(tmp_path, wilma, zoe) as chats:
        await chats.send("wilma", "/start")
        reply = await chats.send("wilma", "Wien")
        assert "kenne ich nicht" not in reply.text
        assert "Wien liegt nicht in Deutschland" in reply.text
        assert "Programm der regionalen Fachkräftebündnisse des Landes Niedersachsen" in reply.text
        assert "Welche Art von Organisation" in reply.text

        await chats.send("zoe", "/start")
        reply = await chats.send("zoe", "Zurich")
        assert "Zürich is not in Germany" in reply.text
        assert "Lower Saxony" in reply.text
