"""The procedure after the handoff (#14): cases, their steps by role, meetings, reminders.

Transport-free: `steps` declares the table, `service` records steps, `scheduler` runs what
the clock sets off, `views` words what each role sees, `plan` checks the cost and financing
plan. The chat layer declares commands and buttons on top.
"""
