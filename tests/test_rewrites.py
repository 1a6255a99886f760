"""Rewrites a person would say: whole sentences, read by our own rules as the move they model, never for a turn
that won something, each with a one-line why."""

from __future__ import annotations

import re

import pytest

from simulator.evaluation import Scorecard, score_transcript
from simulator.evaluation import rewrites as R
from simulator.evaluation.labels import label_turn
from simulator.transcript import ConcernInfo, Disclosure, Transcript, Turn

CASH = ConcernInfo(
    id="cash",
    title="Late payments squeeze his cash",
    keywords=["cash", "invoice"],
    layers_total=2,
    opened_by="How have our invoices and payments been landing on your side?",
)
LATE = ConcernInfo(
    id="late",
    title="Late deliveries",
    keywords=["delivery"],
    layers_total=1,
    opened_by="What happened with deliveries before?",
)
REVEAL = Turn(
    role="counterpart",
    text="Honestly, two invoices came in late and my cash is tight until March.",
    move="raise_concern",
    disclosures=[Disclosure(item_id="cash", text="My cash is tight until March.")],
)


def _card(*pairs: tuple[str, Turn]) -> Scorecard:
    turns = [Turn(role="counterpart", text="So, you got my email about the new prices.")]
    for user, reply in pairs:
        turns += [Turn(role="user", text=user), reply]
    return score_transcript(Transcript(turns=turns, concerns=[CASH, LATE]))


def _rewrite(card: Scorecard, key: str):
    return next(d for d in card.dimensions if d.key == key).rewrite


def test_a_turn_that_won_the_deal_is_never_rewritten() -> None:
    agreed = Turn(role="counterpart", text="Fine, $4.10 it is.", move="agree")
    card = _card(("What worries you about next year?", REVEAL), ("I need $4.10 a pound.", agreed))
    assert "bare_ask" in card.turns[1].flags  # a weak ask by the rules …
    assert _rewrite(card, "benefit_asks") is None  # … but it won the deal: nothing to replace
    for dim in card.dimensions:
        assert dim.rewrite is None or dim.rewrite.turn != 2


def test_a_closed_question_that_drew_a_disclosure_is_not_the_one_rewritten() -> None:
    pushed = Turn(role="counterpart", text="Maybe.", move="deflect_closed")
    card = _card(("Is the price the problem?", REVEAL), ("Is that final?", pushed))
    rewrite = _rewrite(card, "open_questions")
    assert rewrite is not None and rewrite.turn == 2 and rewrite.original == "Is that final?"


def test_rewrites_are_built_from_their_words_not_spliced_from_the_users() -> None:
    # Issue 16's word salad: "What concerns you most about ouch hearing importer's put?"
    pushed = Turn(role="counterpart", text="Why would I?", move="push_back_bare_ask")
    card = _card(
        (
            "ouch hearing importer's put, is it final??",
            Turn(role="counterpart", text="It is.", move="deflect_closed"),
        ),
        ("What's going on for you this year?", REVEAL),
        ("gimme 12 pre, 10 is, 4.10 yeah", pushed),
    )
    for dim in card.dimensions:
        if dim.rewrite is None:
            continue
        suggestion = dim.rewrite.suggestion.lower()
        assert "ouch" not in suggestion and "importer's put" not in suggestion and "12 pre" not in suggestion
        assert "10 is" not in suggestion and "gimme" not in suggestion
    summary = _rewrite(card, "summaries")
    assert summary is not None and summary.suggestion == (
        "So what I'm hearing is that two invoices came in late and your cash is tight until March. Is that right?"
    )


def _coffee_card(library, *pairs: tuple[Turn, Turn]) -> Scorecard:
    """A rehearsal with the coffee supplier (a built-in persona, so its rules for what answers each concern apply)."""
    from simulator.reading import concern_infos

    persona = library.get("coffee-supplier")
    turns = [
        Turn(role="counterpart", text="Come in, come in. Mind the sacks. So, you got my email.", move="open")
    ]
    for user, reply in pairs:
        turns += [user, reply]
    return score_transcript(
        Transcript(turns=turns, concerns=concern_infos(persona), persona_id=persona.id, issues=persona.issues)
    )


