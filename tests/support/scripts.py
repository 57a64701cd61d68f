"""The scripted conversations every driver plays, in German and English.

`SPONSOR_DE` is the one sponsor path from /start to the summary that the engine, the
conversation service, the terminal and Telegram all play; the other scripts start from it and
go through one dialog or role each. Add a script here and to `SCRIPTS`, then record its golden
transcripts (tests/support/README.md).
"""

from __future__ import annotations

from tests.support.steps import (
    ALL_DRIVERS,
    Cmd,
    DriverName,
    Join,
    Person,
    ReplyTo,
    Say,
    Script,
    Step,
    Tap,
)

SPONSOR = Person("sponsor", 1001, "Träger")
ENGLISH_SPONSOR = Person("sponsor", 1001, "Sponsor", "en")
CONTACT = Person("contact", 501, "Kontakt Eins")
ENGLISH_CONTACT = Person("contact", 501, "Contact One", "en")
STAFF = Person("staff", 900, "Koordination", staff=True)

HILDESHEIM = "Fachkräfte für die Region Hildesheim"

IDEA_DE = (
    "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen dazu einen "
    "berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter."
)
IDEA_EN = (
    "Refugee women do a paid internship in care homes with a job-related German course, "
    "together with the job centre."
)

SPONSOR_ONLY: frozenset[DriverName] = ALL_DRIVERS
ROUTED: frozenset[DriverName] = frozenset({"chat", "telegram"})
"""Scripts with the drafts menu, other roles or older messages: beyond the engine, and beyond
the terminal (one person, only the last buttons)."""


def to_summary_de() -> list[Step]:
    """The German sponsor path: typed answers, a tapped choice, ticked target groups."""
    return [
        Cmd("start"),
        Say("Sarstedt"),
        Tap("Bildungsträger"),
        Tap("Frauen"),
        Tap("Geflüchtete"),
        Tap("Fertig"),
        Say(IDEA_DE),
        Say("Pflegebrücke Hildesheim"),
        Say("380.000 €"),
        Say("01/2027"),
        Say("2 Jahre"),
        Cmd("ueberspringen"),
    ]


def to_summary_en() -> list[Step]:
    return [
        Cmd("start"),
        Say("Sarstedt"),
        Tap("Education provider"),
        Tap("Women"),
        Tap("Refugees"),
        Tap("Done"),
        Say(IDEA_EN),
        Say("Care Bridge Hildesheim"),
        Say("EUR 380,000"),
        Say("January 2027"),
        Say("2 years"),
        Cmd("skip"),
    ]


SPONSOR_DE = Script(
    "sponsor_de",
    "A sponsor in German from /start to the summary.",
    (SPONSOR,),
    tuple(to_summary_de()),
    SPONSOR_ONLY,
)

SPONSOR_EN = Script(
    "sponsor_en",
    "The same path in English (the device's language is English).",
    (ENGLISH_SPONSOR,),
    tuple(to_summary_en()),
    SPONSOR_ONLY,
)

EDIT = Script(
    "edit",
    "From the summary: change answers (costs needing a justification, back to the costs, target "
    "groups ticked anew, a place kept), cancel the edit menu, text and help at the summary.",
    (SPONSOR,),
    (
        *to_summary_de(),
        Tap("Angabe ändern"),
        Tap("Gesamtkosten"),
        Say("1,2 Mio"),
        Cmd("zurueck"),
        Say("450.000 €"),
        Tap("Angabe ändern"),
        Tap("Zielgruppe"),
        Tap("Frauen"),
        Tap("Fertig"),
        Tap("Angabe ändern"),
        Tap("Ort"),
        Tap("Beibehalten"),
        Tap("Angabe ändern"),
        Cmd("abbrechen"),
        Say("Die Kosten stimmen nicht"),
        Cmd("hilfe"),
        Cmd("zusammenfassung"),
    ),
    SPONSOR_ONLY,
)

