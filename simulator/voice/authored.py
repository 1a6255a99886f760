"""The offline default voice: the persona's own authored line, instant and private."""

from __future__ import annotations

from simulator.voice.base import TokenCallback, VoiceReply, VoiceRequest


class AuthoredVoice:
    """Says the authored line the policy picked."""

    name = "authored"

    def say(self, request: VoiceRequest, on_token: TokenCallback | None = None) -> VoiceReply:
        if on_token is not None:
            on_token(request.authored)
        return VoiceReply(text=request.authored, source="authored")
