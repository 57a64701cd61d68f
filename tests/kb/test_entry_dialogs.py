"""Staff keep projects, alliances and FAQ entries current by dialog (issue 17 point 1), in
process with the multi-user chat driver on real files: an entry found by a word of its title
(typos forgiven) or from the list, any field changed by tapping, a readable preview before →
after, applied through the versioned store — merged with a colleague's change to another
entry made between start and confirmation, refused naming it (what, who, when) when it is the
same entry — undone with /kb_zurueck, and out of reach for everyone but staff."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.core.events import Press
from bot.core.outputs import Reply
from bot.core.updates import Incoming
from bot.kb.knowledge import KnowledgeBase
from bot.runtime import build_runtime
from bot.understanding.faq import find_faq
from tests.support.drivers.chat import ChatPlayer
from tests.support.drivers.common import BOT_USERNAME, TODAY, settings
from tests.support.steps import Cmd, Person, Say, Script, Step, Tap
from tests.support.transcript import Transcript

# Each test runs a staff member's whole entry dialog and writes the knowledge files: about 15 s
# of CPU for the module, left to `make test` so that `make test-fast` stays under a minute.
pytestmark = pytest.mark.slow

OFFICE = Person("office", 900, "Koordination", staff=True)
COLLEAGUE = Person("colleague", 901, "Kollegin Berg", staff=True)
SPONSOR = Person("sponsor", 1001, "Träger")
NEWCOMER = Person("newcomer", 950, "Neu")
UNKNOWN = "Diesen Befehl kenne ich nicht."
PROJECT = "lehrerexkursionen"
OTHER = "care"
NEW_TITLE = "Lehrerexkursionen: Lehrkräfte lernen Betriebe kennen"


class Desk:
    """Several people on one runtime: each step's replies as the person's chat shows them."""

    def __init__(self, player: ChatPlayer) -> None:
        self.player = player

    @property
    def kb(self) -> KnowledgeBase:
        return self.player.runtime.conversations.advisor.kb

    async def do(self, step: Step) -> str:
        chat = self.player.chats[step.who]
        before = len(chat.messages)
        await self.player.play(step)
        return "\n\n".join(message.text for message in chat.messages[before:])

    async def say(self, text: str, who: str = "office") -> str:
        return await self.do(Say(text, who))

    async def tap(self, label: str, who: str = "office") -> str:
        return await self.do(Tap(label, who))

    async def cmd(self, word: str, who: str = "office") -> str:
        return await self.do(Cmd(word, who=who))

    def labels(self, who: str = "office") -> list[str]:
        return self.player.chats[who].find(None, with_buttons=True).labels


@pytest.fixture
async def desk(tmp_path: Path) -> AsyncIterator[Desk]:
    script = Script("entries", "staff edit entries", (OFFICE, COLLEAGUE, SPONSOR, NEWCOMER), ())
    runtime = await build_runtime(settings(script, tmp_path), FixedClock(TODAY))
    runtime.bot_username = BOT_USERNAME
    try:
        yield Desk(ChatPlayer(runtime, script, Transcript(script.name, "chat", script.people)))
    finally:
        await runtime.close()


async def _retitle(desk: Desk, who: str, query: str, pick: str, title: str) -> str:
    """A project found by a word, its title changed, up to the preview."""
    await desk.cmd("projekt_bearbeiten", who)
    assert pick in await desk.say(query, who) or pick in " ".join(desk.labels(who))
    await desk.tap(pick, who)
    assert "bisher" in await desk.tap("✏️ Titel", who)
    await desk.say(title, who)
    return await desk.tap("👁 Vorschau", who)


# --- projects -------------------------------------------------------------------------------


async def test_a_project_found_by_a_misspelt_word_is_edited_by_tapping(desk: Desk) -> None:
    store = desk.player.runtime.knowledge.store
    before_version = store.live_version()
    old = desk.kb.project(PROJECT)
    assert "Wort aus dem Titel" in await desk.cmd("projekt_bearbeiten")
    found = await desk.say("Lehrerexkursoinen")  # a typo
    assert "Zu „Lehrerexkursoinen“ passen" in found
    menu = await desk.tap(old.title)
    assert f"Titel: {old.title}" in menu and "Landkreise:" in menu

    prompt = await desk.tap("✏️ Titel")
    assert f"bisher: {old.title}" in prompt
    menu = await desk.say(NEW_TITLE)  # a colon, typed as it is
    assert f"✏️ Titel: {NEW_TITLE}" in menu

    await desk.tap("✏️ Landkreise")
    assert "✓ Landkreis Hameln-Pyrmont" in desk.labels()
    await desk.tap("Landkreis Hildesheim")
    await desk.tap("Landkreis Hameln-Pyrmont")
    await desk.tap("Fertig ▶")

    await desk.tap("✏️ Teilziele")
    # the sub-goals of the project's action fields, in the strategy's wording
    assert any(label.startswith("III.6 ") and len(label) > 12 for label in desk.labels()) or any(
        label.startswith("I.5 ") and len(label) > 10 for label in desk.labels()
    )
    await desk.tap("⬅️ Zurück")  # from the field back to the entry

    await desk.tap("✏️ Stand")
    await desk.tap("abgeschlossen")
    await desk.tap("✏️ Zeitraum")
    assert "Zeitraum" in await desk.say("irgendwann")
    await desk.say("2019–2021")

    preview = await desk.tap("👁 Vorschau")
    assert "Vorschau" in preview and "projects.yaml" in preview
    assert f"Titel: {old.title} → {NEW_TITLE}" in preview
    assert "Landkreise: + Landkreis Hildesheim; − Landkreis Hameln-Pyrmont" in preview
    assert "hameln-pyrmont" not in preview, "names, not codes"
    assert "Stand: " in preview and "→ abgeschlossen" in preview
    assert "Zeitraum: " in preview and "→ 2019–2021" in preview
    assert store.live_version() == before_version, "nothing applied before the confirmation"

    applied = await desk.tap("✅ Übernehmen")
    assert "/kb_zurueck" in applied
    project = desk.kb.project(PROJECT)
    assert project.title == NEW_TITLE
    assert "hildesheim" in project.districts and "hameln-pyrmont" not in project.districts
    assert project.state == "finished" and project.period is not None
    assert (project.period.start_year, project.period.end_year) == (2019, 2021)
    assert "Koordination" in await desk.cmd("kb_version")

    # undone by the existing rollback
    await desk.cmd("kb_zurueck")
    assert "Zurückgerollt" in await desk.tap("Zurückrollen")
    assert desk.kb.project(PROJECT).title == old.title


async def test_a_dialogs_change_rewrites_only_the_changed_fields_lines(desk: Desk) -> None:
    store = desk.player.runtime.knowledge.store
    projects = store.live_files()["projects.yaml"].decode().splitlines()
    regions = store.live_files()["regions.yaml"].decode().splitlines()
    old = desk.kb.project(PROJECT)
    await _retitle(desk, "office", "Lehrerexkursion", old.title, NEW_TITLE)
    await desk.tap("✅ Übernehmen")
    alliance = desk.kb.regions.local_alliances[1]
    await desk.cmd("allianz_bearbeiten")
    await desk.tap(alliance.name)
    await desk.tap("✏️ Telefon")
    await desk.say("05121 12345")
    await desk.tap("👁 Vorschau")
    await desk.tap("✅ Übernehmen")

    # comments, flow lists and folded text of the entries stay as they were written
    now = store.live_files()["projects.yaml"].decode().splitlines()
    assert len(now) == len(projects)
    changed = [(a, b) for a, b in zip(projects, now, strict=True) if a != b]
    assert changed == [(f"    title: {old.title}", f"    title: '{NEW_TITLE}'")]
    now = store.live_files()["regions.yaml"].decode().splitlines()
    added = [line for line in now if line not in regions]
    assert added == ["    phone: 05121 12345"] and len(now) == len(regions) + 1


async def test_a_project_chosen_from_the_list_is_retired(desk: Desk) -> None:
    listing = await desk.cmd("projekt_bearbeiten")
    assert "Seite 1 von" in listing
    await desk.tap("Weitere ▶")
    assert "Seite 2 von" in desk.player.chats["office"].messages[-1].text
    await desk.tap("◀ Vorige")
    first = desk.kb.projects[0]
    await desk.tap(first.title if len(first.title) <= 60 else first.title[:59])
    preview = await desk.tap("🗑 Entfernen")
    assert "Vorschau" in preview and first.title in preview and "entfernt" in preview
    assert first.id in {p.id for p in desk.kb.projects}
    done = await desk.tap("Ja, entfernen")
    assert "/kb_zurueck" in done
    assert first.id not in {p.id for p in desk.kb.projects}


async def test_retiring_finds_a_project_by_a_misspelt_word_too(desk: Desk) -> None:
    await desk.cmd("projekt_entfernen")
    assert "Welches davon?" in await desk.say("Lehrerexkursoinen")
    assert desk.kb.project(PROJECT).title in desk.labels()


async def test_a_colleagues_change_to_another_project_meanwhile_is_merged(desk: Desk) -> None:
    old = desk.kb.project(PROJECT)
    await _retitle(desk, "office", "Lehrerexkursion", old.title, NEW_TITLE)
    other = desk.kb.project(OTHER)
    # between the office's start and confirmation, a colleague changes another project
    await _retitle(desk, "colleague", other.title, other.title, "CARE – Pflege im Team")
    assert "/kb_zurueck" in await desk.tap("✅ Übernehmen", "colleague")

    applied = await desk.tap("✅ Übernehmen")
    assert "/kb_zurueck" in applied
    assert desk.kb.project(PROJECT).title == NEW_TITLE
    assert desk.kb.project(OTHER).title == "CARE – Pflege im Team", "the colleague's stays"


async def test_a_colleagues_change_to_the_same_project_meanwhile_refuses_it(desk: Desk) -> None:
    store = desk.player.runtime.knowledge.store
    old = desk.kb.project(PROJECT)
    await _retitle(desk, "office", "Lehrerexkursion", old.title, NEW_TITLE)
    await _retitle(desk, "colleague", "Lehrerexkursion", old.title, "Exkursionen für Lehrkräfte")
    await desk.tap("✅ Übernehmen", "colleague")
    theirs = store.live_version()

    refused = await desk.tap("✅ Übernehmen")
    assert "Nicht übernommen" in refused and "Nichts wurde geändert" in refused
    assert "Starten Sie den Dialog neu" in refused and "Datei" not in refused
    assert "Exkursionen für Lehrkräfte" in refused, "which entry"
    assert "Kollegin Berg" in refused, "by whom"
    assert theirs in refused and "2026" in refused, "in which version, when"
    assert desk.kb.project(PROJECT).title == "Exkursionen für Lehrkräfte"
    assert store.live_version() == theirs


# --- alliances ------------------------------------------------------------------------------


async def test_an_alliances_members_and_contact_details_are_kept_by_dialog(desk: Desk) -> None:
    alliance = desk.kb.regions.local_alliances[0]
    assert "Lokale Allianz" in await desk.cmd("allianz_bearbeiten")
    menu = await desk.tap(alliance.name)
    assert "Mitglieder:" in menu and "Telefon: –" in menu
    shown = await desk.tap("✏️ Mitglieder")
    assert "\n".join(alliance.members) in shown, "one a line, to copy and change"
    removed = alliance.members[0]
    await desk.say(f"+ Bildungswerk Nord: Pflege e. V.\n- {removed}")
    await desk.tap("✏️ Telefon")
    await desk.say("0511 123456")
    await desk.tap("✏️ E-Mail")
    assert "E-Mail-Adresse" in await desk.say("info at allianz")
    await desk.say("info@allianz.example")
    await desk.tap("✏️ Website")
    await desk.say("https://allianz.example")
    preview = await desk.tap("👁 Vorschau")
    assert "regions.yaml" in preview
    assert f"Mitglieder: + Bildungswerk Nord: Pflege e. V.; − {removed}" in preview
    assert "Telefon: – → 0511 123456" in preview
    assert "E-Mail: – → info@allianz.example" in preview
    assert "/kb_zurueck" in await desk.tap("✅ Übernehmen")
    live = next(a for a in desk.kb.regions.local_alliances if a.id == alliance.id)
    assert live.members == [*alliance.members[1:], "Bildungswerk Nord: Pflege e. V."]
    assert (live.phone, live.email, live.website) == (
        "0511 123456",
        "info@allianz.example",
        "https://allianz.example",
    )
    # an optional field emptied again
    await desk.cmd("allianz_bearbeiten")
    await desk.tap(alliance.name)
    await desk.tap("✏️ Telefon")
    await desk.tap("Leer lassen")
    assert "Telefon: 0511 123456 → –" in await desk.tap("👁 Vorschau")
    await desk.tap("✅ Übernehmen")
    live = next(a for a in desk.kb.regions.local_alliances if a.id == alliance.id)
    assert live.phone is None and live.email == "info@allianz.example"
    # a pasted bullet list replaces the list; "- name" lines of its own items take them out
    await desk.cmd("allianz_bearbeiten")
    await desk.tap(alliance.name)
    await desk.tap("✏️ Beratende Mitglieder")
    await desk.say("- Hochschule A\n- Hochschule B")
    await desk.tap("✏️ Mitglieder")
    await desk.say(f"- {live.members[0]}")
    preview = await desk.tap("👁 Vorschau")
    assert "Beratende Mitglieder: + Hochschule A; + Hochschule B" in preview
    assert f"Mitglieder: − {live.members[0]}" in preview


async def test_the_coordination_offices_contact_details_are_kept_beside_them(
    desk: Desk,
) -> None:
    await desk.cmd("allianz_bearbeiten")
    menu = await desk.tap("🏢 Koordinierungsstelle")
    assert desk.kb.regions.coordination_office.name in menu and "Telefon: –" in menu
    await desk.tap("✏️ Website")
    await desk.say("https://www.arl-lw.niedersachsen.de/fachkraeftebuendnis")
    preview = await desk.tap("👁 Vorschau")
    assert "Website: – → https://www.arl-lw.niedersachsen.de/fachkraeftebuendnis" in preview
    assert "/kb_zurueck" in await desk.tap("✅ Übernehmen")
    office = desk.kb.regions.coordination_office
    assert office.website == "https://www.arl-lw.niedersachsen.de/fachkraeftebuendnis"
    assert office.tasks, "the rest of the office stays as it was"


async def test_two_staff_edit_alliances_at_once(desk: Desk) -> None:
    first, second = desk.kb.regions.local_alliances[:2]
    for who, alliance, phone in (("office", first, "0511 1"), ("colleague", second, "0511 2")):
        await desk.cmd("allianz_bearbeiten", who)
        await desk.tap(alliance.name, who)
        await desk.tap("✏️ Telefon", who)
        await desk.say(phone, who)
        await desk.tap("👁 Vorschau", who)
    await desk.tap("✅ Übernehmen", "colleague")
    assert "/kb_zurueck" in await desk.tap("✅ Übernehmen"), "another alliance: merged"
    phones = {a.id: a.phone for a in desk.kb.regions.local_alliances}
    assert (phones[first.id], phones[second.id]) == ("0511 1", "0511 2")

    # the same alliance: the second confirmation is refused, naming the colleague's change
    for who, phone in (("office", "0511 3"), ("colleague", "0511 4")):
        await desk.cmd("allianz_bearbeiten", who)
        await desk.tap(first.name, who)
        await desk.tap("✏️ Telefon", who)
        await desk.say(phone, who)
        await desk.tap("👁 Vorschau", who)
    await desk.tap("✅ Übernehmen", "colleague")
    refused = await desk.tap("✅ Übernehmen")
    assert "Nichts wurde geändert" in refused and "Kollegin Berg" in refused
    assert first.name in refused and "25.11.2026" in refused
    assert {a.id: a.phone for a in desk.kb.regions.local_alliances}[first.id] == "0511 4"


# --- FAQ ------------------------------------------------------------------------------------

QUESTION = "Dürfen wir Honorare für Dozentinnen abrechnen?"


async def _new_faq(desk: Desk, who: str = "office", answer: str = "") -> str:
    """A new FAQ entry given field by field, up to its preview."""
    assert "Häufige Fragen" in await desk.cmd("faq_bearbeiten", who)
    assert "Fragen (deutsch)" in await desk.tap("➕ Neuer Eintrag", who)
    await desk.say(f"{QUESTION}\nKönnen Honorare gefördert werden?", who)
    await desk.say("Can we pay fees for lecturers?; Are fees for trainers eligible?", who)
    await desk.tap("Leer lassen", who)  # no keywords
    await desk.say(
        answer
        or "Honorare gehören zu den Kosten des Projekts; ob und in welcher Höhe sie "
        "förderfähig sind, sagt Ihnen die Koordinierungsstelle.",
        who,
    )
    await desk.say(
        "Fees are project costs; whether and how far they are eligible, the coordination "
        "office will tell you.",
        who,
    )
    await desk.say("Keine Quelle: Auskunft der Koordinierungsstelle", who)
    return await desk.tap("ohne Quelle", who)


async def test_an_faq_entry_is_added_edited_and_removed_by_dialog(desk: Desk) -> None:
    preview = await _new_faq(desk)
    assert "Vorschau" in preview and "faq.yaml" in preview
    assert f"Fragen (deutsch): {QUESTION}; Können Honorare" in preview
    assert "Art der Quelle: ohne Quelle" in preview
    assert find_faq(QUESTION, desk.kb) is None
    assert "/kb_zurueck" in await desk.tap("✅ Übernehmen")
    entry = find_faq(QUESTION, desk.kb)
    assert entry is not None and entry.id == "duerfen_wir_honorare_fuer_dozentinnen"
    assert entry.source_kind == "none"
    # a sponsor's question mid-dialog is answered from it at once
    await desk.cmd("start", "sponsor")
    answered = await desk.say(QUESTION, "sponsor")
    assert "Honorare gehören zu den Kosten des Projekts" in answered
    assert "Zurück zu meiner Frage" in answered

    # edited: found by a word of its question
    await desk.cmd("faq_bearbeiten")
    await desk.say("Honorare")
    await desk.tap(QUESTION)
    await desk.tap("✏️ Antwort (englisch)")
    await desk.say("Fees are project costs; ask the coordination office whether they count.")
    preview = await desk.tap("👁 Vorschau")
    assert "Antwort (englisch): Fees are project costs; whether" in preview
    assert "→ Fees are project costs; ask the coordination office" in preview
    await desk.tap("✅ Übernehmen")
    edited = find_faq(QUESTION, desk.kb)
    assert edited is not None and edited.answer_en.endswith("whether they count.")

    # removed
    await desk.cmd("faq_bearbeiten")
    await desk.say("Honorare Dozentinnen")
    await desk.tap(QUESTION)
    assert "entfernt" in await desk.tap("🗑 Entfernen")
    await desk.tap("Ja, entfernen")
    assert entry.id not in {e.id for e in desk.kb.faq}


async def test_an_faq_entry_the_models_refuse_says_the_fix_and_stays_open(desk: Desk) -> None:
    # an answer without a source must point to the coordination office (the loader's rule)
    shown = await _new_faq(desk, answer="Honorare sind förderfähig.")
    assert "Das geht so noch nicht" in shown and "Vorschau: " not in shown
    assert "Antwort (deutsch): source_kind none" in shown, "the field as staff know it"
    assert "Koordinierungsstelle" in shown and "Zeile" not in shown
    assert "✏️ Antwort (deutsch)" in desk.labels(), "back at the entry, to fix it"
    await desk.tap("✏️ Antwort (deutsch)")
    await desk.say("Honorare sind Kosten des Projekts; fragen Sie die Koordinierungsstelle.")
    assert "Vorschau" in await desk.tap("👁 Vorschau")
    await desk.tap("✅ Übernehmen")
    assert find_faq(QUESTION, desk.kb) is not None


async def test_two_staff_change_faq_entries_at_once(desk: Desk) -> None:
    own_share, who_decides = (e for e in desk.kb.faq if e.id in ("own_share", "who_decides"))
    await desk.cmd("faq_bearbeiten")
    await desk.tap(own_share.questions[0])
    await desk.tap("✏️ Stichwörter")
    await desk.say("Eigenanteil; Kofinanzierung; Eigenmittel")
    await desk.tap("👁 Vorschau")
    # meanwhile a colleague adds an entry and another removes one: other entries, merged
    await _new_faq(desk, "colleague")
    await desk.tap("✅ Übernehmen", "colleague")
    await desk.cmd("faq_bearbeiten", "colleague")
    await desk.tap(who_decides.questions[0], "colleague")
    await desk.tap("🗑 Entfernen", "colleague")
    await desk.tap("Ja, entfernen", "colleague")

    assert "/kb_zurueck" in await desk.tap("✅ Übernehmen")
    ids = {e.id for e in desk.kb.faq}
    assert "own_share" in ids and "who_decides" not in ids
    assert find_faq(QUESTION, desk.kb) is not None
    assert next(e for e in desk.kb.faq if e.id == "own_share").keywords[-1] == "Eigenmittel"


async def test_an_faq_entry_a_colleague_removed_meanwhile_is_not_brought_back(
    desk: Desk,
) -> None:
    own_share = next(e for e in desk.kb.faq if e.id == "own_share")
    await desk.cmd("faq_bearbeiten")
    await desk.tap(own_share.questions[0])
    await desk.tap("✏️ Stichwörter")
    await desk.say("+ Eigenleistung")
    # before the office's preview, a colleague takes the same entry out
    await desk.cmd("faq_bearbeiten", "colleague")
    await desk.tap(own_share.questions[0], "colleague")
    await desk.tap("🗑 Entfernen", "colleague")
    await desk.tap("Ja, entfernen", "colleague")
    version = desk.player.runtime.knowledge.store.live_version()

    refused = await desk.tap("👁 Vorschau")  # refused at the preview already
    assert "Nicht übernommen" in refused and "<b>" not in refused
    assert "own_share" in refused or own_share.questions[0] in refused, "which entry"
    assert f"{version} von Kollegin Berg" in refused and "25.11.2026" in refused
    assert "own_share" not in {e.id for e in desk.kb.faq}, "the colleague's removal stays"
    assert desk.player.runtime.knowledge.store.live_version() == version


# --- who may ---------------------------------------------------------------------------------


async def test_nobody_but_staff_starts_or_continues_an_entry_dialog(desk: Desk) -> None:
    for word in ("projekt_bearbeiten", "allianz_bearbeiten", "faq_bearbeiten"):
        assert UNKNOWN in await desk.cmd(word, "sponsor")
    for action in ("staff:kb:entry:pick:0", "staff:kb:entry:apply", "staff:kb:entry:new"):
        handled = await desk.player.runtime.conversations.handle(
            Incoming(SPONSOR.user_id, Press("", action), next(desk.player.update_ids), "de")
        )
        keys = [p.key for o in handled.outputs if isinstance(o, Reply) for p in o.parts]
        assert keys == ["roles.unknown_command"], action
    # a sponsor's text never reaches a staff dialog
    await desk.cmd("faq_bearbeiten")
    assert "Zu „Honorare“" not in await desk.say("Honorare", "sponsor")


async def test_a_colleague_removed_mid_dialog_cannot_go_on(desk: Desk) -> None:
    await desk.cmd("team")
    link = await desk.tap("einladen")
    link = await desk.tap("Ja, Link erstellen") if "stf_" not in link else link
    token = link.split("start=", 1)[1].split()[0]
    await desk.do(Say(f"/start {token}", "newcomer"))
    assert "Lokale Allianz" in await desk.cmd("allianz_bearbeiten", "newcomer")
    await desk.cmd("team")
    await desk.tap("Neu")
    assert "gehört nicht mehr" in await desk.tap("Ja, entfernen")
    assert UNKNOWN in await desk.tap(desk.kb.regions.local_alliances[0].name, "newcomer")
    assert UNKNOWN in await desk.say("Hannover", "newcomer")


async def test_an_action_field_taken_out_takes_its_sub_goals_with_it(desk: Desk) -> None:
    old = desk.kb.project(PROJECT)
    assert {g.split(".")[0] for g in old.sub_goals} == {"I", "III"}
    await desk.cmd("projekt_bearbeiten")
    await desk.say("Lehrerexkursion")
    await desk.tap(old.title)
    await desk.tap("✏️ Handlungsschwerpunkte")
    await desk.tap("III:")
    menu = await desk.tap("Fertig ▶")
    assert "✏️ Teilziele" in menu, "the sub-goal of III goes as well"
    preview = await desk.tap("👁 Vorschau")
    assert "Teilziele: − III." in preview
    await desk.tap("✅ Übernehmen")
    project = desk.kb.project(PROJECT)
    assert project.action_fields == ["I"]
    assert project.sub_goals == [g for g in old.sub_goals if g.startswith("I.")]