NAVIGATION = Script(
    "navigation",
    "Back, skip and keep, by command and by button; answers refused and asked again; the "
    "optional questions that complete the sketch.",
    (SPONSOR,),
    (
        Cmd("start"),
        Cmd("zurueck"),
        Say("Garbsen"),
        Tap("Zurück"),
        Tap("Beibehalten"),
        Cmd("ueberspringen"),
        Cmd("zurueck"),
        Tap("Überspringen"),
        Cmd("ueberspringen"),
        Cmd("beibehalten"),
        Say("Langzeitarbeitslose"),
        Say("Coaching"),
        Say("für Langzeitarbeitslose mit Praktikum in Pflegeheimen, zusammen mit dem Jobcenter."),
        Tap("Überspringen"),
        Say("viel Geld"),
        Say("250.000"),
        Say("irgendwann"),
        Say("03/2027"),
        Say("1"),
        Tap("1 Jahr"),
        Say("30 % Eigenmittel"),
        Tap("Skizze vervollständigen"),
        Say("In Garbsen fehlen Pflegekräfte."),
        Cmd("ueberspringen"),
        Say("40"),
        Cmd("zurueck"),
        Cmd("beibehalten"),
        Cmd("ueberspringen"),
        Cmd("ueberspringen"),
        Cmd("ueberspringen"),
        Cmd("ueberspringen"),
        # the cost items, the financing and the work steps (issue 16)
        Cmd("ueberspringen"),
        Cmd("ueberspringen"),
        Cmd("ueberspringen"),
    ),
    SPONSOR_ONLY,
)

CANCEL_RESUME = Script(
    "cancel_resume",
    "Pausing with /abbrechen, what a paused draft answers, resuming by button and by /start.",
    (SPONSOR,),
    (
        Cmd("start"),
        Say("Garbsen"),
        Cmd("abbrechen"),
        Say("Bildungsträger"),
        Cmd("zurueck"),
        Cmd("hilfe"),
        Tap("Weitermachen"),
        Tap("Bildungsträger"),
        Cmd("abbrechen"),
        Cmd("start"),
    ),
    SPONSOR_ONLY,
)

LANGUAGE = Script(
    "language",
    "/sprache switches mid-dialog, /language de switches back, an unknown language is refused.",
    (SPONSOR,),
    (
        Cmd("start"),
        Say("Garbsen"),
        Cmd("sprache"),
        Tap("Education provider"),
        Cmd("language", "xx"),
        Cmd("help"),
        Cmd("language", "de"),
        Cmd("sprache", "deutsch"),
    ),
    SPONSOR_ONLY,
)

DRAFTS = Script(
    "drafts",
    "The drafts menu: two drafts, list, rename (refused, then done), switch, delete (kept, "
    "then deleted), a new draft from the list, a rename dropped for another menu.",
    (SPONSOR,),
    (
        Cmd("entwuerfe"),
        Cmd("start"),
        Say("Garbsen"),
        Tap("Bildungsträger"),
        Cmd("neu"),
        Say("Sarstedt"),
        Cmd("entwuerfe"),
        Tap("Garbsen"),
        Tap("Umbenennen"),
        Say(" "),
        Say("Pflegeprojekt Garbsen"),
        Tap("Pflegeprojekt"),
        Tap("Fortsetzen"),
        Cmd("entwuerfe"),
        Tap("Sarstedt"),
        Tap("Löschen"),
        Tap("Abbrechen"),
        Tap("Sarstedt"),
        Tap("Löschen"),
        Tap("Ja, löschen"),
        Tap("Pflegeprojekt"),
        Tap("Umbenennen"),
        Cmd("entwuerfe"),
        Tap("Neuer Entwurf"),
        Say("Hameln"),
        Cmd("entwuerfe"),
    ),
    ROUTED,
)

SKETCH = Script(
    "sketch",
    "The sketch completed with optional answers (the cost and financing plan and the work "
    "steps guided, one mismatch said), saved, and exported as PDF and Markdown.",
    (SPONSOR,),
    (
        *to_summary_de(),
        Tap("Skizze vervollständigen"),
        Say("Pflegeheime im Landkreis finden kaum Fachkräfte."),
        Say("20 Frauen pro Jahr in Ausbildung bringen."),
        Say("40"),
        Say("Jobcenter Hildesheim, Pflegeheime in Sarstedt"),
        Cmd("ueberspringen"),
        Cmd("ueberspringen"),
        Cmd("ueberspringen"),
        # the cost and financing plan (380.000 € in all) and the work steps, guided
        Say("Personal 300.000\nSachkosten 50.000"),
        Say("Personal 300.000\nSachkosten 50.000\nGemeinkosten 30.000"),
        Say("Zuwendung 266.000\nEigenmittel 84.000\nDrittmittel 30.000 Landkreis"),
        Say("Monat 1–6 Aufbau der Kooperation\nMonat 7–24 Praktika und Sprachkurs"),
        Tap("Speichern"),
        Cmd("zusammenfassung"),
        Tap("Projektskizze"),
    ),
    frozenset({"chat", "terminal", "telegram"}),
)

