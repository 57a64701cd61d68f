"""The rest of the procedure in chat (issue 16), in process on a real SQLite file with the
injected clock: the copy of NBank's decision sent as a file reaches staff as a document;
staff agree evaluation steps, set the escalation's days and hand a case to another contact;
staff move and cancel meetings (the waiting cases told and re-planned) and get a meeting's
agenda as one PDF with the Projektskizzen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.events import Press
from bot.core.outputs import Document
from tests.alliance.conftest import pdf_text
from tests.procedure.chat import HANDED_OVER, PEOPLE, REGISTERED, SUPPORTED, Session
from tests.procedure.test_chat_journey import PLAN, SKETCHED_AND_HANDED_OVER, VOTUM
from tests.support.scripts import to_summary_de
from tests.support.steps import Cmd, Join, Person, Say, Tap

DECISION = b"%PDF-1.4\n% Zuwendungsbescheid der NBank\n%%EOF\n"
SECOND = Person("contact2", 502, "Kontakt Zwei")


def copies(session: Session) -> list[tuple[str, str, int | None]]:
    """The decision's copies staff received (not the overview's CSV)."""
    return [d for d in session.delivered("staff") if d[0].startswith("Bescheid")]


async def to_scheduled(session: Session) -> None:
    """Handed over, supported, plan and submission, on the agenda of 10.12.2026."""
    await session.play(*REGISTERED, *SKETCHED_AND_HANDED_OVER, *SUPPORTED)
    await session.play(Cmd("sitzung", "10.12.2026 01.12.2026", who="staff"))
    await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
    await session.play(Tap("Finanzierungsplan eingeben"), Say(PLAN), Tap("einreichen"))
    await session.play(Cmd("verfahren", who="staff"), Tap("Pflegebrücke", who="staff"))
    await session.play(Tap("Auf die Sitzung am 10.12.2026", who="staff"))
    assert session.case()[1] == "scheduled"


async def to_endorsed(session: Session) -> None:
    await to_scheduled(session)
    session.clock.set(datetime(2026, 12, 10, 15, 0, tzinfo=UTC))
    await session.play(Tap("🗳 befürwortet", who="staff"), Say(VOTUM, who="staff"))
    assert session.case()[1] == "endorsed"


async def test_the_decision_copy_reaches_staff_as_a_document(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await to_endorsed(session)
        await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
        # Not before NBank decided: no button for it.
        assert not any("Kopie" in label for label in session.last_with_buttons("sponsor").labels)
        await session.play(Tap("NBank-Antrag heute gestellt"), Tap("NBank hat bewilligt"))
        asked = session.received("sponsor", session.count("sponsor") - 1)
        assert "Kopie der Förderentscheidung" in asked, asked

        # A file sent without the button is no answer, and nothing reaches staff.
        unasked = await session.upload("Bescheid.pdf", DECISION)
        assert "Kopie" not in unasked and copies(session) == [], unasked

        await session.play(Tap("Kopie der Förderentscheidung senden"))
        # A text meanwhile goes its usual way; the button is pressed again after a restart.
        await session.restart()
        await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
        await session.play(Tap("Kopie der Förderentscheidung senden"))
        await session.restart()
        thanked = await session.upload("Bescheid.pdf", DECISION)
        assert "ist an die Koordinierungsstelle gegangen" in thanked, thanked
        assert copies(session) == [("Bescheid.pdf", "application/pdf", None)]
        assert session.case()[1] == "granted", "a side step: the case stays where it is"
        assert [kind for kind, _ in session.steps()][-1] == "decision_copy"
        # Asked for, not required: the project's dates can be given with or without it.
        assert any("Projektbeginn" in label for label in session.last("sponsor").labels)
        # A second file is no copy any more: the sub-dialog was finished by the first.
        again = await session.upload("Bescheid2.pdf", DECISION)
        assert "gegangen" not in again and len(copies(session)) == 1, again


async def test_a_text_does_not_answer_the_copys_button(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await to_endorsed(session)
        await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
        await session.play(Tap("NBank-Antrag heute gestellt"), Tap("NBank hat bewilligt"))
        await session.play(Tap("Kopie der Förderentscheidung senden"))
        await session.play(Cmd("entwuerfe"))
        # The menu chosen: the copy is not awaited any more.
        shown = await session.upload("Bescheid.pdf", DECISION)
        assert "gegangen" not in shown and copies(session) == [], shown


async def test_staff_agree_an_evaluation_step_and_record_it_received(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await to_endorsed(session)
        await session.play(Cmd("verfahren", who="staff"), Tap("Pflegebrücke", who="staff"))
        await session.play(Tap("Evaluationsbaustein vereinbaren", who="staff"))
        await session.play(Tap("Zwischenbericht", who="staff"))
        unread = await session.say(Say("irgendwann im Herbst", who="staff"))
        assert "Fälligkeitsdatum" in unread, unread
        await session.restart()
        sponsor = session.count("sponsor")
        agreed = await session.say(Say("Zwischenbericht 2027 bis 31.12.2027", who="staff"))
        assert "Vereinbart: Zwischenbericht „Zwischenbericht 2027“, fällig am 31.12.2027" in (
            agreed
        ), agreed
        assert "31.12.2027" in session.received("sponsor", sponsor)
        assert session.rows("SELECT kind, title, due_on FROM evaluations") == [
            ("interim_report", "Zwischenbericht 2027", "2027-12-31")
        ]
        # A title left out: the kind names it.
        await session.play(Tap("Evaluationsbaustein vereinbaren", who="staff"))
        await session.play(Tap("Projektbeirat", who="staff"))
        await session.play(Say("30.06.2027", who="staff"))
        titles = session.rows("SELECT title FROM evaluations ORDER BY id")
        assert titles == [("Zwischenbericht 2027",), ("Projektbeirat",)]

        await session.play(Tap("Eingegangen: Zwischenbericht 2027", who="staff"))
        assert session.rows("SELECT title FROM evaluations WHERE received_at IS NOT NULL") == [
            ("Zwischenbericht 2027",)
        ]
        assert not any("Zwischenbericht 2027" in label for label in session.last("staff").labels), (
            "recorded once"
        )
        # The sponsor sees what is agreed in the case.
        await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
        view = session.last("sponsor").text
        assert "Projektbeirat" in view and "30.06.2027" in view, view


async def test_staff_set_the_escalations_days_in_chat(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, Cmd("verfahren", who="staff"))
        asked = await session.say(Tap("Eskalation nach 14 Tagen", who="staff"))
        assert "nach 14 Tagen" in asked, asked
        refused = await session.say(Say("0", who="staff"))
        assert "von 1 bis 90" in refused, refused
        await session.play(Say("21", who="staff"))
        await session.restart()
        await session.play(*HANDED_OVER)
        # Nobody took it: after 15 days nothing yet, after 21 days the office hears of it.
        start = session.clock.now()
        session.clock.set(start + timedelta(days=15))
        await session.tick()
        assert [kind for kind, _ in session.steps()] == ["hand_over"]
        session.clock.set(start + timedelta(days=21, hours=1))
        await session.tick()
        assert [kind for kind, _ in session.steps()] == ["hand_over", "escalate"]
        await session.play(Cmd("verfahren", who="staff"))
        assert any("nach 21 Tagen" in label for label in session.last_with_buttons("staff").labels)


async def test_staff_hand_a_case_to_another_contact_in_chat(tmp_path: Path) -> None:
    async with Session(tmp_path, people=(*PEOPLE, SECOND)) as session:
        await session.play(*REGISTERED)
        await session.play(Cmd("kontakt_einladen", who="staff"), Tap("Hildesheim", who="staff"))
        await session.play(Join("contact2"))
        await session.play(*HANDED_OVER, Tap("Übernehmen", who="contact", on="Übergabe Nr. 1"))
        assert session.case()[3] == "Kontakt Eins"
        await session.play(Cmd("verfahren", who="staff"), Tap("Pflegebrücke", who="staff"))
        # Only the other contact is offered.
        labels = session.last("staff").labels
        assert [label for label in labels if "Übertragen" in label] == [
            "👤 Übertragen an Kontakt Zwei"
        ], labels
        sponsor, second = session.count("sponsor"), session.count("contact2")
        await session.play(Tap("Übertragen an Kontakt Zwei", who="staff"))
        assert session.case()[3] == "Kontakt Zwei"
        assert session.rows("SELECT taken_by FROM handoffs") == [(502,)]
        assert "übertragen" in session.received("contact2", second)
        assert "neue Ansprechperson" in session.received("sponsor", sponsor)
        # The new contact states for the alliance now.
        await session.play(Cmd("eingang", who="contact2"), Tap("Nr. 1", who="contact2"))
        await session.play(Tap("Unterstützt", who="contact2"), Say("Gut.", who="contact2"))
        assert session.case()[1] == "supported"


async def test_staff_move_a_meeting_and_the_sponsor_is_told(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await to_scheduled(session)
        await session.play(Cmd("sitzung", who="staff"), Tap("Sitzung am 10.12.2026", who="staff"))
        assert "noch ohne Votum: 1 Fall" in session.last("staff").text
        await session.play(Tap("Verschieben", who="staff"))
        unread = await session.say(Say("bald", who="staff"))
        assert "TT.MM.JJJJ" in unread, unread
        sponsor = session.count("sponsor")
        moved = await session.say(Say("17.12.2026", who="staff"))
        assert "auf den 17.12.2026 verlegt" in moved, moved
        assert "verlegt auf den 17.12.2026" in session.received("sponsor", sponsor)
        # The deadline before the new date stays.
        assert session.rows("SELECT held_on, deadline FROM meetings") == [
            ("2026-12-17", "2026-12-01")
        ]


async def test_staff_cancel_a_meeting_and_its_cases_are_replanned(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await to_scheduled(session)
        await session.play(Cmd("sitzung", who="staff"), Tap("Sitzung am 10.12.2026", who="staff"))
        alone = await session.say(Tap("Absagen", who="staff"))
        assert "Tragen Sie zuerst mit /sitzung eine andere Sitzung ein" in alone, alone
        await session.play(Cmd("sitzung", "14.01.2027", who="staff"))
        await session.play(Tap("Sitzung am 10.12.2026", who="staff"), Tap("Absagen", who="staff"))
        sponsor = session.count("sponsor")
        cancelled = await session.say(Tap("Fälle auf die Sitzung am 14.01.2027", who="staff"))
        assert "am 10.12.2026 ist abgesagt" in cancelled, cancelled
        assert "Jetzt auf der Tagesordnung der Sitzung am 14.01.2027: 1 Fall" in cancelled
        told = session.received("sponsor", sponsor)
        assert "Die Sitzung der Lenkungsgruppe am 10.12.2026 fällt aus" in told, told
        assert "jetzt auf der Tagesordnung der Sitzung am 14.01.2027" in told, told
        assert session.rows(
            "SELECT held_on, cancelled_at IS NOT NULL FROM meetings ORDER BY id"
        ) == [
            ("2026-12-10", 1),
            ("2027-01-14", 0),
        ]
        (meeting,) = session.rows("SELECT id FROM meetings WHERE held_on = '2027-01-14'")
        assert session.rows("SELECT stage, meeting_id FROM cases") == [("scheduled", meeting[0])]
        # A meeting nobody waits for is cancelled after a confirmation.
        await session.play(Cmd("sitzung", "20.02.2027", who="staff"))
        await session.play(Tap("Sitzung am 20.02.2027", who="staff"), Tap("Absagen", who="staff"))
        await session.play(Tap("Ja, absagen", who="staff"))
        listing = session.last("staff")
        assert "am 20.02.2027 ist abgesagt" in listing.text, listing.text
        assert listing.labels == ["📅 Sitzung am 14.01.2027"], listing.labels


async def test_a_meetings_agenda_as_one_pdf_with_the_sketches(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await to_scheduled(session)
        await session.play(Cmd("sitzung", who="staff"), Tap("Sitzung am 10.12.2026", who="staff"))
        (document,) = await session.documents("Tagesordnung", who="staff")
        assert document.mime_type == "application/pdf"
        assert document.filename == "tagesordnung_2026-12-10.pdf"
        text = " ".join(pdf_text(document.content).split())
        assert "Tagesordnung der Sitzung am 10.12.2026" in text, text
        assert "TOP 1: Fall Nr. 1 „Pflegebrücke Hildesheim“" in text, text
        # The Projektskizze as handed over, with the plan as submitted.
        assert "Pflegeheime im Landkreis finden kaum Fachkräfte." in text, text
        assert "Personal" in text and "300.000" in text, text
        # Nobody else gets it: staff's button pressed by a sponsor is answered as unknown.
        pressed = await session.handle("sponsor", Press("", "staff:meeting:agenda:1"))
        assert not any(isinstance(output, Document) for output in pressed)


async def test_contacts_see_their_alliances_cases_by_step(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER, *SUPPORTED)
        listing = await session.say(Cmd("faelle", who="contact"))
        assert "Fälle: FaReHi (1)" in listing, listing
        assert "Pflegebrücke Hildesheim" in listing, listing
        shown = await session.say(Tap("Pflegebrücke", who="contact"))
        # Where it stands, what is due from whom, its history with role and day, who is in
        # charge for the alliance.
        assert "Fall Nr. 1: Pflegebrücke Hildesheim" in shown, shown
        assert "Projektträger" in shown and "25.11.2026" in shown, shown
        assert "Ansprechperson der Allianz: Kontakt Eins" in shown, shown
        # A sponsor has no such command, nor its buttons.
        refused = await session.say(Cmd("faelle"))
        assert "Pflegebrücke Hildesheim" not in refused, refused
        pressed = await session.handle("sponsor", Press("", "cases:open:1"))
        assert pressed and "Fall Nr. 1" not in str(pressed)
        # Staff see every alliance's cases.
        staff = await session.say(Cmd("faelle", who="staff"))
        assert "Pflegebrücke Hildesheim" in staff, staff


async def test_the_sponsors_summary_says_where_the_case_stands(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER, *SUPPORTED)
        summary = await session.say(Cmd("zusammenfassung"))
        handed, _, rest = summary.partition("📌 Im Verfahren: Fall Nr. 1 · von der lokalen")
        assert "Übergabe Nr. 1" in handed and rest, summary
        assert rest.split("\n\n")[0].endswith("Einreichung beim Fachkräftebündnis (Projektträger)")
        await session.play(Tap("Verfahren und nächste Schritte"))
        assert "Kosten- und Finanzierungsplan" in " ".join(session.last("sponsor").labels)


async def test_staff_hand_all_cases_of_a_departing_contact_on_at_once(tmp_path: Path) -> None:
    async with Session(tmp_path, people=(*PEOPLE, SECOND)) as session:
        await session.play(*REGISTERED)
        await session.play(Cmd("kontakt_einladen", who="staff"), Tap("Hildesheim", who="staff"))
        await session.play(Join("contact2"))
        await session.play(*HANDED_OVER, Tap("Übernehmen", who="contact", on="Übergabe Nr. 1"))
        second_draft = [
            Cmd("neu"),
            *(
                Say("Pflegelotsen Alfeld") if step == Say("Pflegebrücke Hildesheim") else step
                for step in to_summary_de()[1:]
            ),
            *HANDED_OVER[len(to_summary_de()) :],
        ]
        await session.play(*second_draft)
        await session.play(Tap("Übernehmen", who="contact", on="Übergabe Nr. 2"))
        assert session.rows("SELECT contact_name FROM cases ORDER BY id") == [
            ("Kontakt Eins",),
            ("Kontakt Eins",),
        ]
        await session.play(Cmd("verfahren", who="staff"), Tap("Pflegelotsen", who="staff"))
        await session.play(Tap("Alle 2 Fälle an Kontakt Zwei", who="staff"))
        assert session.rows("SELECT contact_name FROM cases ORDER BY id") == [
            ("Kontakt Zwei",),
            ("Kontakt Zwei",),
        ]
        assert session.rows("SELECT DISTINCT taken_by FROM handoffs") == [(502,)]
        assert [kind for kind, _ in session.steps()].count("reassign") == 2
