"""Target groups in a sponsor's own words: "Leute, die nach der Ausbildung wegziehen",
"Maler und Tischler, die sich fortbilden wollen", "refugees", "older workers".

Each group of knowledge/target_groups.yaml brings its label (both languages), synonyms and
everyday `phrases`, matched on whole words. Each module holds one part of the rules, and its
docstring says them:

* finder.py: `GroupFinder` puts the rules together (`find`, and `answer` at the target-group
  question); `not_when`; organisations in running text; `group_finder`, one per knowledge base.
* tokens.py: words, their dictionary forms and endings, gender forms, sentences (a line that
  starts with its own label is one); a feminine plural names women too.
* patterns.py: the patterns of the YAML and how one matches (whole words, gaps in phrases; a
  German participle, "gekündigt", only matches participles, not "kündigen").
* readings.py: compounds, activities ("Schülerpraktika"), typos, people said to work or to be
  the sponsor's own, people from abroad.
* clauses.py: clauses of a sentence; what introduces a group ("für", "Zielgruppe").
* negation.py: negated groups, and groups a text takes back ("Ach nein, eher Azubis").
* school_years.py: students in a school year ("year 11 students") are pupils.
* families.py: children named as the family of the people named, in a sentence about their
  care ("Betreuung für ihre Kinder", "childcare for their kids").
* partners.py: organisations and people named as partners or places of a group, or coming
  with it ("Azubis mit ihren Praxisanleitern").
* roles.py: professions people become, are trained for or learned.
* staff.py: people who carry out the project (doers, roles of doing the work, volunteers,
  ambassadors).
* sought.py: people companies seek as staff.
* sponsor.py: what the sponsor says about its own organisation and people, and the writer's
  colleague.
* introductions.py: who the sponsor says they are ("wir sind …", "founder here").
* signatures.py: where the signature of an e-mail-like message begins.
* vocabulary.py: function words several rules share; hits.py: `GroupHit`, the result.

The rest of the bot uses the one entry point `group_finder`; the reader of a message and the
tests import the parts they name from their modules.
"""

from bot.understanding.groups.finder import group_finder

__all__ = ["group_finder"]
