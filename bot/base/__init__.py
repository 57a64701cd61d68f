"""Plain values and text functions every layer uses; nothing here imports from `bot`."""