GREEN = Turn(
    role="counterpart",
    text="Since you ask, green coffee has gone up a lot this year. I can't keep selling you "
    "the blend at $14.20 a kilo. That's been sitting with me for a while.",
    move="raise_concern",
    disclosures=[
        Disclosure(
            item_id="green_costs",
            text="Green coffee has gone up a lot this year. I can't "
            "keep selling you the blend at $14.20 a kilo.",
        )
    ],
)


def _user(text: str, **terms: float) -> Turn:
    return Turn(role="user", text=text, terms=terms or None)


def test_each_rewrite_models_its_move_follows_their_latest_line_and_comes_with_one_line_why(library) -> None:
    card = _coffee_card(
        library,
        (_user("Is the price going up?"), Turn(role="counterpart", text="It is.", move="deflect_closed")),
        (_user("What's going on for you this year?"), GREEN),
        (
            _user("Right, anyway. Do you deliver on Saturdays?"),
            Turn(role="counterpart", text="Sometimes.", move="deflect_closed"),
        ),
        (
            _user("I need $15.60 a kilo.", price_per_kg=15.6),
            Turn(role="counterpart", text="Why would I?", move="push_back_bare_ask"),
        ),
    )
    models = {
        "open_questions": "open_question",
        "summaries": "summary",
        "benefit_asks": "benefit_ask",
        "concerns_uncovered": "open_question",
    }
    found = {d.key: d.rewrite for d in card.dimensions if d.rewrite}
    assert set(found) == set(models)
    for key, rewrite in found.items():
        assert models[key] in label_turn(rewrite.suggestion, GREEN.text).moves, key
        assert rewrite.why and "\n" not in rewrite.why and rewrite.why.endswith(".")
    # The closed question right after their point follows it up (the stacked one is tried first).
    assert found["open_questions"].turn == 3
    assert found["open_questions"].suggestion == (
        "You said you can't keep selling me the blend at $14.20 a kilo. Can you tell me more about that?"
    )
    # Their latest point, in their words, person-swapped, without the lead-in or the tag.
    assert found["summaries"].suggestion == (
        "So what I'm hearing is that green coffee has gone up a lot this year, and you can't keep selling me the "
        "blend at $14.20 a kilo. Is that right?"
    )
    # The buyer offers a price (not "asking for" it), with the reason they gave, in their words.
    assert found["benefit_asks"].suggestion == (
        "I can offer $15.60 a kilo, since you told me you can't keep selling me the blend at $14.20 a kilo."
    )
    assert R.to_second_person("The hood hasn't been cleaned since you moved in", titles=False) == (
        "the hood hasn't been cleaned since I moved in"
    )
    assert "I can't keep selling you the blend at $14.20 a kilo" in found["benefit_asks"].why
    # A new subject only where their line left the floor to us: the opening, not after their point.
    assert found["concerns_uncovered"].turn == 1


def test_no_generic_question_after_a_point_a_counter_or_a_hedge(library) -> None:
    maybe = Turn(role="counterpart", text="Maybe.", move="deflect_closed")
    hedge = Turn(role="counterpart", text="That's not a simple yes.", move="deflect_closed")
    card = _coffee_card(
        library,
        (_user("What's going on for you this year?"), GREEN),
        (_user("fine. $14.80?", price_per_kg=14.8), hedge),
        (_user("so is that final?"), maybe),
    )
    rewrite = _rewrite(card, "open_questions")
    assert (
        rewrite is not None and rewrite.turn == 3 and rewrite.suggestion == "What makes it not a simple yes?"
    )
    counter = Turn(
        role="counterpart",
        text="I can't quite do that. How about $16.20 a kilo on a 12-month term?",
        move="counter",
        terms={"price_per_kg": 16.2, "term_months": 12},
    )
    card = _coffee_card(
        library, (_user("fine. $14.80?", price_per_kg=14.8), counter), (_user("is that final?"), maybe)
    )
    rewrite = _rewrite(card, "open_questions")
    assert (
        rewrite is not None and rewrite.suggestion == "Can you walk me through how you got to $16.20 a kilo?"
    )
    # Their direct question is answered by the user, not dodged: that turn is not rewritten.
    asked = Turn(
        role="counterpart", text="I've been roasting for 11 years. Why do you ask?", move="answer_fact"
    )
    card = _coffee_card(
        library, (_user("How long have you been roasting?"), asked), (_user("is 15 ok?"), maybe)
    )
    assert _rewrite(card, "open_questions") is None and _rewrite(card, "concerns_uncovered") is None


