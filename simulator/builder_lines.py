"""Line templates for built personas: a neutral set for every move plus a set per temperament.

A template may use `{topic}` (what the conversation is about, in the user's own words: the first issue's name) and,
for the moves that carry content, `{content}`. Nothing here names a place, a person, a trade or a number, so a
built persona only ever says things that come from its own answers.
"""

from __future__ import annotations

# Temperaments the builder offers, each with the one line the builder shows next to it.
TEMPERAMENTS: dict[str, str] = {
    "warm": "Friendly and open; likes to talk things through, but won't be taken for granted.",
    "guarded": "Polite but careful; says little until they trust you.",
    "blunt": "Direct and short on time; says what they think and expects the same.",
    "anxious": "Worried about what this means for them; needs to feel heard before they move.",
}

_NEUTRAL: dict[str, list[str]] = {
    "open": [
        "So. The {topic}. Where do you want to start?",
        "Thanks for making the time. Let's talk about the {topic}.",
    ],
    "raise_concern": ["{content}", "Well, {content}", "Since you ask: {content}"],
    "reveal": ["{content}", "If I'm honest, {content}", "Put it this way: {content}"],
    "deflect_closed": ["Maybe.", "That depends.", "Hard to say."],
    "push_back_bare_ask": ["What's in that for me?", "That works for you. How does it work for me?"],
    "push_back_premature": [
        "Hold on. You haven't asked what's going on at my end.",
        "Before we get to numbers, ask me what's changed.",
    ],
    "push_back_pressure": ["I don't respond well to that.", "Let's not make this a fight."],
    "warm_up": ["Yes, exactly. {content}", "That's it. And {content}", "You've got it. {content}"],
    "correct_summary": ["That's not quite what I said. {content}", "No. What I said was: {content}"],
    "consider": [
        "That helps. But {content}",
        "Closer. Still, {content}",
        "Some of that works. But {content}",
    ],
    "counter": ["Here's what I can do: {content}", "How about this: {content}"],
    "agree": ["All right. {content} Agreed.", "Deal: {content}"],
    "walk_away": ["I think we should stop here.", "I'm done for today."],
    "off_topic": [
        "Can we stick to the {topic}?",
        "I'm not sure what that has to do with the {topic}.",
        "Let's get back to the {topic}.",
    ],
    "nothing_more": ["That's really all there is to it.", "I've told you what there is."],
    "time_up": ["I have to go. Let's pick this up another time.", "We're out of time for today."],
    "answer_fact": ["{content}", "Sure. {content}"],
    "decline_fact": ["I'd rather not say.", "That I keep to myself."],
    "not_yet": ["I'd rather not get into that yet.", "Let's not go there just now."],
    "recap": ["I've told you: {content}", "Like I said, {content}"],
    "small_talk": ["Fine, thanks. Shall we get to it?", "Kind of you to ask. So, where were we?"],
    "acknowledge": ["Okay. Go on.", "Right. What else?"],
    "react_insult": ["There's no need for that.", "Please don't talk to me like that."],
    "other_language": ["Sorry, could we keep to English?", "I didn't catch that. In English, please?"],
    "clarify": ["What do you mean?", "Sorry, I didn't follow that."],
    "ack_summary": ["Yes, that's right.", "That's it."],
}

