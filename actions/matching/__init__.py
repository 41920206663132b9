"""Matching text by meaning or language: the one sentence-embedding backend and language
identification. Loaded by the Rasa server (NLU components), the action server (the
semantic fallback) and the analytics; the only package allowed to load torch, and only
on first use."""