def test_a_good_turn_is_kept_and_the_dimension_says_so(library) -> None:
    # A faithful summary of their point, and an ask already tied to what they said: nothing to rewrite.
    card = _coffee_card(
        library,
        (_user("What's going on for you this year?"), GREEN),
        (
            _user(
                "So green coffee has gone up a lot this year and $14.20 a kilo doesn't work for you any more?"
            ),
            Turn(role="counterpart", text="That's it.", move="agree_summary"),
        ),
        (
            _user("I can do $15.60 a kilo so the green coffee increase is shared.", price_per_kg=15.6),
            Turn(role="counterpart", text="Let me think.", move="consider"),
        ),
    )
    for key in ("summaries", "benefit_asks"):
        dim = next(d for d in card.dimensions if d.key == key)
        assert dim.rewrite is None and dim.rewrite_note, key


def test_a_benefit_is_never_claimed_without_their_words(library) -> None:
    # No concern of theirs that these terms answer has come up: no boilerplate benefit, no rewrite.
    card = _coffee_card(
        library,
        (
            _user("Look, 16.80 is way too much. We need to stay at 14.20.", price_per_kg=14.2),
            Turn(role="counterpart", text="Why would I?", move="push_back_bare_ask"),
        ),
    )
    dim = next(d for d in card.dimensions if d.key == "benefit_asks")
    assert dim.rewrite is None and "tie the ask" in (dim.rewrite_note or "")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a $18,000 signing bonus", "an $18,000 signing bonus"),
        ("a $8 fee and a $80,000 salary", "an $8 fee and an $80,000 salary"),
        (
            "a $11,000 bonus, a $180,000 base, a $1,800 grant",
            "an $11,000 bonus, a $180,000 base, a $1,800 grant",
        ),
    ],
)
def test_articles_before_numbers(text: str, expected: str) -> None:
    assert R.fix_articles(text) == expected


def test_a_candidate_the_rules_would_not_credit_is_never_offered() -> None:
    assert R.first_passing(["Is that a deal?", "Give me 100."], "open_question", "") is None
    assert R.first_passing(["Is that a deal?", "What matters most to you here?"], "open_question", "") == (
        "What matters most to you here?"
    )
    # A "summary" that invents a number is not faithful, so it is not offered.
    said = [Disclosure(item_id="cash", text="My cash is tight until March.")]
    assert (
        R.first_passing(
            ["So what I'm hearing is that your cash is tight until June."],
            "summary",
            "My cash is tight until March.",
            said,
        )
        is None
    )


