"""Function words and reaches that several rules of the finder share (articles and the like
live with the phrase matching in patterns.py; each rule's own words live with the rule)."""

from __future__ import annotations

MODALS = frozenset(
    """
    wollen möchten moechten sollen sollten können koennen müssen muessen würden wuerden
    werden dürfen want wants would could should will
    """.split()
)
"""A modal after a verb says what people want or may do, not what they do ("die arbeiten
wollen")."""

INTRODUCERS = frozenset({"fuer", "für", "for", "zielgruppe", "zielgruppen", "target"})
"""Words that make organisations a target group in running text ("für kleine Betriebe")."""

TARGET_WORDS = frozenset({"zielgruppe", "zielgruppen"})
"""A sentence with one of these names target groups: every group in it after the word counts."""

NEGATIONS = frozenset({"nicht", "kein", "keine", "keinen", "keiner", "keinem", "not", "no"})
CLAUSE_OPENERS = frozenset(
    "der die das dem den deren dessen welche welcher who which that where wo".split()
)
"""After a comma these open a clause about someone else ("ein Verein, der Frauen begleitet")."""

POSSESSIVES = frozenset(
    "unser unsere unseren unserem unseres unserer our my mein meine meinen meinem meines".split()
)
"""What follows one of these is the sponsor's own ("Azubis für unseren Betrieb", "unsere Leute")."""

OWN_PEOPLE = frozenset("guys jungs leute people team crew mannschaft".split())
"""With a possessive, people the sponsor calls its own ("my guys", "unsere Leute")."""

CLAUSE_BREAKS = frozenset({"und", "and", "aber", "but", "deshalb", "daher", "so", "weil"})
ROLE_AS = frozenset({"als", "as", "become", "becoming"})
"""The markers after which a word of an organisation group is a role too: people trained "as
chefs" become cooks, not the bosses German "Chefs" are; "Kontakte zu Betrieben" keeps them."""

RELATIVES = frozenset({"who", "whose", "which", "that", "die", "denen", "deren", "welche"})
SUBJECTS = frozenset({"wir", "ich", "we", "i", "man"})
JOINERS = frozenset({"und", "and", "oder", "or", "sowie", "bzw", "also"})
ROLE_GAP = 1
"""A word that may describe the role between its marker and it ("as bus drivers", "zur
examinierten Pflegefachkraft")."""
