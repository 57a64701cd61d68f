"""A sponsor hands a draft to the local alliance and both sides talk through the bot: consent
first, the notification with the PDF to every contact, questions and answers both ways, taking
it over, the statement, and the draft's status as the sponsor sees it."""

from __future__ import annotations

import asyncio

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    IDEA,
    STAFF,
    WESERBERGLAND,
    answer,
    delivered,
    give_contact_details,
    hand_over,
    joined,
    notification,
    pdf_text,
    people,
    register_contacts,
    tap,
    to_summary,
    two_contacts_of_hildesheim,
)
from tests.botapi import BotApiServer
from tests.support.bot import StartBot, summary_messages


async def test_a_complete_handoff_with_both_sides_chatting(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, first, second, sponsor = await two_contacts_of_hildesheim(server)

        await to_summary(sponsor)
        (intro,) = await tap(sponsor, "Übergeben")
        assert "Kontaktdaten" in intro.text and "Wie heißt Ihre Organisation" in intro.text
        invalid = await answer(sponsor, "Bildungswerk Sarstedt e. V.")
        invalid = await answer(sponsor, "Projektleitung Pflege")
        invalid = await answer(sponsor, "ruf mich an")
        assert "Telefonnummer" in invalid.text  # neither a phone number nor an e-mail address
        preview = await answer(sponsor, "05066 123456 oder pflege@bildungswerk.example")
        # exactly what will be sent, before anything is sent
        for shown in (
            f"Diese Angaben gehen an die {HILDESHEIM}",
            "Projektträger: Bildungswerk Sarstedt e. V.",
            "Ansprechperson: Projektleitung Pflege",
            "Telefon oder E-Mail: 05066 123456 oder pflege@bildungswerk.example",
            "Gesamtkosten: 380.000 €",
            "Projektskizze als PDF",
            "stimmen Sie zu",
        ):
            assert shown in preview.text, shown
        assert "Achtung" not in preview.text  # the pre-check passed
        assert not first.new_messages and not second.new_messages

        (sent,) = await tap(sponsor, "Einverstanden")
        # on its way, not "sent": how many it reached is said once it was delivered
        assert f"geht an die registrierten Ansprechpersonen der {HILDESHEIM}" in sent.text
        assert "✅" not in sent.text

        # once both have it, the sponsor learns how many it reached
        report = await delivered(sponsor)
        assert "Ihr Entwurf („Pflegebrücke Hildesheim“) hat 2 Personen erreicht" in report.text
        for contact in (first, second):
            text, pdf = await notification(contact)
            assert text.button_texts() == ["✅ Übernehmen", "💬 Rückfrage"]
            for shown in (
                "Übergabe Nr. 1",
                "Pflegebrücke Hildesheim",
                "Bildungswerk Sarstedt e. V.",
                "05066 123456 oder pflege@bildungswerk.example",
                "380.000 € · Start: 01/2027 · Laufzeit: 24 Monate",
                "Geflüchtete Frauen machen ein bezahltes Praktikum",
                # the sponsor's summary, compact: the pre-check with its reasons ...
                "Vorprüfung: ✅ bestanden\nNach den ",
                "spricht nichts gegen die Idee",
                # ... the fitting action fields, why in brief ...
                "Passende Handlungsschwerpunkte\n• III Ausschöpfen der Arbeitsmarktpotenziale",
                "Warum: Unterziel III.6",
                # ... and the similar projects, one in the same district
                "Ähnliche Projekte aus der Strategie\n• CARE (Landkreis Hildesheim)",
                "im selben Landkreis",
            ):
                assert shown in text.text, shown
            # what only the sponsor needs stays out
            assert "Wichtige Termine" not in text.text and "So geht es weiter" not in text.text
            assert pdf.document is not None and pdf.document.name.endswith(".pdf")
            assert "Pflegebrücke Hildesheim" in pdf_text(pdf.document.content)
        assert not staff.new_messages  # the alliance has contacts: the office is not bothered

        # a question as a reply to the notification reaches the sponsor
        notified = first.messages[-2]
        first.reply(notified.message_id, "Wie viele Teilnehmerinnen planen Sie?")
        (relayed,) = await first.expect()
        assert "Rückfrage" in relayed.text and "unterwegs zum Träger" in relayed.text
        (question,) = await sponsor.expect()
        assert "Rückfrage der Fachkräfte für die Region Hildesheim" in question.text
        assert "Kontakt Eins" in question.text
        assert "Wie viele Teilnehmerinnen planen Sie?" in question.text

        # the sponsor's answer as a reply reaches the contacts (nobody has taken it over yet)
        sponsor.reply(question.message_id, "Etwa 40 Frauen in zwei Jahrgängen.")
        (confirmed,) = await sponsor.expect()
        assert "Ihre Antwort ist unterwegs" in confirmed.text
        for contact in (first, second):
            (answered,) = await contact.expect()
            assert "Antwort des Trägers" in answered.text
            assert "Etwa 40 Frauen in zwei Jahrgängen." in answered.text

        # "Rückfrage" then typing works the same way; answering via the button too
        (prompt,) = await tap(second, "Rückfrage", answered.message_id)
        assert "Welche Rückfrage" in prompt.text
        await answer(second, "Gibt es schon Zusagen von Pflegeheimen?")
        (question,) = await sponsor.expect()
        assert "Gibt es schon Zusagen von Pflegeheimen?" in question.text
        assert "Kontakt Zwei" in question.text
        (prompt,) = await tap(sponsor, "Antworten")
        assert "Ihre Antwort zu „Pflegebrücke Hildesheim“" in prompt.text
        await answer(sponsor, "Ja, drei Heime in Sarstedt.")
        for contact in (first, second):
            (answered,) = await contact.expect()
            assert "Ja, drei Heime in Sarstedt." in answered.text
        await sponsor.settle()
        assert not server.bot_errors


async def test_two_contacts_take_it_over_at_once(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot(admin_ids=ADMINS):
        _, first, second, sponsor = await two_contacts_of_hildesheim(server)
        await to_summary(sponsor)
        await hand_over(sponsor)
        first_note, _ = await notification(first)
        second_note, _ = await notification(second)

        # both press at the same moment
        first.tap("Übernehmen", first_note.message_id)
        second.tap("Übernehmen", second_note.message_id)
        await asyncio.gather(first.expect_answer(), second.expect_answer())
        (first_reply,), (second_reply,) = await asyncio.gather(first.expect(), second.expect())
        won = [
            c for c, r in ((first, first_reply), (second, second_reply)) if "Sie haben" in r.text
        ]
        assert len(won) == 1, (first.transcript, second.transcript)
        winner = won[0]
        loser = second if winner is first else first
        loser_note = first_note if loser is first else second_note
        # the other is told who has it once, by the notice to all others: the answer to the
        # tap only marks the pressed notification (whether the notice went before or after)
        await loser.settle()
        told = [m.text for m in loser.all_outputs if winner.first_name in m.text]
        assert len(told) == 1, loser.transcript
        assert f"hat {winner.first_name} übernommen" in told[0]
        assert not any("Sie haben" in m.text for m in loser.all_outputs)
        (pressed,) = [m for m in loser.messages if m.message_id == loser_note.message_id]
        assert pressed.text.endswith("✓ bereits übernommen") and not pressed.buttons
        await winner.settle()
        assert not winner.new_messages  # the winner is not told that somebody took it

        (taken,) = await sponsor.expect()
        assert "„Pflegebrücke Hildesheim“ wurde übernommen" in taken.text
        assert winner.first_name in taken.text
        await sponsor.settle()
        assert not [m for m in sponsor.new_messages if "übernommen" in m.text]  # told once
        assert not server.bot_errors


async def test_taking_over_too_late_without_the_notice_says_who_has_it(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """The coordination office answers for every alliance but gets no notice where the
    alliance has contacts: pressing "Übernehmen" too late is answered with who has it."""
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        await hand_over(sponsor)
        note, _ = await notification(contact)
        inbox = await answer(staff, "/eingang")
        (details,) = await tap(staff, "Nr. 1", inbox.message_id)
        assert "✅ Übernehmen" in details.button_texts()

        await tap(contact, "Übernehmen", note.message_id)
        (too_late,) = await tap(staff, "Übernehmen", details.message_id)
        assert "„Pflegebrücke Hildesheim“ hat bereits Kontakt Eins übernommen" in too_late.text
        await staff.settle()
        assert not staff.new_messages
        assert not server.bot_errors


async def test_statement_reaches_the_sponsor_who_sees_each_drafts_status(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor, title="Pflegebrücke Hildesheim")
        await hand_over(sponsor)
        await notification(contact)

        # a second draft that stays a draft
        await to_summary(sponsor, title="MINT-Werkstatt", command="/neu")
        listing = await answer(sponsor, "/entwuerfe")
        items = listing.button_texts()
        assert any("Pflegebrücke Hildesheim · an die Allianz übergeben" in i for i in items), items

        inbox = await answer(contact, "/eingang")
        assert "Eingang (1)" in inbox.text
        (item,) = [b for b in inbox.button_texts() if "Nr. 1" in b]
        assert "Pflegebrücke Hildesheim" in item and "Übergabe" in item and "neu" in item
        (details,) = await tap(contact, item)
        assert "Übernommen von: –" in details.text
        (taken,) = await tap(contact, "Übernehmen", details.message_id)
        assert "Sie haben „Pflegebrücke Hildesheim“ übernommen" in taken.text
        await sponsor.expect()  # taken over
        listing = await answer(sponsor, "/entwuerfe")
        assert any("von der Allianz übernommen" in i for i in listing.button_texts())

        inbox = await answer(contact, "/eingang")
        (details,) = await tap(contact, "Nr. 1", inbox.message_id)
        assert "übernommen" in details.text and "Kontakt Eins" in details.text
        (prompt,) = await tap(contact, "Änderungen nötig", details.message_id)
        assert "Kommentar" in prompt.text
        recorded = await answer(contact, "Bitte die Verstetigung nach 2028 genauer beschreiben.")
        assert "Stellungnahme zu „Pflegebrücke Hildesheim“ ist gespeichert" in recorded.text

        (statement,) = await sponsor.expect()
        assert f"Stellungnahme der {HILDESHEIM}" in statement.text
        assert "Änderungen nötig" in statement.text
        assert "Bitte die Verstetigung nach 2028 genauer beschreiben." in statement.text

        listing = await answer(sponsor, "/entwuerfe")
        items = listing.button_texts()
        assert any("Pflegebrücke Hildesheim · Stellungnahme liegt vor" in i for i in items), items
        assert any("MINT-Werkstatt · Entwurf" in i for i in items), items
        (menu,) = await tap(sponsor, "Pflegebrücke Hildesheim")
        assert "Stellungnahme der Allianz: Änderungen nötig" in menu.text
        assert "Verstetigung nach 2028" in menu.text

        inbox = await answer(contact, "/eingang")
        assert any("Stellungnahme abgegeben" in b for b in inbox.button_texts())
        assert not server.bot_errors


async def test_advice_request_at_an_early_stage(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        sponsor.send("/start")
        await sponsor.expect(2)
        await answer(sponsor, "Hildesheim")
        await answer(sponsor, "/ueberspringen")
        (intro,) = [await answer(sponsor, "/frage")]
        assert "um Rat fragen" in intro.text and "Wie heißt Ihre Organisation" in intro.text
        await answer(sponsor, "Stadtteilverein Moritzberg")
        await answer(sponsor, "Vorstand")
        prompt = await answer(sponsor, "+49 5121 987654")
        assert "Was möchten Sie die lokale Fachkräfteallianz fragen" in prompt.text
        preview = await answer(sponsor, "Passt ein Mentoring für Studienabbrecher zu Ihnen?")
        assert f"Ihre Frage und diese Angaben gehen an die {HILDESHEIM}" in preview.text
        assert "Passt ein Mentoring für Studienabbrecher zu Ihnen?" in preview.text
        assert "Achtung" not in preview.text  # a question is no handoff: no pre-check warning
        sent, going_on = await tap(sponsor, "Einverstanden", count=2)
        assert "Ihre Frage geht an die" in sent.text
        # the dialog goes on where the question interrupted it
        assert "Wen soll das Projekt erreichen" in going_on.text
        assert "Geflüchtete" in going_on.button_texts()

        text, pdf = await notification(contact)
        await delivered(sponsor)
        assert "Frage Nr. 1" in text.text
        assert "Passt ein Mentoring für Studienabbrecher zu Ihnen?" in text.text
        assert "Stadtteilverein Moritzberg" in text.text and "+49 5121 987654" in text.text
        assert "Vorprüfung: 📝 Angaben unvollständig" in text.text  # the pre-check so far
        assert pdf.document is not None
        assert "offen" in pdf_text(pdf.document.content)  # the sketch shows what is still open

        contact.reply(text.message_id, "Ja, melden Sie sich gern bei uns.")
        await contact.expect()
        (reply,) = await sponsor.expect()
        assert "Ja, melden Sie sich gern bei uns." in reply.text

        # the draft is still a draft: a question does not hand it over
        listing = await answer(sponsor, "/entwuerfe")
        assert any("· Entwurf" in b for b in listing.button_texts()), listing.button_texts()
        inbox = await answer(contact, "/eingang")
        assert any("Frage" in b for b in inbox.button_texts())

        # later the sponsor simply goes on with the open questions
        resumed = await answer(sponsor, "/start")
        assert "Wen soll das Projekt erreichen" in resumed.text, sponsor.transcript
        idea = await answer(sponsor, "Studienabbrecherinnen und Studienabbrecher")
        assert "Beschreiben Sie Ihre Projektidee" in idea.text


async def test_a_failed_pre_check_warns_and_asks_again(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        summary = await to_summary(sponsor, duration="4 Jahre")  # longer than 36 months
        assert "❌ Regeln nicht erfüllt" in summary
        await tap(sponsor, "Übergeben")
        preview = await give_contact_details(sponsor)
        assert "Achtung" in preview.text and "Vorprüfung ist nicht bestanden" in preview.text
        assert "⚠️ Trotzdem senden" in preview.button_texts()

        # declining sends nothing
        sponsor.tap("Nicht senden")
        await sponsor.expect_answer()
        back = joined(await summary_messages(sponsor))  # the note, then the summary
        assert "Nichts wurde gesendet" in back
        await contact.settle()
        assert not contact.new_messages

        # confirming despite the warning sends it, with the pre-check's state
        await tap(sponsor, "Übergeben")
        await answer(sponsor, "Bildungswerk Sarstedt e. V.")  # asked again: kept answers shown
        await answer(sponsor, "Projektleitung Pflege")
        preview = await answer(sponsor, "pflege@bildungswerk.example")
        (sent,) = await tap(sponsor, "Trotzdem senden")
        assert "Ihr Entwurf geht an die" in sent.text
        text, _ = await notification(contact)
        await delivered(sponsor)
        assert "Vorprüfung: ❌ Regeln nicht erfüllt" in text.text
        assert "Die Laufzeit (48 Monate) ist länger als erlaubt" in text.text  # with the reasons


CARE_IDEA = (
    "Wir wollen neue Pflegekräfte gewinnen und die beschäftigten Pflegekräfte binden: bessere "
    "Arbeitsbedingungen, ein besseres Image des Pflegeberufs, junge Menschen für die Pflege "
    "begeistern."
)
LOOK_ALIKE = "Pflegekräftegewinnung und -bindung im Landkreis Schaumburg"


async def test_the_notification_calls_out_a_look_alike_in_the_same_district(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """The alliance is to avoid Doppelstrukturen: a very similar project of the strategy in the
    same district is named in the notification, in each contact's language."""
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        german = server.user(501, "Kontakt Eins")
        english = server.user(502, "Contact Two", language_code="en")
        sponsor = server.user(1001, "Träger")
        await register_contacts(staff, WESERBERGLAND, german, english)
        await to_summary(
            sponsor, place="Rinteln", idea=CARE_IDEA, target_group="Beschäftigte", title="Pflege"
        )
        await hand_over(sponsor)
        text, _ = await notification(german)
        assert f"Ähnliche Projekte aus der Strategie\n• {LOOK_ALIKE} (Landkreis Schaumburg)" in (
            text.text
        )
        assert f"⚠️ „{LOOK_ALIKE}“ im selben Landkreis ähnelt dieser Idee stark" in text.text
        assert "Doppelstrukturen vermeiden: mit dem Träger klären" in text.text
        assert "• I Gezielte Gewinnung von Fachkräften" in text.text
        text, _ = await notification(english)
        assert "Handoff no. 1" in text.text and "Duration: 24 months" in text.text
        assert "Pre-check: ✅ passed" in text.text
        assert "Fitting action fields\n• I Targeted recruitment of skilled workers" in text.text
        assert f"⚠️ “{LOOK_ALIKE}” in the same district closely resembles this idea" in text.text


async def test_a_long_notification_goes_in_parts_and_replies_to_any_part_are_relayed(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        # "&" is five characters in HTML: long answers full of it make the longest message
        await to_summary(sponsor, idea=IDEA + " &&& Partner" * 80)
        await hand_over(sponsor, "Müller & Söhne & " * 40, "Leitung & " * 70)
        first, second, pdf = await contact.expect(3)
        assert pdf.document is not None
        assert first.text.startswith("📨 Übergabe Nr. 1") and not first.buttons
        assert "Ähnliche Projekte aus der Strategie" in first.text + second.text
        assert second.button_texts() == ["✅ Übernehmen", "💬 Rückfrage"]
        for part in (first, second):
            contact.reply(part.message_id, f"Frage zu Teil {part.message_id}")
            (sent,) = await contact.expect()
            assert "unterwegs zum Träger" in sent.text
            (question,) = await sponsor.expect()
            assert f"Frage zu Teil {part.message_id}" in question.text
        assert not server.bot_errors


async def test_without_a_registered_contact_the_office_gets_it(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(1001, "Träger")
        await to_summary(sponsor)
        sent = await hand_over(sponsor)
        assert f"Für die {HILDESHEIM} ist noch niemand im Bot registriert" in sent.text
        assert "geht deshalb an die Koordinierungsstelle" in sent.text
        assert "Amt für regionale Landesentwicklung Leine-Weser" in sent.text
        text, pdf = await notification(staff)
        assert "Übergabe Nr. 1" in text.text
        assert "Für diese Allianz ist noch keine Ansprechperson registriert" in text.text
        assert pdf.document is not None

        # the office can act on it like a contact: a question reaches the sponsor
        staff.reply(text.message_id, "Wir leiten das an die Allianz weiter. Passt das?")
        await staff.expect()
        (question,) = await sponsor.expect()
        assert "Wir leiten das an die Allianz weiter." in question.text
        inbox = await answer(staff, "/eingang")
        assert "Eingang (1)" in inbox.text


async def test_without_any_contact_or_staff_the_sponsor_is_told(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        sponsor = server.user(1001, "Träger")
        await to_summary(sponsor)
        sent = await hand_over(sponsor)
        assert "niemand registriert, der sie erhalten könnte" in sent.text
        assert "✅" not in sent.text
        # where to turn instead: the alliance with its members, and the coordination office
        assert f"Bitte wenden Sie sich direkt an:\n• {HILDESHEIM} (Mitglieder: " in sent.text
        assert "Amt für regionale Landesentwicklung Leine-Weser" in sent.text
        # nobody received it: not called handed over, anywhere the sponsor looks
        assert "Im Verfahren" not in sent.text
        sponsor.tap("Zur Zusammenfassung")
        await sponsor.expect_answer()
        summary = "\n".join(m.text for m in await summary_messages(sponsor))
        assert "Noch nicht übergeben" in summary and "wartet auf eine Ansprechperson" in summary
        assert "Übergeben an" not in summary and "Im Verfahren" not in summary
        listing = await answer(sponsor, "/entwuerfe")
        assert any("wartet auf eine Ansprechperson" in b for b in listing.button_texts())
        assert not any("an die Allianz übergeben" in b for b in listing.button_texts())

    # the handoff is kept: once staff are configured and invite a contact, it is in /eingang
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        contact = server.user(501, "Kontakt Eins")
        await register_contacts(staff, HILDESHEIM, contact)
        inbox = await answer(contact, "/eingang")
        (item,) = [b for b in inbox.button_texts() if "Nr. 1" in b and "Pflegebrücke" in b]
        # taken over, it was received: handed over now, with its case opened
        (details,) = await tap(contact, item)
        (taken,) = await tap(contact, "Übernehmen", details.message_id)
        assert "übernommen" in taken.text
        await sponsor.expect()  # taken over
        listing = await answer(sponsor, "/entwuerfe")
        assert any("von der Allianz übernommen" in b for b in listing.button_texts())
        (menu,) = await tap(sponsor, "Pflegebrücke")
        assert "Fall Nr. 1" in menu.text and "Übernahme durch" in menu.text