def test_every_persona_concern_reads_as_a_whole_clause_in_an_ask(library) -> None:
    """Every concern of every persona, told the way they tell it, makes an ask the rules credit as benefit-framed,
    from the user's side of the table."""
    from simulator import ledger as L
    from simulator.deal import parse_term
    from simulator.offers import describe_terms
    from simulator.reading import concern_infos, read_turn

    tried, failures = 0, []
    for persona in library.personas.values():
        kinds = {i.id: i.kind for i in persona.issues}
        for concern, info in zip(persona.concerns, concern_infos(persona), strict=True):
            assert R.concern_phrase(info).startswith(("your concern that ", "your concern about "))
            for rule in concern.answered_by_terms:  # the terms that answer it, at the value its rule names
                terms = dict([parse_term(rule)])
                said = describe_terms(persona.issues, terms)
                for text in [concern.surface, *concern.layers]:
                    reason, quote = R.benefit_clause(
                        [Disclosure(item_id=concern.id, text=text)], concern.id, said
                    )
                    if not reason:
                        continue  # nothing that stands on its own: no benefit is claimed
                    assert quote.lower() in text.replace("’", "'").lower(), quote
                    assert not re.search(
                        r"\bI (?:is|has)\b|\byou am\b|\bme (?:say|moved|promised)\b", reason
                    ), reason
                    if kinds[next(iter(terms))] != "number":
                        continue  # a yes/no term alone is often no concrete ask to our rules: then no rewrite
                    tried += 1

                    def live(text: str, move: str, persona=persona) -> bool:
                        return "benefit_ask" in read_turn(persona, L.new_ledger(persona), text, [])["moves"]

                    ask = R.ask_rewrite(
                        said, info, "", [info], live, reason=reason, verb=R.ask_verb(persona.issues, terms)
                    )
                    if ask is None:
                        failures.append(f"{said} / {reason}")
                    else:
                        assert "benefit_ask" in label_turn(ask, "").moves, ask
    # The evaluator drops a candidate it does not credit, so some may fall away; most must read as asks.
    assert tried >= 30 and len(failures) <= tried // 4, failures


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He hasn't seen you lead yet", "you haven't seen me lead yet"),
        ("Her children want her to sell", "your children want you to sell"),
        ("She is running out of savings", "you are running out of savings"),
        ("Who does your planning work", "who does my planning work"),
    ],
)
def test_their_words_said_back_to_them(text: str, expected: str) -> None:
    assert R.to_second_person(text) == expected


@pytest.mark.slow
def test_every_rewrite_on_the_development_conversations_passes_the_live_reading() -> None:
    """The conversation set's development part, driven through the graph: each rewrite is read by
    simulator.reading as the move it models, is a whole sentence, and never replaces a turn that won something."""
    from evals import rewrites as E

    checked = E.check_all()
    # enough rewrites to mean something: 19 on the development part today (a turn the counterpart now understands,
    # like "and the pay that goes with it" opening the freeze, wins something and gets no rewrite)
    assert len(checked) >= 18
    problems = [
        f"{c.conversation} {c.dimension}: {c.suggestion} -> {c.problems}" for c in checked if c.problems
    ]
    assert problems == []


def test_every_term_on_the_table_can_be_asked_about_in_a_whole_question(library) -> None:
    from simulator import ledger as L
    from simulator.reading import read_turn

    for persona in library.personas.values():
        for issue in persona.issues:
            topic = R.issue_topic(issue)
            assert re.match(r"(?:the|your) [a-z0-9]|[A-Z][a-z]+'s ", topic), topic
            assert not re.search(r"\b(?:the (?:after|for|in|no|am)|her|his)\b", topic), topic
            question = f"What matters most to you about {topic}?"
            assert "open_question" in label_turn(question, "").moves, question
            assert "open_question" in read_turn(persona, L.new_ledger(persona), question, [])["moves"], (
                question
            )


# Round 2 of the rewrite review: what a reviewer who never saw the code failed, kept from coming back.


def test_after_a_rebuke_every_rewrite_opens_with_a_repair() -> None:
    rebuke = Turn(
        role="counterpart", text="That's out of line. If you want me in your corner, don't do that."
    )
    card = _card(
        ("that's ridiculous", rebuke), ("So will you take it to Karl?", Turn(role="counterpart", text="No."))
    )
    rewrite = _rewrite(card, "open_questions")
    assert rewrite is not None and rewrite.suggestion.startswith(R.REPAIR)
    assert "open_question" in label_turn(rewrite.suggestion, rebuke.text).moves
    assert "told you off" in rewrite.why
    # Without a rebuke there is no repair, and an apology the user made for their own conduct is kept.
    assert R.repaired(["What happened?"], REVEAL) == ["What happened?"]
    assert R.repaired(["What happened?"], REVEAL, "my bad. what now") == ["Sorry about that. What happened?"]
    assert R.repaired(["What happened?"], REVEAL, "Sorry, random question, how many cafés?") == [
        "What happened?"
    ]


