"""Voices that phrase the counterpart's moves: authored lines (default) or an LLM with guardrails."""

from simulator.voice.authored import AuthoredVoice
from simulator.voice.base import TokenCallback, Voice, VoiceReply, VoiceRequest

__all__ = ["AuthoredVoice", "TokenCallback", "Voice", "VoiceReply", "VoiceRequest"]