PRIVACY = Script(
    "privacy",
    "/datenschutz, /export of one's data, /loeschen kept and then done, and a first answer "
    "typed with no draft open.",
    (SPONSOR,),
    (
        Cmd("start"),
        Cmd("datenschutz"),
        Say("Garbsen"),
        Cmd("export"),
        Cmd("loeschen"),
        Tap("Abbrechen"),
        Cmd("loeschen"),
        Tap("alles löschen"),
        Say("Hameln"),
        Cmd("entwuerfe"),
    ),
    frozenset({"chat", "terminal", "telegram"}),
)

HANDOFF = Script(
    "handoff",
    "Staff invite a contact of Hildesheim's alliance; a sponsor hands a draft over with "
    "consent; the contact takes it over and gives a statement the sponsor reads.",
    (SPONSOR, CONTACT, STAFF),
    (
        Cmd("kontakt_einladen", who="staff"),
        Tap(HILDESHEIM, who="staff"),
        Join("contact"),
        Cmd("hilfe", who="contact"),
        Cmd("eingang", who="contact"),
        *to_summary_de(),
        Tap("übergeben"),
        Say("Bildungswerk Sarstedt e. V."),
        Say("Projektleitung Pflege"),
        Say("ruf mich an"),
        Say("05066 123456 oder pflege@bildungswerk.example"),
        Tap("Einverstanden"),
        Tap("Übernehmen", who="contact", on="Übergabe Nr. 1"),
        Tap("Übernehmen", who="contact", on="Übergabe Nr. 1"),
        Cmd("eingang", who="contact"),
        Tap("Nr. 1", who="contact"),
        Tap("Unterstützt", who="contact"),
        Say("Gute Idee, bitte mit dem Pflegenetzwerk abstimmen.", who="contact"),
        Cmd("eingang", who="contact"),
        Cmd("entwuerfe"),
        Tap("Pflegebrücke"),
        Tap("Zur Zusammenfassung", on="geht an die"),
    ),
    ROUTED,
)

QUESTION = Script(
    "question",
    "A sponsor asks the alliance early (/frage); the contact (in English) replies to the "
    "notification, the sponsor answers by button and by reply, the contact asks again.",
    (SPONSOR, ENGLISH_CONTACT, STAFF),
    (
        Cmd("kontakt_einladen", who="staff"),
        Tap(HILDESHEIM, who="staff"),
        Join("contact"),
        Cmd("help", who="contact"),
        Cmd("start"),
        Say("Sarstedt"),
        Cmd("frage"),
        Say("Bildungswerk Sarstedt e. V."),
        Say("Projektleitung Pflege"),
        Say("pflege@bildungswerk.example"),
        Say("Passt ein Praktikum in Pflegeheimen zur Strategie?"),
        Say("ja"),
        ReplyTo("Question no. 1", "Which target group do you have in mind?", who="contact"),
        Tap("Antworten"),
        Say("Geflüchtete Frauen."),
        Tap("Ask", who="contact", on="sponsor's answer"),
        Say("How many participants per year?", who="contact"),
        ReplyTo("How many participants", "Etwa zwanzig."),
        Cmd("inbox", who="contact"),
        Tap("No. 1", who="contact"),
        Tap("Take over", who="contact"),
        Tap("Geflüchtete", on="Wen soll das Projekt erreichen"),
        Tap("Fertig", on="Wen soll das Projekt erreichen"),
        Cmd("inbox", who="contact"),
        Tap("No. 1", who="contact"),
        Tap("Changes needed", who="contact"),
        Cmd("skip", who="contact"),
        Say("Wir arbeiten daran."),
    ),
    ROUTED,
)

OFFICE = Script(
    "office",
    "No contact registered for the alliance: a handoff declined at the consent, then a question "
    "from the summary that goes to the coordination office, which takes it over and asks back.",
    (SPONSOR, STAFF),
    (
        *to_summary_de(),
        Tap("übergeben"),
        Say("Bildungswerk Sarstedt e. V."),
        Say("Projektleitung Pflege"),
        Say("pflege@bildungswerk.example"),
        Tap("Nicht senden"),
        Tap("um Rat fragen"),
        Cmd("beibehalten"),
        Tap("Beibehalten"),
        Tap("Beibehalten"),
        Say("Welche Pflegeheime machen schon mit?"),
        Say("vielleicht"),
        Say("ja"),
        Cmd("eingang", who="staff"),
        Tap("Nr. 1", who="staff"),
        Tap("Übernehmen", who="staff"),
        ReplyTo("Frage Nr. 1", "Haben Sie schon mit dem Jobcenter gesprochen?", who="staff"),
        ReplyTo("Rückfrage", "Ja, es macht mit."),
        Cmd("entwuerfe"),
    ),
    ROUTED,
)

