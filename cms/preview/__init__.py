"""Draft preview for headless front ends: signed, expiring, revocable preview links. App label ``sen_preview``."""