def test_no_stock_line_after_old_news_common_knowledge_or_small_talk() -> None:
    freeze = Turn(
        role="counterpart",
        text="You know there's a freeze on. Salaries don't move until 1 July, for anyone.",
        disclosures=[Disclosure(item_id="cash", text="Salaries don't move until 1 July, for anyone.")],
    )
    assert R.summary_rewrite(freeze.disclosures, freeze.text, latest=freeze) is None
    # A point the user's own turn had just played back (or they had said before) is not said back again.
    orders = Turn(
        role="counterpart",
        text="That's it. Four change orders arrived in the last 2 months.",
        disclosures=[Disclosure(item_id="cash", text="Four change orders arrived in the last 2 months.")],
    )
    assert R.summary_rewrite(orders.disclosures, orders.text, latest=orders) is not None
    assert (
        R.summary_rewrite(
            orders.disclosures,
            orders.text,
            latest=orders,
            old="so four change orders arrived in the last two months",
        )
        is None
    )
    assert (
        R.open_rewrite(
            "is that all?",
            orders.text,
            [],
            [],
            latest=orders,
            old="so 4 change orders arrived in the last 2 months",
        )
        is None
    )  # no stock line instead
    roasting = Turn(
        role="counterpart",
        text="Ha, fair question. I've been roasting for 11 years, the last 7 here.",
        disclosures=[Disclosure(item_id="cash", text="I've been roasting for 11 years.")],
    )
    # No "tell me more" about their small talk: the user's own question, asked open, is what is left.
    assert (
        R.open_rewrite("Is 16.80 final?", roasting.text, [], [], latest=roasting, small_talk=True)
        == "How did you land on 16.80?"
    )
    # "What would help you decide?" only when deciding is what they talked about.
    unsure = Turn(role="counterpart", text="I couldn't say.")
    assert (
        R.open_rewrite("would you switch?", unsure.text, [], [], latest=unsure)
        != "What would help you decide?"
    )


def test_grief_is_acknowledged_not_read_back_with_is_that_right() -> None:
    sun = Disclosure(item_id="cash", text="That wall will take the afternoon sun off my garden.")
    grief = Turn(
        role="counterpart",
        text="My husband planted those roses. We sat out there every afternoon until he died, 2 years ago.",
        disclosures=[Disclosure(item_id="cash", text="My husband planted those roses.")],
    )
    said = R.summary_rewrite([sun, *grief.disclosures], grief.text, latest=grief)
    assert said is not None and R.ACKNOWLEDGE in said and "Is that right" not in said and "died" not in said
    assert "afternoon sun off your garden" in said


def test_either_or_questions_are_kept_and_benefit_asks_never_drop_the_original() -> None:
    from simulator.evaluation import dimensions as D

    assert D._EITHER_OR.search("does it cover everything tho or just base pay")
    assert not D._EITHER_OR.search("Are you going to hit 15 Sept or not?")
    assert D._COMMITMENT.search("3 month forecast. can u guarantee sept then")
    assert R.lead_of("fair enough. and the split. I can do 55/45") == "Fair enough."
    assert R.lead_of("fair. sorry. 55/45 + 6mo credit").endswith("sorry.")


def test_terms_are_said_to_the_counterparts_face(library) -> None:
    lena = library.get("cofounder-equity")
    assert (
        R.to_their_face("45 percent of the founder equity to the CTO", lena)
        == "45 percent of the founder equity for you"
    )
    assert R.to_their_face("acceleration if the CTO is replaced", lena) == "acceleration if you are replaced"
    said = R.ask_rewrite(
        "45 percent of the founder equity for you", None, "", [], reason="x", verb="I can offer"
    )
    assert said is None or said.startswith("I can offer you 45 percent")


def test_after_an_opening_their_figure_is_asked_about_and_hardship_is_not_probed() -> None:
    email = Turn(role="counterpart", text="Hi. You've seen my email, so you know why we're here.")
    said = R.open_rewrite(
        "Hi Helen. 20% is it? No wiggle room?", email.text, [], [], latest=email, opening=True
    )
    assert said == "How did you land on 20%?"
    loss = Turn(
        role="counterpart",
        text="I lost the whole investment, and my partners still ask me about it.",
        disclosures=[Disclosure(item_id="cash", text="I lost the whole investment.")],
    )
    assert "lost" not in (R.open_rewrite("Is 15 fine?", loss.text, [], [], latest=loss) or "")


