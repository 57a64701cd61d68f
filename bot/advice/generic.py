"""When what an idea shares with a past project is one word only, and so no shared theme.

The issue's bar for a look-alike (bot/advice/lookalikes.py) is a shared sub-goal plus a shared
target group or two substantive words, or strong similarity; generic words never count alone.
Listed generic words (IT, Werkstatt, Region, ...) are left out before; what remains is a word
rare among the projects' texts without being their theme: an approach or a tool
("ausprobieren", "Bewerber", "Lernvideos", "reparieren", "Solar"), shared beside a target group
half the projects are for (pupils, apprentices) or none. A project sharing only such a word is
alike in that word, not in its theme, unless the two are first about the same.
"""

from __future__ import annotations


def on_one_word(
    words: int, *, theme: bool, rare_group: bool, same_first: bool, goal_word: bool
) -> bool:
    """Whether a project that passed the bar stands on a single shared word alone.

    `words`: how many of the idea's words it shares (a compound and its part are one);
    `theme`: the word is one of the project's themes (what the strategy says it is about) and
    the idea serves the sub-goal the project is first about; `rare_group`: the two share a
    target group few projects are for (or its kin: refugees, immigrants), not pupils or
    apprentices; `same_first`: they share a target group, and the sub-goal the idea is first
    about is the one the project is first about (students' mentoring and a matching platform
    for students and companies, I.4); `goal_word`: the word is one of the vocabulary of the
    sub-goal the project is first about, which the idea serves, and no other project uses it
    ("Robotik", "KI-Tools"). One word says a theme only with one of the four."""
    return words == 1 and not (theme or rare_group or same_first or goal_word)
