"""The vocabulary the whole bot speaks, transport-free: events in, outputs out, the stored
state of a dialog, and how dialogs are declared. Nothing here stores or sends anything."""