def test_a_sharper_question_than_a_stock_one_is_kept() -> None:
    from simulator.evaluation import dimensions as D

    for kept in [
        "How late are we talking, like a few days?",
        "its 10 weeks would it help if they started later",
        "and if we do that, sept 15 is locked?",
        "That must be frustrating. Is there something behind this?",
    ]:
        assert D._SHARP.search(kept), kept
    assert not D._SHARP.search("So is that a no?")
    assert not R._ASK_ME.search("I lost the whole investment, and my partners still ask me about it.")
    assert R._ASK_ME.search("You're asking the wrong thing. Ask me why I haven't filled the role.")


def test_a_benefit_ask_is_only_built_on_terms_the_original_put_forward() -> None:
    from simulator.evaluation import dimensions as D
    from simulator.evaluation.review import TurnFacts

    def fact(text: str) -> TurnFacts:
        return TurnFacts(n=1, text=text, context="", label=label_turn(text, ""), flags=[], effect="")

    assert not D._names_terms(fact("Thursday at 2, I'll book the room."), [])
    assert D._names_terms(fact("fair enough. I can do 55/45"), [])
    assert D._names_terms(fact("so split it. $15.75, net 30."), [])
    assert D._drops_something(fact("ok. 3 month forecast, can u guarantee sept then"), [], [])


# Round 3 of the rewrite review: generic probes that ignored the moment, a jump to another subject, ground covered
# again. Each open-question rewrite now asks what the user wanted to know, in a form that invites more.

STOCK = (
    "How are things looking from your side?",
    "What are you seeing on your side?",
    "What would need to change for it to work for you?",
)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("yeah. can u guarantee sept 15", "What would it take for you to guarantee sept 15?"),
        (
            "the night lead job. its been open since october. are you ever going to fill it",
            "What would it take for you to fill the night lead job?",
        ),
        ("Was there a time you could not follow on?", "Tell me about a time you could not follow on."),
        ("has that happened to u?", "Tell me about a time that happened to you."),
        ("is the freeze final", "Can you walk me through the freeze and what it depends on?"),
        ("Is 16.80 final?", "How did you land on 16.80?"),
        ("who's the other agency", "What can you tell me about the other agency?"),
        (
            "Can you make an exception tho, I've been here 5 years",
            "What would it take for you to make an exception?",
        ),
        ("Neither does doing nothing. Will you sign or not?", "What would it take for you to sign?"),
        (
            "can you just sign if we keep the noise down?",
            "What would it take for you to sign?",
        ),  # not the offer too
        (
            "unreal. is there ANY way this happens before july or not",
            "What would it take for this to happen before July?",
        ),
        ("is there ANY way this happens", "What would it take for this to happen?"),
    ],
)
def test_the_users_own_closed_question_asked_open(original: str, expected: str) -> None:
    said = R.open_version(original)
    assert said and said[0] == expected
    assert "open_question" in label_turn(expected, "").moves


def test_no_open_version_that_loses_the_sense_of_the_question() -> None:
    # A yes/no on someone's honesty, "who's it from", a bare "it": no template that would garble them.
    for original in [
        "can you honestly say we did anything wrong?",
        "who's the other offer from?",
        "would you sign that?",
        "do you disagree",
        # a polite request to explain is already open: no "What would it take for you to kindly explain"
        "Could you kindly explain how you arrived at the valuation?",
        "can you walk me through it?",
    ]:
        assert R.open_version(original) == [], original


def test_a_play_back_leaves_their_doubt_about_us_out() -> None:
    # "the team you say you're going to build" said back by the founder is not "the team I say I'm going to build"
    said = R.said_back(["Your option pool is too small for the team you say you're going to build"])
    assert said == "my option pool is too small for the team I'm going to build"