_BY_TEMPERAMENT: dict[str, dict[str, list[str]]] = {
    "warm": {
        "open": [
            "Come in, sit down. I'm glad we're finally talking about the {topic}.",
            "Good to see you. I know the {topic} is on both our minds.",
        ],
        "raise_concern": [
            "I'll be straight with you. {content}",
            "{content} I'd like us to sort that out.",
            "You may as well know, {content}",
        ],
        "reveal": [
            "Since you ask so kindly, {content}",
            "Between us, {content}",
            "I haven't said this to many people. {content}",
        ],
        "deflect_closed": ["Oh, I couldn't say yet.", "We'll see.", "Possibly. Let's talk it through."],
        "push_back_bare_ask": [
            "I'd like to help, but what does that do for me?",
            "That sounds good for you. What about me?",
        ],
        "push_back_premature": [
            "We're getting ahead of ourselves. Ask me how things are first.",
            "Slow down. You don't know my side of it yet.",
        ],
        "push_back_pressure": [
            "That's a shame. I thought we were talking as friends.",
            "I'd rather we didn't talk like that. I'm still listening, though.",
        ],
        "warm_up": [
            "Yes! That's exactly it. {content}",
            "Thank you for hearing that. {content}",
            "You do understand. {content}",
        ],
        "correct_summary": ["Not quite, dear. {content}", "I don't think I said that. {content}"],
        "consider": [
            "Oh, that's kind. But {content}",
            "I like parts of that. Still, {content}",
            "That goes some way. But {content}",
        ],
        "counter": ["Let me meet you somewhere: {content}", "Could you live with this? {content}"],
        "agree": ["Lovely. {content} Let's shake on it.", "Yes, I'm happy with that: {content}"],
        "walk_away": [
            "I'm sorry, I don't think this is going anywhere today.",
            "Let's leave it there. I'm tired.",
        ],
        "off_topic": [
            "Ha, maybe another day. The {topic}, though?",
            "I do love a chat, but what about the {topic}?",
            "We've wandered off. Back to the {topic}?",
        ],
        "nothing_more": ["Honestly, that's everything on that.", "I've nothing more to add there."],
        "time_up": [
            "I'm sorry, I have to run. Shall we talk again soon?",
            "Goodness, is that the time? Let's continue another day.",
        ],
        "answer_fact": ["Oh, {content}", "Happy to tell you. {content}"],
        "decline_fact": [
            "I'd rather keep that to myself, if you don't mind.",
            "That's a bit private, I'm afraid.",
        ],
        "not_yet": ["Maybe when we know each other a little better.", "Not today, I think."],
        "recap": ["As I said, {content}", "I did mention it: {content}"],
        "small_talk": ["Oh, you're kind to ask. Now, shall we?", "Not bad at all. Right, where were we?"],
        "acknowledge": ["I see. Go on.", "Mm, all right. Tell me more."],
        "react_insult": [
            "Well. That was unkind.",
            "I don't think that's fair, and I didn't expect it from you.",
        ],
        "other_language": [
            "Oh, I'm afraid I only speak English.",
            "Sorry, my languages aren't good. English?",
        ],
        "clarify": ["Sorry, I didn't quite catch that.", "Say that again for me?"],
        "ack_summary": ["Yes, exactly.", "That's right, yes."],
    },
    "guarded": {
        "open": [
            "I've got some time. What did you want to say about the {topic}?",
            "You wanted to talk about the {topic}. Go ahead.",
        ],
        "raise_concern": [
            "All I'll say for now is this. {content}",
            "{content} That's where I stand.",
            "Put simply, {content}",
        ],
        "reveal": ["All right. {content}", "I don't usually say this, but {content}", "Fine. {content}"],
        "deflect_closed": ["I'd rather not say.", "Perhaps.", "We'll see."],
        "push_back_bare_ask": ["And why would I agree to that?", "I don't see what I get from that."],
        "push_back_premature": [
            "You're jumping ahead. You don't know my position yet.",
            "I'm not discussing terms before we've talked properly.",
        ],
        "push_back_pressure": ["Pushing me won't help you.", "I don't take well to ultimatums."],
        "warm_up": [
            "Fair. That's accurate. {content}",
            "Yes. That's right. {content}",
            "Well put. {content}",
        ],
        "correct_summary": [
            "That's not what I said. {content}",
            "You're putting words in my mouth. {content}",
        ],
        "consider": ["Maybe. But {content}", "Possibly. Still, {content}", "That's something. But {content}"],
        "counter": ["What I could accept is {content}", "My offer is {content}"],
        "agree": ["Very well. {content} Agreed.", "Fine. {content} We have a deal."],
        "walk_away": ["I don't think we'll agree today.", "This isn't working. I'll go."],
        "off_topic": [
            "That's not why we're here.",
            "I'd rather stay on the {topic}.",
            "Let's keep to the {topic}.",
        ],
        "nothing_more": ["That's all I'll say on it.", "There's nothing more there."],
        "time_up": ["I need to leave now.", "That's all the time I have."],
        "answer_fact": ["Since you ask, {content}", "For what it's worth, {content}"],
        "decline_fact": ["That's my business.", "I won't go into that."],
        "not_yet": ["Not yet.", "I don't know you well enough for that."],
        "recap": ["I've already said: {content}", "As I told you, {content}"],
        "small_talk": ["Fine. Shall we get on?", "Well enough. What did you want to discuss?"],
        "acknowledge": ["Noted.", "I see."],
        "react_insult": ["I won't be spoken to like that.", "That's uncalled for."],
        "other_language": ["English, please.", "I don't follow. In English?"],
        "clarify": ["Meaning what?", "Be clearer, please."],
        "ack_summary": ["Yes.", "That's accurate."],
    },
    "blunt": {
        "open": ["Right, the {topic}. I haven't got long. Go.", "Let's get straight to the {topic}."],
        "raise_concern": [
            "Here's the problem. {content}",
            "{content} That's the issue.",
            "Straight up: {content}",
        ],
        "reveal": ["Fine, you want the real reason? {content}", "Look, {content}", "Truth is, {content}"],
        "deflect_closed": ["No idea yet.", "Depends what you put on the table.", "Ask me something useful."],
        "push_back_bare_ask": [
            "That's all upside for you. Try again.",
            "What's in it for me? Nothing, so far.",
        ],
        "push_back_premature": [
            "You don't even know my problem yet.",
            "Numbers later. Ask me what's going on first.",
        ],
        "push_back_pressure": ["Threats don't work on me.", "Don't push. I can walk too."],
        "warm_up": [
            "Right. That's it. {content}",
            "Correct. {content}",
            "Finally, someone listening. {content}",
        ],
        "correct_summary": ["Wrong. {content}", "That's not what I said. {content}"],
        "consider": ["Better. But {content}", "Getting there. Still, {content}", "Not bad. But {content}"],
        "counter": ["No. {content}", "Counter: {content}"],
        "agree": ["Done. {content}", "Fine. {content} Deal."],
        "walk_away": ["We're done.", "This is a waste of my time. I'm leaving."],
        "off_topic": ["Irrelevant. The {topic}?", "Focus. The {topic}.", "I don't have time for that."],
        "nothing_more": ["That's it. Nothing else.", "You've had all of it."],
        "time_up": ["Out of time. Come back with something better.", "I've got to go."],
        "answer_fact": ["{content} Next?", "Quick answer: {content}"],
        "decline_fact": ["None of your business.", "Not telling you that."],
        "not_yet": ["Not a chance, yet.", "Earn that one first."],
        "recap": ["I told you already. {content}", "Again: {content}"],
        "small_talk": ["Fine. Let's get on with it.", "Skip the pleasantries."],
        "acknowledge": ["Okay. And?", "Fine. Next."],
        "react_insult": ["Say that again and we're finished.", "Watch it."],
        "other_language": ["English.", "I don't speak that. English?"],
        "clarify": ["What?", "Say it plainly."],
        "ack_summary": ["Right.", "Correct."],
    },
    "anxious": {
        "open": [
            "I've been dreading this a bit, to be honest. The {topic}.",
            "Okay. The {topic}. I'm a bit nervous about this.",
        ],
        "raise_concern": [
            "I'm worried, honestly. {content}",
            "{content} It's been keeping me up.",
            "The thing is, {content}",
        ],
        "reveal": [
            "It's hard to say, but {content}",
            "Okay, honestly? {content}",
            "I haven't told anyone this. {content}",
        ],
        "deflect_closed": ["I don't know. Maybe?", "I'm not sure yet.", "I'd have to think."],
        "push_back_bare_ask": [
            "That helps you, but I'm still stuck.",
            "I don't see how that fixes anything for me.",
        ],
        "push_back_premature": [
            "Wait, you haven't asked why I'm worried.",
            "Please, ask me what's wrong first.",
        ],
        "push_back_pressure": [
            "Please don't push me. That makes it worse.",
            "I can't decide like this, under pressure.",
        ],
        "warm_up": [
            "Yes. Thank you, that's it. {content}",
            "That's exactly it. {content}",
            "It helps that you see that. {content}",
        ],
        "correct_summary": ["No, that's not it. {content}", "Sorry, that's not what I meant. {content}"],
        "consider": [
            "That's a relief, partly. But {content}",
            "That helps a bit. Still, {content}",
            "Maybe. I still worry, though. {content}",
        ],
        "counter": ["Could we do this instead? {content}", "I could manage {content}"],
        "agree": ["Okay. Yes. {content} Thank you.", "All right, I can do that: {content}"],
        "walk_away": ["I can't do this right now. Sorry.", "I need to stop. This is too much."],
        "off_topic": [
            "Sorry, can we talk about the {topic}?",
            "I'm too worried about the {topic} for that.",
            "Please, the {topic}.",
        ],
        "nothing_more": ["That's all of it, really.", "There's nothing else, I promise."],
        "time_up": ["I have to go, sorry. Can we talk again?", "I need to stop for today."],
        "answer_fact": ["Um, {content}", "Okay. {content}"],
        "decline_fact": ["I'd rather not say, sorry.", "I don't feel comfortable sharing that."],
        "not_yet": ["I'm not ready to talk about that.", "Can we leave that for now?"],
        "recap": ["Sorry, like I said, {content}", "I mentioned it: {content}"],
        "small_talk": ["Okay, thanks. Can we get to it?", "I'm all right. A bit nervous. Shall we start?"],
        "acknowledge": ["Okay.", "All right. Go on."],
        "react_insult": ["That really hurts.", "Why would you say that?"],
        "other_language": ["Sorry, I only understand English.", "I didn't understand. English?"],
        "clarify": ["Sorry, what do you mean?", "I'm confused. Say that again?"],
        "ack_summary": ["Yes, that's it, really.", "Yes. Exactly."],
    },
}


def lines_for(temperament: str, topic: str) -> dict[str, list[str]]:
    """Line variants for every move: the temperament's own first, then the neutral set, with `{topic}` filled in."""
    own = _BY_TEMPERAMENT.get(temperament, _BY_TEMPERAMENT["guarded"])
    out: dict[str, list[str]] = {}
    for move, neutral in _NEUTRAL.items():
        seen: list[str] = []
        for line in [*own.get(move, []), *neutral]:
            filled = line.replace("{topic}", topic)
            if filled not in seen:
                seen.append(filled)
        out[move] = seen
    return out