STAFF_COMMANDS = Script(
    "staff",
    "The coordination office's commands: help, contacts, statistics, knowledge-base version, "
    "roll back and export, invitations and removing a contact; the same commands typed by a "
    "sponsor are unknown.",
    (SPONSOR, CONTACT, STAFF),
    (
        Cmd("hilfe", who="staff"),
        Cmd("kontakte", who="staff"),
        Cmd("statistik", who="staff"),
        Cmd("kb_version", who="staff"),
        Cmd("kb_zurueck", who="staff"),
        Cmd("kb_export", who="staff"),
        Cmd("eingang", who="staff"),
        Cmd("kontakt_einladen", who="staff"),
        Tap(HILDESHEIM, who="staff"),
        Join("contact"),
        Join("contact"),
        Cmd("kontakte", who="staff"),
        Cmd("hilfe"),
        Cmd("kontakte"),
        Cmd("statistik"),
        Cmd("eingang"),
        Say("/unbekannt"),
        *to_summary_de()[1:],
        Cmd("statistik", who="staff"),
        Cmd("kontakte", who="staff"),
        Tap("Kontakt Eins", who="staff"),
        Cmd("eingang", who="contact"),
        Cmd("hilfe", who="contact"),
    ),
    ROUTED,
)

STAFF_ENTRIES = Script(
    "staff_entries",
    "Staff keep an alliance's contact details by dialog (issue 17 point 1): chosen from the "
    "list, a field tapped and typed, a preview before -> after, applied and rolled back; a "
    "sponsor cannot start it; a project found by a misspelt word, a target group ticked in "
    "place, cancelled.",
    (SPONSOR, STAFF),
    (
        Cmd("allianz_bearbeiten", who="staff"),
        Tap("Fachkräfte für die Region Hildesheim", who="staff"),
        Tap("✏️ Telefon", who="staff"),
        Say("/unbekannt", who="staff"),
        Say("05121 309-0", who="staff"),
        Tap("✏️ Mitglieder", who="staff"),
        Say("+ Kreishandwerkerschaft Hildesheim-Alfeld", who="staff"),
        Tap("👁 Vorschau", who="staff"),
        Tap("✅ Übernehmen", who="staff"),
        Cmd("kb_zurueck", who="staff"),
        Tap("Zurückrollen", who="staff"),
        Cmd("allianz_bearbeiten"),
        Cmd("projekt_bearbeiten", who="staff"),
        Say("Lehrerexkursoinen", who="staff"),
        Tap("Lehrerexkursionen", who="staff"),
        Tap("✏️ Zielgruppen", who="staff"),
        Tap("Frauen", who="staff"),
        Tap("Fertig ▶", who="staff"),
        Tap("Abbrechen", who="staff"),
    ),
)

STALE = Script(
    "stale_buttons",
    "Buttons of older prompts, of another draft and of a deleted draft: said so, the current "
    "prompt shown again; buttons that name their target keep working.",
    (SPONSOR,),
    (
        Cmd("start"),
        Say("Garbsen"),
        Say("Bildungsträger"),
        Tap("Hochschule", on="Welche Art von Organisation"),
        Cmd("neu"),
        Say("Sarstedt"),
        Tap("Frauen", on="Wen soll das Projekt erreichen"),
        Cmd("entwuerfe"),
        Tap("Garbsen"),
        Tap("Kammer oder Verband", on="Welche Art von Organisation"),
        Cmd("loeschen"),
        Tap("alles löschen"),
        Tap("Hochschule", on="Welche Art von Organisation"),
        Tap("Garbsen", on="Ihre Entwürfe"),
    ),
    ROUTED,
)

SCRIPTS: tuple[Script, ...] = (
    SPONSOR_DE,
    SPONSOR_EN,
    EDIT,
    NAVIGATION,
    CANCEL_RESUME,
    LANGUAGE,
    DRAFTS,
    SKETCH,
    PRIVACY,
    HANDOFF,
    QUESTION,
    OFFICE,
    STAFF_COMMANDS,
    STALE,
    STAFF_ENTRIES,  # staff17b
)