def test_after_an_opening_the_rewrite_keeps_what_the_user_came_to_ask() -> None:
    cases = [
        (
            "Come in. You've got 30 minutes. What's on your mind?",
            "the night lead job. its been open since october. are you ever going to fill it",
            "What would it take for you to fill the night lead job?",
        ),
        (
            "Rebecca. I've got 45 minutes. You've read the term sheet, so go.",
            "Honestly? It's insulting. Ten million for the company is a lowball, and I think you know it.",
            "How did you land on ten million?",
        ),
        (
            "Hi. I ordered you the usual. So, the lawyer's draft.",
            "Hey. Are you seriously asking for 50/50?",
            "How did you land on 50/50?",
        ),
        (
            "Vogel. Yes, I know why you're calling.",
            "Yes. Are you going to hit 15 Sept or not?",
            "What would it take for you to hit 15 Sept?",
        ),
        (
            "Hi. Thanks for making time. You've seen my email, so you know why we're here.",
            "Helen, after two years, this is how you treat us? An email with a number?",
            "Can you walk me through the thinking behind your email?",
        ),
    ]
    for line, original, expected in cases:
        opening = Turn(role="counterpart", text=line)
        said = R.open_rewrite(original, line, [], [], latest=opening, opening=True)
        assert said == expected, (original, said)


def test_the_why_of_an_opened_question_says_it_keeps_what_the_user_wanted_to_know() -> None:
    card = _card(("Would you consider me for the role?", Turn(role="counterpart", text="I couldn't say.")))
    rewrite = _rewrite(card, "open_questions")
    assert (
        rewrite is not None
        and rewrite.suggestion == "What would it take for you to consider me for the role?"
    )
    assert "keeps what you wanted to know" in rewrite.why


def test_a_hedge_or_a_short_no_gets_the_users_question_asked_open_not_a_vague_probe() -> None:
    for line, original, expected in [
        (
            "I can't say yes or no to that.",
            "Understood. Would you consider me for it, given I ran nights for six weeks in the autumn?",
            "What would it take for you to consider me for it, given I ran nights for six weeks in the autumn?",
        ),
        (
            "Can't complain, nobody listens anyway. Your shipments, then.",
            "yeah. can u guarantee sept 15",
            "What would it take for you to guarantee sept 15?",
        ),
        ("I couldn't say.", "Right. So would you actually switch?", "What would it take for you to switch?"),
        ("Depends.", "would you sign that?", "What does it depend on?"),
    ]:
        said = R.open_rewrite(original, line, [], [], latest=Turn(role="counterpart", text=line))
        assert said == expected, (line, said)
    # A bare "Maybe." with no question to open: what is behind it, never a probe about nothing in particular.
    maybe = Turn(role="counterpart", text="Maybe.")
    assert R.open_rewrite("ok", maybe.text, [], [], latest=maybe) not in STOCK


def test_a_question_they_already_answered_is_not_asked_again() -> None:
    rounds = ConcernInfo(
        id="pro_rata",
        title="Pro-rata rights in future rounds",
        keywords=["pro-rata", "follow on"],
        layers_total=2,
        layers_disclosed=1,
        opened_by="What matters to you about future rounds?",
    )
    answer = Turn(
        role="counterpart",
        text="Straight answer: If this works, I want to be able to put more money in at the next round.",
    )
    said = R.open_rewrite(
        "Was there a time you could not follow on?",
        answer.text,
        [rounds],
        [],
        known=["pro_rata"],
        latest=answer,
        old=answer.text,
    )
    assert said == "Tell me about a time you could not follow on."


def test_a_turn_that_owns_up_is_kept_and_sympathy_is_not_owning_up() -> None:
    assert R.owns_up("I'm here because we should have come round a long time ago, and we didn't.")
    assert R.owns_up("I'm really sorry, that one's on me. Have you had to sort this out before?")
    assert not R.owns_up("a notice on a lamp post. thats awful, im sorry")
    assert not R.owns_up("right. but that's not really my fault though?")
    opening = Turn(role="counterpart", text="So, you got my email about the new prices.")
    card = score_transcript(
        Transcript(
            turns=[
                opening,
                Turn(role="user", text="Thanks for seeing me. We should have paid on time, and we didn't."),
                Turn(role="counterpart", text="Go on."),
                Turn(role="user", text="is 16.80 final"),
                Turn(role="counterpart", text="It is."),
            ],
            concerns=[CASH, LATE],
        )
    )
    for dim in card.dimensions:
        assert dim.rewrite is None or dim.rewrite.turn != 1, (
            dim.key
        )  # the apology is worth more than any question


def test_no_playback_of_our_own_conduct_of_what_they_just_confirmed_or_of_their_hedge() -> None:
    promised = Turn(
        role="counterpart",
        text="This is harder to say. Last month you promised the pilot a reporting "
        "feature without asking me. I found out from their office manager.",
        disclosures=[
            Disclosure(
                item_id="cash",
                text="Last month you promised the pilot a reporting feature without asking me.",
            )
        ],
    )
    assert (
        R.summary_rewrite(promised.disclosures, promised.text, latest=promised) is None
    )  # owned, not "Is that right?"
    importer = Turn(
        role="counterpart",
        text="You've got it. My importer raised my contract price by about 30 percent. "
        "At $14.20 I'm roasting your blend at close to break-even.",
        disclosures=[
            Disclosure(
                item_id="cash",
                text="My importer raised my contract price by about 30 "
                "percent. At $14.20 I'm roasting your blend at close to break-even.",
            )
        ],
    )
    assert R.confirms(importer.text)
    assert R.summary_rewrite(importer.disclosures, importer.text, latest=importer) is not None
    assert (
        R.summary_rewrite(
            importer.disclosures,
            importer.text,
            latest=importer,
            confirmed="so ur break even on us at 14.20 bc the importer jacked it 30ish %",
        )
        is None
    )
    cup = Turn(
        role="counterpart",
        text="Yes, that's right. Most of your customers have no idea my coffee is in their "
        "cup, and that bothers me more than it should.",
        disclosures=[
            Disclosure(
                item_id="cash",
                text="Most of your customers have no idea my coffee is in "
                "their cup, and that bothers me more than it should.",
            )
        ],
    )
    said = R.summary_rewrite(cup.disclosures, cup.text, latest=cup)
    assert said is not None and "more than it should" not in said and "bothers you" in said


def test_after_an_opening_that_names_the_subject_the_concern_asked_about_bears_on_it(library) -> None:
    from simulator.reading import concern_infos

    persona = library.get("landlord-renewal")
    opening = Turn(
        role="counterpart",
        text="Hello, dear. Oh, that smells wonderful. So, you wanted to talk about the lease.",
        move="open",
    )
    card = score_transcript(
        Transcript(
            turns=[
                opening,
                _user("Of course Gloria, it's on the house. Try the almond croissant."),
                Turn(role="counterpart", text="Lovely, thank you."),
            ],
            concerns=concern_infos(persona),
            persona_id=persona.id,
            issues=persona.issues,
        )
    )
    rewrite = _rewrite(card, "concerns_uncovered")
    assert rewrite is not None and rewrite.turn == 1
    assert (
        "upstairs" not in rewrite.suggestion
    )  # nobody mentioned the neighbours: a question on the lease's subject
    assert "building" in rewrite.suggestion


def test_after_a_clash_no_fresh_subject_and_a_rebuke_about_threats_gets_a_repair() -> None:
    assert R.rebuked(
        Turn(
            role="counterpart", text="I've roasted for you for 4 years. Threats aren't how we've done things."
        )
    )
    assert R.rebuked(
        Turn(
            role="counterpart", text="I don't think that was necessary. I'm trying to keep this professional."
        )
    )
    assert not R.rebuked(Turn(role="counterpart", text="That was necessary work on the roof."))
    turns = [
        Turn(role="counterpart", text="So, you got my email about the new prices."),
        Turn(role="user", text="whatever. 4400, 1 year. thats my number"),
        Turn(role="counterpart", text="I won't be spoken to like that, dear. Not in my own building."),
        Turn(role="user", text="thats not my problem, thats yours"),
        Turn(role="counterpart", text="Yes, I hear you. Carry on."),
        Turn(role="user", text="sign at 4400 or I'm calling a lawyer"),
        Turn(role="counterpart", text="No."),
    ]
    card = score_transcript(Transcript(turns=turns, concerns=[CASH, LATE]))
    rewrite = _rewrite(card, "concerns_uncovered")
    assert rewrite is None or rewrite.turn == 1
