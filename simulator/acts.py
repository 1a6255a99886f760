"""Detectors for the acts a part of a turn can be beyond questions, summaries and asks: small talk, thanks,
insults, acceptance, rejection, another language, text that cannot be read."""

from __future__ import annotations

import re
import unicodedata

from simulator.evaluation.text import LAWYER_THREAT, STOPWORDS, normalise, words

GREETING = re.compile(
    r"^\W*(?:hi+|hello+|hey+|hiya|howdy|yo|morning|afternoon|evening|good (?:morning|afternoon|evening|to see you|day)|"
    r"nice to (?:see|meet) you|great to (?:see|meet) you|pleased to meet you|"
    r"thanks? (?:you )?(?:so much )?for (?:meeting|seeing|having|making (?:the )?time|coming|taking the time|the coffee|the tea)|"
    r"how are (?:you|things)(?!\s+(?!doing\b)\w+ing\b)|how's it going|how(?: have|'ve|’ve|ve| has|'s|s) (?:you|u|ya|things?|life|it) been|how (?:you|u|ya) been|how you doing|how ya doing|how r you)\b[\w ,'!]*?(?:[.!?,]|$)",
)
_SMALL_TALK = re.compile(
    r"\b(?:weather|raining|rain|sunny|sunshine|cold out|hot out|freezing|snow|snowing|weekend|holidays?|vacation|traffic|"
    r"how (?:were|was) (?:the|your|ur) (?:holidays?|break|christmas|summer|trip|time off)|"
    r"(?:anywhere|somewhere|a place|places?) (?:\w+ )?(?:to eat|for lunch|for coffee|to grab)|"
    r"commute|parking|football|match last night|the game|chilly|this arvo|cricket|footy|rugby|the ashes|kids|family doing|smells? (?:great|amazing|wonderful|good|lovely)|"
    r"lovely (?:place|garden|office|shop|day)|nice (?:place|office|shop|garden|day|view|to be here)|"
    r"(?:the )?coffee is (?:great|good|lovely|amazing)|great coffee|love (?:the|your) (?:place|shop|garden|office|coffee)|"
    r"how was your|busy (?:week|day|morning)|long (?:week|day)|croissants?|cake|biscuits?|"
    r"how(?:'s| is| has) (?:your|the) (?:week|day|morning|weekend|family|holiday|trip|summer)|"
    r"how(?:'s| is| are) (?:\w+ )?(?:treating you|the kids|things at home)|treating (?:you|ya|u)\b|"
    r"(?:gorgeous|beautiful|lovely|stunning|cute|nice) (?:garden|roses|flowers|dog|cat|place|shop|view|kitchen|office)|"
    r"on the house|(?:huge|big) fan|running late|a bit early|sorry i'm late|the bus|the train|my car|"
    r"happy (?:monday|friday|new year)|did you see the|cold today|hot today|nice day|"
    # how their week or their floor is, a line that dropped: "how was the rest of your week?", "hows things on
    # the floor? loud as ever?", "how was the tournament on saturday?", "can you hear me ok?"
    r"how (?:was|is|has been) the rest of (?:your|ur|the) \w+|"
    r"how(?:'s|s| is| are) (?:things|everything|life|the (?:factory|floor|shop|roastery|bakery|office|team|building)"
    r"(?: today| this morning)?)(?: going| today| these days| lately| on the floor| at the \w+| over there| there|"
    r" (?:at|on) (?:your|ur) (?:end|side))?(?=\s*[?,.!]|\s*$)|"
    r"how (?:was|did) the (?:\w+ ){0,2}(?:on )?(?:saturday|sunday|weekend|last night|yesterday)|"
    r"how was the (?:drive|trip|flight|journey|ride|tournament|match|game|wedding|party|conference)|"
    r"loud as ever|can (?:you|u) hear me|(?:wifi|wi-fi|signal|camera|mic|connection|line) (?:is|keeps|'s|being)\b|"
    r"(?:gorgeous|beautiful|lovely|stunning) (?:hallway|house|home|street|building|roastery|bakery)|"
    # their life outside this: "hows the bouldering going", "still going to that gym?", "hows the new puppy"
    # (not their side of the deal: "hows the search going", "how's the fundraise going", "how's business going")
    r"how(?:'s|s| is| are) (?:the|your|ur) (?:new )?(?!(?:search|hunt|process|hiring|round|raise|fundraise|fundraising|"
    r"launch|renewal|build|project|deal|talks|order|production|sales|business|budget|review|quarter|plan|interviews?|"
    r"offers?|move|extension|lease)\b)\w+ (?:going|getting on|coming along)(?=\s*[?,.!]|\s*$)|"
    r"(?:gym|bouldering|climbing|yoga|golf|tennis|marathon|allotment|choir|puppy|new baby|grandkids|grandchildren)|"
    # "Good game Saturday? Saw on the group chat your daughter's team won."
    r"(?:good|great|big) (?:game|match|race)|(?:team|side) won|group chat|"
    r"(?:daughter|son|kid|kids|boy|girl)'?s? (?:team|game|match|recital|birthday|school play|graduation)|"
    # where they are and how the day is going, and the next coffee: "gotta run", "sorry im in a cab", "on two hours
    # sleep", "the flat white's on me", "ill get the coffees", "small world", "welcome aboard"
    # (leaving, not "I need to run that past my partner")
    r"(?:gotta|got to|have to|need to) (?:run|dash|shoot)(?=\s*(?:[,.!;:)]|$|lol|haha|sorry|now\b|soon\b|to\b|in\b))|"
    r"in a (?:cab|taxi|uber)|between (?:mtgs|meetings|calls)|"
    r"out of breath|hours(?:'s|s)? (?:of )?sleep|"
    r"(?:coffee|coffees|flat white|cappuccino|latte|bun|buns|lunch|drinks?|next one|next round)(?:'s|s| is| are)? on me|"
    r"(?:i'?ll|ill|let me) (?:get|grab|buy) (?:the |us )?(?:coffees?|lunch|drinks|a round|the next one)|"
    r"small world|welcome aboard|"
    # "bun for the road?", "take a couple of croissants for the road": a parting gift
    r"(?:buns?|biscuits?|cakes?|croissants?|pastr(?:y|ies)|cookies?|coffees?|teas?|shots?|one|slices?) for the road)\b"
)
# Hospitality and a word of praise for something new of theirs: small talk even where the thing is in the persona's
# own vocabulary ("want a coffee?" to a roaster, "love the new sign outside" to a manager who signs off raises).
HOSPITALITY = re.compile(
    r"^\W*(?:(?:oh|hey|hi|so|ok|and|here)\W+)?(?:(?:do )?(?:you |u )?(?:want|fancy|like|grab|have) (?:a |some |another )?"
    r"(?:coffee|tea|cuppa|bun|biscuit|water|glass of water|drink|croissant|pastry|slice)|"
    # "more buns?", "another coffee?": more of what is on the table
    r"(?:more|another|top up|refill)(?: \w+)? (?:buns?|biscuits?|coffee|tea|cake|croissants?|pastr(?:y|ies)|cookies?)(?=\s*\?)|"
    r"can i (?:get|make|bring|offer) (?:you|u) (?:a |some |anything|something)|(?:a |another )?(?:coffee|tea|cuppa|"
    r"flat white|latte|cappuccino|espresso|americano|cortado|mocha|chai)(?=\s*\?)|"
    # "Flat white ok? I got you the usual."
    r"(?:a |another |your )?(?:flat white|latte|cappuccino|espresso|americano|cortado|mocha|chai|coffee|tea|cuppa)"
    r"(?= (?:ok|okay|alright|all right|for you|good)\s*\?)|"
    # "I'll make it if you like", "I'll put the kettle on", "let me grab you a coffee"
    r"(?:i'll|i will|let me) (?:make|pour|grab|get|fetch|put) (?:it|one|you one|u one|you a \w+|u a \w+|the kettle on|"
    r"us (?:a |some )?\w+)(?: (?:for you|for u|if you like|if u like|if you want|if u want))?\W*$|"
    r"(?:i )?(?:love|like) (?:the|your) new \w+(?: \w+)?|(?:nice|great|cool|lovely) new \w+)\b",
    re.I,
)
_ACK_WORD = (
    r"(?:ok(?:ay)?|k|kk|right|alright|sure|cool|great|fine|good|nice|noted|understood|got it|gotcha|i see|i hear you|"
    r"fair(?: enough)?|true|makes sense|that makes (?:a lot of |total )?sense|that's fair|that's helpful|that helps|"
    r"good to know|that's good to (?:know|hear)|interesting|wow|oh|ah|hm+|mm+|huh|oof|ouch|phew|yes+|yeah|yea|ya|yay|yep|yup|no worries|of course|"
    r"(?:yes )?(?:please|pls|plz)|"
    r"thanks?|thank you|thank u|thx|ty|tyvm|cheers|gracias|danke|merci|grazie|obrigad[oa]|much appreciated|"
    r"appreciate (?:it|that)|i appreciate (?:it|that|this)|lol|haha|ha|oh wow|wow ok|i had no idea|"
    r"that's (?:really )?(?:helpful|useful|interesting|really useful|really helpful)|sorry|my bad|apologies|"
    r"i understand|understood|will do|noted|got your (?:email|message|note|letter|text)|fair point|good point)"
)
_THANKS = re.compile(rf"^\W*(?:{_ACK_WORD}\b[\s,.!?;:-]*)+(?:\w+[\s.!]*)?$")  # ("kdjfh" is no "k")
_THANKS_FOR = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|and|oh|well|yes|right)[\s,]+)?(?:thanks?|thank you|thank u|thx|ty|cheers|i appreciate|"
    r"(?:i |we )?(?:really )?appreciate (?:you|that|it|this|the)|much appreciated|that's (?:good|great|helpful) to (?:know|hear)|"
    r"good to (?:know|hear)|i (?:did )?get (?:it|that|your))\b"
)
_ASKS_AFTER = re.compile(r",\s*(?:(?:but|and|so)\s+)?(?:what|how|why)(?:'s|\s+(?:is|are|was|do|does|did))\b")
_SNEER_TEXT = (
    r"\b(?:(?:thanks|thank you|thx|ty) for nothing|(?:taking|take|takes|took) it out on (?:us|me))\b|\b(?:ur|your) loss\W*$|"
    # the sceptic's sneer: "oldest trick in the book", "thats what every supplier says when they want more money"
    r"\boldest trick\b|\b(?:that'?s|thats|its|it's) what (?:every|all(?: the)?) \w+ says?\b|"
    r"\b(?:that'?s|thats) what (?:everyone|everybody|they all) says\b|"
    # "are u trying to rip us off", "you're overreacting", "thats ur problem", "it's always someone else's fault"
    r"\b(?:(?:trying to|tryna|want to|wanna) rip (?:us|me) off|(?:you|u)(?:'re| are| r|re)? ripping (?:us|me) off|"
    r"(?<!not )(?<!don't think )(?<!dont think )(?:you|u)(?:'re| are| r|re) (?:(?!not\b)\w+ )?(?:overreacting|being (?:dramatic|"
    r"hysterical|precious)|so dramatic|too sensitive)|"
    r"(?<!is )(?:that'?s|thats|that is) (?:ur|your|yr) (?:problem|lookout)(?! with)(?!\s*\?)|"
    r"always (?:someone|somebody|something) else(?:'?s fault| with (?:you|u)))\b"
)
_INSULT = re.compile(
    r"\b(?:idiot|moron|muppet|stupid|dumb|clown|fool|imbecile|incompetent|useless|pathetic|greedy|crook|thief|liar|"
    r"(?:a bit |so |very |really )?(?:ungrateful|ingrateful|ingrate)|"
    r"con ?man|scam(?:mer)?|rip-?off artist|shark|leech|bloodsucker|dinosaur|jerk|loser|bully|"
    r"shut up|get lost|piss off|screw you|go to hell|bloody hell|wtf|f+u+c+k\w*|shit\w*|crap|bullshit|bs\b|"
    r"are you (?:insane|crazy|mad)|(?:you|u)(?:'re| are|(?: guys| people| lot| lads) (?:are|r))(?: (?:such|honestly|literally|"
    r"just))? (?:a |an |being )?(?:joke|joking|clown|"
    r"crazy|insane|mad|delusional|ridiculous|unbelievable|greedy|useless|hopeless|impossible|unreasonable|selfish)|"
    r"(?:your|ur|this) (?:plant|company|firm|shop|place|business|operation|outfit|agency|fund|team) (?:is|'s) (?:a |an )?"
    r"(?:mess|joke|shambles|disaster|circus|clown show|dump)|"
    r"what a joke|you people|get real|(?<!did you )(?<!did u )grow up(?!\s+(?:round|around|here|in|there|near|nearby|with))|give me a break|yeah right|"
    # "kind of insulting after 5 yrs tbh": how it landed on them, said with a hedge, is no insult of theirs
    r"(?<!kind of )(?<!kinda )(?<!a bit )(?<!a little )(?<!felt )(?<!feels )insulting|an insult|daylight robbery|"
    r"highway robbery|taking the piss|taking me for a ride|robbing me|"
    # exasperation and contempt as texted: "one day. jfc", "that's paranoid", "nickel and diming us", "in a world
    # where you actually read them", "a reading problem not a value problem", "Lord have mercy"
    r"jfc|ffs|(?:that's|thats|you're|youre|ur|you are|being) (?:just )?paranoid|nickel(?:-| and |-and-)dim\w*|"
    r"(?:you|u)(?: guys| people| lot)? even (?:read|bother)|(?<!have )(?:you|u)(?: guys| people| lot)? actually (?:read|bother)|(?:you|u)(?: guys| people| lot)? even (?:own|know how|"
    r"care)|a reading problem|"
    r"lord have mercy|give me strength)\b"
    # a parting sneer and a blame: "thx for nothing", "you're taking it out on us"
    rf"|{_SNEER_TEXT}"
)
# the sneers above that no reading of the rest of the part turns into something kinder
SNEER = re.compile(_SNEER_TEXT)
_ACCEPT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k|alright|fine|right|great|good|yes|yeah|yep|yup|sure|perfect|excellent|brilliant|lovely|cool|"
    r"nice|awesome|sweet|super|wonderful|amazing|fantastic)[\s,.!-]*)*"
    r"(?:(?:it's a |you've got a |you have a |we have a |we've got a |that's a |then )?deal\b|a deal'?s a deal\b|agreed\b|done\b|"
    r"(?:i'm |im |we're )?on it\W*$|"
    r"(?:that|this|it) (?:works|sounds (?:good|fair|great|fine|reasonable)|is fine|is fair|is acceptable|'s fine|'s fair)|"
    r"(?:that|this|it)'s (?:a deal|acceptable|workable)|(?:the \w+|\w+)'s (?:all )?yours\b|"
    r"(?:fine|good|ok(?:ay)?|alright|all good) (?:by|with) (?:me|us)\b|works for us\b|"
    r"(?:we|i) can (?:do|live with|work with) (?:that|this|those terms)(?=\W*$|\W+(?:then|thanks|thank|deal|ok|okay)\b)|"
    r"(?:that|this|it)'?s (?:fine|fair|good|great|reasonable)(?=\W*$|\W+(?:thanks|thank|let's|deal|ok|okay|then|go)\b)|works for me|sounds good|i can live with (?:that|it|this)|"
    r"i(?:'ll| will| can| could) (?:accept|take|agree to|go with|do|live with|sign) (?:that|it|this|those terms)|"
    r"i accept|we accept|let'?s do (?:it|that|this)|let's go with (?:that|it|this)|let's shake on it|shake on it|"
    r"sign me up|you've got yourself a deal|count me in|i'm in|we're good|happy with that|happy to go with that|"
    r"i agree|we agree|yes,? (?:to|on) (?:that|all of that|those terms)|yes,? to (?:a|an|the) \w)"
)
_ACCEPT_SHORT = re.compile(
    r"^\W*(?:ok(?:ay)?|k|yes|yeah|yep|sure|fine|alright|perfect|brilliant|excellent|wonderful|bet|say less)\W*$"
    r"|^[\s.!]*(?:\U0001F44D|\U0001F44C|\U0001F91D)[\W]*$"  # a thumbs up, an ok hand, a handshake
)
_REJECT = re.compile(
    r"\b(?:is a no|that's a no|not happening|isn't happening|no can do|too low|too high|^no\W*$|\?+ no\b|"
    r"no deal|no way|not (?:a )?chance|that(?:'s not| is not| isn't| does not| doesn't| won't| will not| wont| can't| cannot)"
    r" (?:work|going to work|be acceptable|acceptable|possible|happen)|(?:doesn't|does not|won't|wont|will not|can't|cannot)"
    r" work for (?:me|us)|(?:i )?can(?:'t|not) (?:do|accept|agree to|go (?:to|that high|that low)|afford|take) "
    r"(?:that|it|this|those|\$?\d)|"
    r"i (?:won't|will not|can't) (?:accept|agree)|too (?:high|much|expensive|steep|low|little)|not acceptable|unacceptable|"
    r"not good enough|i'll pass|no,? thanks|no,? thank you|that's a no|i have to say no|i'm going to say no|"
    r"not at that (?:price|number|rate)|"
    # "15.80 is still more than i can do", "im not signing 16.80"
    r"(?:more than|over|above|beyond) what (?:i|we) can|more than (?:i|we) can (?:do|pay|afford|swing|manage)|"
    r"(?:i'm|im|i am|we're|we are) not (?:signing|paying|accepting|agreeing to)|"
    # "yo 16.80 is nuts", "20% is insane": the figure on the table laughed off
    r"(?:\d+(?:\.\d+)?(?:%|k)?|percent|price|number|rent|rate|offer)\W*(?:is|was|'s|s|sounds|seems) (?:(?:just|frankly|honestly|kinda|"
    r"kind of|a bit|so|totally) )?(?:nuts|crazy|insane|ridiculous|absurd|outrageous|bonkers|laughable|a joke))\b|"
    # "20% is a non starter", "16.80?? u having a laugh", "50/50 is a bridge too far"
    r"\b(?:(?:is|'s|s) (?:a |just )?(?:non[- ]?starter|bridge too far)|(?:are |r )?(?:you|u)(?:'re| are| r)? having a laugh)\b|"
    # "20 percent is not possible for us", "16.80 is not realistic", "net 15 is impossible for me in january"
    r"(?:\d(?:[\d.,]*\d)?\s*(?:%|k\b|percent\b|days?\b|months?\b)?|\b(?:percent|price|number|rent|rate|offer|discount))\s*"
    r"(?:is|'s|s|are)\s+(?:just |simply |really |honestly |totally |completely )?"
    r"(?:not (?:possible|doable|realistic|feasible|acceptable|workable|an option|on the table)|impossible|out of the question)\b"
)
# Function words of other languages that are not English words (a turn made of them is not in English).
_FOREIGN_WORDS = frozenset(
    [
        # greetings typed in passing: "guten morgen dieter! wie gehts?", "buenos días", "alles gut?"
        "guten",
        "morgen",
        "gehts",
        "alles",
        "buenos",
        "buenas",
        "días",
        "dias",
        "tardes",
        "bonjour",
        "que",
        "qué",
        "por",
        "porque",
        "pero",
        "para",
        "como",
        "cómo",
        "usted",
        "ustedes",
        "está",
        "estás",
        "estamos",
        "somos",
        "tengo",
        "tiene",
        "tienen",
        "puedo",
        "puede",
        "podemos",
        "quiero",
        "hola",
        "hablas",
        "habla",
        "hablo",
        "español",
        "gracias",
        "señor",
        "señora",
        "precio",
        "muy",
        "bien",
        "dónde",
        "cuánto",
        "cuanto",
        "también",
        "nosotros",
        "ellos",
        "ella",
        "el",
        "los",
        "las",
        "una",
        "unos",
        "del",
        "al",
        "es",
        "son",
        "hay",
        "con",
        "sin",
        "más",
        "menos",
        "mucho",
        "poco",
        "entonces",
        "ahora",
        "hablar",
        "habla",
        "je",
        "tu",
        "il",
        "nous",
        "vous",
        "ils",
        "elle",
        "est",
        "sont",
        "suis",
        "avons",
        "avez",
        "ont",
        "pas",
        "ne",
        "oui",
        "non",
        "merci",
        "bonjour",
        "pourquoi",
        "combien",
        "avec",
        "sans",
        "mais",
        "très",
        "bien",
        "votre",
        "vos",
        "notre",
        "nos",
        "leur",
        "aussi",
        "alors",
        "maintenant",
        "parler",
        "parlez",
        "c'est",
        "qu'est",
        "ce",
        "cette",
        "ces",
        "des",
        "du",
        "au",
        "aux",
        "le",
        "les",
        "ich",
        "du",
        "er",
        "sie",
        "wir",
        "ihr",
        "nicht",
        "und",
        "oder",
        "aber",
        "mit",
        "ohne",
        "für",
        "warum",
        "wieso",
        "wie",
        "viel",
        "danke",
        "bitte",
        "ja",
        "nein",
        "das",
        "der",
        "die",
        "ist",
        "sind",
        "bin",
        "haben",
        "hat",
        "können",
        "könnten",
        "kann",
        "sprechen",
        "sprichst",
        "sprechen",
        "wir",
        "uns",
        "euch",
        "ihnen",
        "mein",
        "meine",
        "unser",
        "unsere",
        "ciao",
        "grazie",
        "perché",
        "sono",
        "siamo",
        "siete",
        "hanno",
        "anche",
        "molto",
        "bene",
        "quanto",
        "voi",
        "lei",
        "noi",
        "la",
        "de",
        "mon",
        "ma",
        "mes",
        "un",
        "et",
        "à",
        "en",
        "dans",
        "sur",
        "y",
        "o",
        "pues",
        "vale",
        "también",
        "ahora",
        "tú",
        "yo",
        "mi",
        "mí",
        "te",
        "nos",
        "ese",
        "esa",
        "esto",
        "eso",
        "wie",
        "geht's",
        "tal",
        "gut",
        "sehr",
        "wenn",
        "ich",
        "jemanden",
        "anlerne",
        "dann",
        "auch",
        "noch",
        "schon",
        "immer",
        "nur",
        "obrigado",
        "obrigada",
        "você",
        "vocês",
        "não",
        "sim",
        "muito",
        "también",
        # more of the commonest words of each language, so a short line reads as what it is
        "lo",
        "le",
        "les",
        "su",
        "sus",
        "este",
        "esta",
        "estos",
        "fue",
        "era",
        "ser",
        "estar",
        "todo",
        "nada",
        "algo",
        "perdón",
        "perdona",
        "perdone",
        "verdad",
        "sabía",
        "sé",
        "creo",
        "entiendo",
        "vamos",
        "bueno",
        "claro",
        "siento",
        "von",
        "mir",
        "dir",
        "mich",
        "dich",
        "ein",
        "eine",
        "einen",
        "dem",
        "den",
        "zu",
        "auf",
        "aus",
        "bei",
        "nach",
        "jetzt",
        "mal",
        "doch",
        "ehrlich",
        "dumm",
        "geschafft",
        "genau",
        "leider",
        "stimmt",
        "natürlich",
        "vielleicht",
        "gerne",
        "entschuldigung",
        "tut",
        "leid",
        "désolé",
        "désolée",
        "vraiment",
        "d'accord",
        "c'était",
        "était",
        "pour",
        "qui",
        "quoi",
        "sais",
        "pense",
        "beaucoup",
        "tout",
        "rien",
        "scusa",
        "scusi",
        "davvero",
        "è",
    ]
)
# Italian and German ones a rehearsal met: "mamma mia, questi biscotti sono buonissimi", "Wie war euer Wochenende?"
_FOREIGN_WORDS |= frozenset(
    [
        # French asked in passing: "je peux vous demander quelle hauteur serait acceptable?"
        "peux",
        "pouvez",
        "demander",
        "quelle",
        "quel",
        "serait",
        "voulez",
        "voudrais",
        "questi",
        "questo",
        "questa",
        "queste",
        "mia",
        "mio",
        "miei",
        "tutto",
        "tutti",
        "prego",
        "sei",
        "buono",
        "buona",
        "euer",
        "eure",
        "hab",
        "habe",
        "gleich",
        "dein",
        "deine",
    ]
)
_ENGLISH_COMMON = frozenset(
    [
        "price",
        "cost",
        "pay",
        "rent",
        "offer",
        "deal",
        "work",
        "time",
        "year",
        "month",
        "week",
        "day",
        "money",
        "contract",
        "lease",
        "team",
        "need",
        "want",
        "help",
        "agree",
        "talk",
        "understand",
        "question",
        "about",
        "number",
        "terms",
        "good",
        "bad",
        "more",
        "less",
        "much",
        "many",
        "want",
        "please",
        "yes",
        "okay",
        "sorry",
        "happy",
    ]
)
_VOWEL = re.compile(r"[aeiouy]")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")
_REPEAT = re.compile(r"(.)\1{3,}")


def greeting_prefix(text: str) -> int:
    """Length of a greeting at the start of a longer unpunctuated part ("hey tomas thx for having me whats…"), or 0."""
    low = text.lower()
    m = re.match(
        r"^\W*(?:hi+|hello+|hey+|hiya|morning|good (?:morning|afternoon|evening))\b(?:\s+[a-zá-ú]+)?\s*[,!.]?\s*"
        r"(?:(?:thanks?|thx|ty) (?:you )?(?:so much )?for (?:meeting|seeing|having|making (?:the )?time|coming|taking the time)"
        r"(?: (?:me|us|with me))?(?: today)?\s*[,!.]?\s*)?",
        low,
    )
    if not m or m.end() >= len(text.rstrip()) - 2:
        return 0
    return m.end()


# Chit-chat whatever else it names: "how was the drive back from the market this morning?" is about the drive
# "…win on saturday", "…do at the weekend", "…lose the final": when their team played, and nothing after it
_WHEN_PLAYED = (
    r"(?: (?:on|at|last|this|in) (?:the )?(?:saturday|sunday|weekend|night|match|game|final|derby|cup))?\W*$"
)
CHITCHAT = re.compile(
    r"^\W*(?:(?:and|so|oh|btw|anyway|fair|ok|hi|hey)\W+)?(?:how (?:was|were) (?:the|your|ur) (?:drive|trip|flight|journey|"
    r"ride|commute|weekend|holidays?|break|vacation)\b|"
    # "how did your daughters soccer game go btw", "how was choir on thursday?"
    r"how did (?:your|ur) (?:\w+ ){1,3}go\b|"
    r"how(?:'s|s| is| are| was| were) (?:the |your |ur )?(?:\w+[- ]){0,2}(?:training|choir|holidays|teens|kids|"
    r"marathon|recital|concert|match|game|race)\b|"
    # "cute cat whats her name", "how old is he": a pet or a child in the room
    r"what(?:'s|s| is) (?:her|his|its|the (?:cat|dog|baby)'?s?) name\b|how old (?:is|are) (?:he|she|it|they)\b|"
    # "oh nice, which one", "cool, where?": a friendly follow-up to their news
    r"(?:oh\W+)?(?:nice|cool|lovely|wow|amazing|fun|no way|oh wow)\W+(?:which (?:one|race|team|one is it)|where(?: is it)?|"
    r"when(?: is it)?|how far|how long(?: have you been)?)\W*\??\W*$|"
    # "did ur lads team win on saturday": their team
    r"(?:(?:also|totally random but|random but|random q)\W+)*(?:did|does) (?:your|ur) (?:\w+ )?(?:team|side|club|lads)"
    rf" (?:win|lose|play|get on){_WHEN_PLAYED}|"
    # "btw are you in Boston this week? heard there's a storm coming", "crazy weather huh"
    r"(?:are|r) (?:you|u) (?:in|back in|going to|off to|heading to|flying to) \w+ (?:this|next) (?:week|weekend)\b|"
    r"(?:i )?heard (?:there'?s|theres) (?:a |some )?(?:big )?(?:storm|snow|rain|heatwave|heat wave)\b|"
    r"(?:crazy|lovely|awful|terrible|nice|horrible|mad|wild) weather\b)"
)


# "did u catch the match last night?": off the subject, and the chat a person answers in a word before steering back
SPORTS_CHAT = re.compile(
    r"\b(?:did|do) (?:you|u) (?:happen to )?(?:catch|see|watch) the (?:match|game|race|final)\b|"
    # "did ur lads team win on saturday", "how did your team do at the weekend"
    r"\b(?:did|does|how did|how'?d) (?:your|ur|the) (?:\w+ )?(?:team|side|club|kids'? team|lads) (?:win|lose|do|get on|play)"
    + _WHEN_PLAYED
)


# the words a message is signed off with (reading joins them to the name on the line under them)
SIGN_OFF_WORDS = (
    r"(?:best|cheers|regards|kind regards|best regards|warm regards|warmly|all the best|talk soon|speak soon|"
    r"sincerely|yours(?: sincerely| truly)?|best wishes|take care|rgds|br|many thanks|thanks|thank you|thx|ty)"
)
# a message signed off: "Best, Tom", "Kind regards, Sam Patel", "Cheers, Tom (and Dev)"
_SIGN_OFF = re.compile(
    rf"^\W*{SIGN_OFF_WORDS}\s*,\s*"
    r"(?!(?:i|we|you|u|the|a|an|that|this|it|its|can|could|is|would|will|so|and|but|for|if|let's|lets)\b)"
    r"[^\W\d_][\w'.-]*(?:\s+[^\W\d_][\w'.-]*){0,2}\s*(?:\([^)]{0,40}\))?\W*$"
)


def is_small_talk(text: str) -> bool:
    """Pleasantries and chit-chat: greetings, the weather, the commute, the coffee, a sign-off."""
    low = normalise(text)
    if GREETING.match(low) or _SIGN_OFF.match(low):
        return True
    # ("can I have the weekend to think about it": time asked for, not the weekend chatted about)
    return bool(_SMALL_TALK.search(low) or HOSPITALITY.match(low)) and not _DEFER.search(low)


def asks_after(low: str) -> bool:
    """A wh-question after a clause, with no mark: "I get that you have to, but what's it based on"."""
    return bool(_ASKS_AFTER.search(low))


def is_thanks(text: str) -> bool:
    """Thanks or a plain acknowledgement: "thx", "ok fair.", "Thanks for being straight with me about that."."""
    low = normalise(text)
    if "?" in low or _ASKS_AFTER.search(low):
        return False  # "I get that you have to defend it, but what's it based on": the question is the point
    return bool(_THANKS.match(low)) or (bool(_THANKS_FOR.match(low)) and len(low.split()) <= 14)


APOLOGY = re.compile(
    r"\b(?:sorry|apologi[sz]e|didn't mean|out of line|my bad|my fault|i was wrong|that was (?:a )?(?:stupid|dumb|rude)|"
    r"(?:that|it) was on me|"
    r"came out wrong|(?:was|is) (?:a bit|a little|bit|too) (?:much|harsh|strong))\b"
)
_DISMISSIVE = re.compile(r"^\W*(?:(?:ok(?:ay)?|fine|yeah|sure)\W+)?(?:who cares|so what|big deal)\W*$")


# Sarcasm that says so in so many words (irony in general needs the context a reader has).
_SARCASM = re.compile(
    r"\b(?:feeling the love|thanks for nothing|nice try|how generous|so generous|must be nice|real mature|"
    r"real professional|what a surprise|big surprise|shocker|classic \w+ move|how convenient|touchy|cry me a river|"
    r"spare me|(?:i|we) should be (?:grateful|thankful)|thanks for the favou?r|what a (?:damning|great) (?:record|partnership)|"
    r"great partnership|some partnership|really motivating|so motivating|(?:don't|stop) be(?:ing)? (?:so )?dramatic|"
    r"(?:a )?bit dramatic|you want everything|bandit|has (?:a )?better \w+ than (?:you|your))\b"
    r"|^\W*(?:oh\W+)?(?:how )?(?:convenient|typical|unreal|classic)\W*$|\bwant\W+blood\b|^\W*thanks a lot\W*$"
    # forms of sarcasm rather than phrases: "nothing says loyalty like a price hike", "very partner-like of you",
    # "funny how that works", "great. that's very helpful", "wow. five years and you haven't seen enough. cool"
    r"|\bnothing says\b.{1,60}\blike\b|\bvery [\w-]+-like of you\b|\bfunny how (?:that|this|it) works\b"
    r"|\byou (?:sound|must be) (?:fun|a blast|delightful|a joy)\b|\bgreat way to (?:start|end)\b"
    # "So 165, huh. Bold.", "20% off, just like that. bold move", "85 ppl and u still cant ship on time lol"
    r"|(?:^|[.,!?]\s*)bold(?: move| opening| ask| choice)?\W*$|\bbold (?:move|opening)\b"
    r"|\b(?:and )?(?:you|u) still (?:can'?t|cannot|cant) \w+.*\b(?:lol|come on)\b"
    r"|\b(?:great|cool|wonderful|fantastic|brilliant)\W+(?:that'?s|thats) (?:very|really|super|so) helpful\b"
    # contempt in common words: "that's rich", "u guys are vultures", "unbelievable", "we're not google",
    # "lol we'll see", "don't make me regret it", "ur guys are SLOW"
    r"|\b(?:that'?s|thats|bit|a bit) rich\b|\b(?:vultures?|predatory|gouging|extortion|robbery)\b"
    r"|^\W*(?:unbelievable|unreal|incredible)\W*$|\bwe(?:'re| are|re) not (?:google|a charity|made of money)\b"
    r"|\bdon'?t make me regret\b|^\W*(?:lol\W+|yeah\W+|sure\W+)?we'?ll see\W*(?:great|lol)?\W*$"
    r"|\b(?:you|u|ur|your)(?: guys)? (?:are|r) (?:so |too |really )?slow\b"
    # praise that means its opposite, and doubt thrown at them: "wow ok. super helpful", "not exactly neighbourly",
    # "handy thing to hide behind", "is the other offer even real?", "blunt is one word for it"
    r"|^\W*(?:wow\W+)?(?:ok\W+)?(?:super|so|very|really) (?:helpful|[\w]+-friendly|generous|reasonable)\W*$"
    r"|\bnot exactly (?:neighbourly|neighborly|fair|friendly|generous|helpful|[\w]+-like)\b|\bhide behind\b"
    r"|\beven real\b|\bthat'?s (?:your|ur) excuse\b|\bis one word for it\b|\bgreat chat\b"
    # "sounds like excuses tbh", "that's just excuses", "excuses excuses"
    r"|^\W*(?:\w+\W+)?(?:sounds? like|that'?s|thats|those are|these are|it'?s|its|all|just)(?: just| all| a lot of)? excuses\b"
    r"|\bexcuses,? excuses\b"
    # "this is a joke.", "maybe penalties would make you actually care for once", "maybe if ur team opened them once in
    # a while", "you're overthinking this honestly" (a figure of theirs called a joke, "16.80 is a joke", is a no to it)
    r"|(?<!no, )(?<!no )\b(?:this is|that is|that'?s|thats|it'?s|its) (?:a |such a |an absolute |a complete |a total |"
    r"honestly a |frankly a )joke\b"
    r"|\b(?:you|u|ur|your)\b[^.?!]{0,40}\b(?:actually )?care for once\b|^\W*(?:\w+\W+)?maybe if (?:you|u|ur|your)\b"
    r"[^.?!]{0,50}\bonce in a while\b|\b(?:you'?re|youre|ur|you are) (?:\w+ )?overthinking\b"
    # what they said, brushed off: "not my problem tbh", "everything is a problem with u", "anybody can write code",
    # "I suppose I ought to be grateful", "5 years here and you 'haven't seen enough'. cool"
    r"|\b(?:not|isn'?t|is not|aint) (?:really )?(?:my|our) problem\b(?!\s+to\b|,\s+(?:the|it'?s|its)\b)|\beverything(?:'s| is) a problem\b"
    r"|\b(?:anybody|anyone) can (?:write|do|build) (?:that|it|code)\b|\bought to be (?:grateful|thankful)\b"
    r"|['‘\"][^'’\"]{3,40}['’\"]\W*(?:cool|great|nice|lovely|amazing|brilliant)\W*$"
    # "i literally led for 6 weeks. were u asleep"
    r"|\b(?:were|are) (?:you|u) (?:asleep|blind|deaf)\b|\bwhere (?:were|have) (?:you|u) been\b"
    r"|\bcool\W+good to know\b|^\W*wow\b.*\bcool\W*$|\bwhile we'?re at it\W*\??\W*$|\bwhat do (?:you|u) want me to do\b"
    # mock praise and mock questions: "so 14 machines and ur still late. amazing", "15.80 is robbery", "lol so its
    # our fault now. classic", "did u buy a yacht", "secretive much"
    r"|[.!,]\s*(?:classic|bold(?: move)?|convenient|amazing|apparently)\W*$|\bhere we go\b"
    # a guess said with a sneer ("let me guess, because of 'the anodiser'", "let me guess, some fancy new client"),
    # not any guess ("let me guess, ten is where you start every deal")
    r"|\bi bet (?:ur|you'?re|youre|your|u'?re|u r|you are) (?:just )?(?:padding|pocketing|milking|skimming|greedy|loving)\b"
    r"|\bi bet\b[^.?!]*\blol\W*$"
    r"|\blet me guess\b(?=[^.?!]*(?:['‘\"][^'’\"]{3,40}['’\"]|\bfancy\b|\blol\b|\bsome \w+ (?:shop|outfit|agency|client|guy)))"
    r"|\bwhat next\b|\bnice of (?:you|u)\b|\bgood luck with (?:them|that|those)\b|\b(?:you|u) really (?:don'?t|dont) quit\b"
    r"|\b(?!(?:too|so|very|how|that|this|as|not|way|thanks|thank you)\b)\w+ much\W+(?:lol|haha)\b|\b(?:daylight )?robbery\b|\bgoug(?:e|ing)\b|\bso-and-so\b|\bfairies\b"
    r"|\bdid (?:you|u) buy a (?:yacht|boat|ferrari|porsche|island)\b|\b(?:do|did) (?:you|u) even (?:read|listen|care|look)\b"
    r"|\bis (?:that|it) even real\b|\bdo (?:your|ur) homework\b|\bhow (?:you|u) treat (?:us|me|people)\b"
    # "so u want us to eat the dilution, cool cool", "are u kidding me", "every vc says that", "do u want my kidneys
    # too 🙃", "of course its the customers fault", "great way to treat a partner", "funny how the freeze didnt stop u"
    r"|(?<!thanks, )(?<!thanks )(?<!ok )\bcool,? cool\b|\b(?:are|r) (?:you|u) (?:kidding|joking)(?: me)?\W*$|\b(?:you|u) (?:must|have to|gotta) be "
    r"(?:kidding|joking)\b|\bevery (?:vc|investor|landlord|supplier|agency|vendor|manager|boss|one of (?:you|u)) says that\b"
    r"|\bwant my (?:kidneys?|car keys|first ?born|house|shirt|soul|left arm|right arm|blood)\b|\bof course (?:it'?s|its) "
    r"(?:the|our|my) [\w']+ fault\b|\balways (?:the|our|my) [\w']+ fault\b|\b(?:great|nice|lovely|fantastic|brilliant) way "
    r"to treat\b|\bfunny how (?:the|u|you|ur|your|that|this|it|they|everyone|nobody)\b"
    r"|^\W*(?:fine|whatever|well)\W+good luck (?:w|with)\b|^\W*(?:(?:fine|whatever|well|ok)\W+)?good luck (?:finding|replacing)\b"
    r"|['‘][^'’]{3,40}['’]\s*(?:lol|lmao|haha)\b|\blol\W+classic\b|\b(?:you|u) just want to (?:block|screw|squeeze|milk|"
    r"rip|bleed|bully)\b|[\U0001F644\U0001F643\U0001F612]"
    # "16.20, you're hilarious", "jesus, u guys are impossible", "love that for us", "the mystery company", "the magic
    # comparables nobody ever shows me", "ur just cashing in", "using them to squeeze me", "because u can"
    # (a "jesus." at the news on its own is shock, not contempt)
    r"|\b(?:you'?re|youre|ur|you are|u r|(?:you|u) guys are|(?:you|u) people are) (?:so |just |being )?"
    r"(?:hilarious|impossible|a piece of work|unbelievable)\b|\blove that for (?:us|me)\b|\bmystery (?:company|buyer|"
    r"client|customer|fund|offer|agency|supplier)\b|\bthe magic \w+|\bcashing in\b|\bsqueeze (?:me|us)\b"
    r"|\bbecause (?:you|u) can\W*$"
)


def is_insult(text: str) -> str | None:
    """The rude words in a part, if any (an apology that names its own rudeness is not one)."""
    low = normalise(text)
    if APOLOGY.search(low) or _EXCLAIMED.match(low):
        return None
    m = next(
        (
            m
            for m in _INSULT.finditer(low)
            if not _AT_ONESELF.search(low[: m.start()]) and not _own_doing(low[: m.start()])
        ),
        None,
    )
    m = m or _DISMISSIVE.match(low) or _SARCASM.search(low)
    return m.group(0).strip() if m else None


# "…and I dropped it when we grew, which was dumb": the word put on one's own doing
_OWN_DOING = re.compile(r"\b(?:i|we)\b(?P<rest>[^.!?]*)\b(?:which|that) (?:was|is) (?:\w+ )?$")


def _own_doing(before: str) -> bool:
    m = _OWN_DOING.search(before)
    return bool(m and not re.search(r"\b(?:you|your|u|ur|they|their)\b", m.group("rest")))


# "shit.", "oh damn", "crap!": a word said at the news, at nobody
_EXCLAIMED = re.compile(
    r"^\W*(?:(?:oh|ah|ugh|well)\W+)?(?:shit|damn|dammit|damnit|crap|fuck|bugger|blimey|jeez|geez)\W*$"
)


# the word aimed at oneself: "let me try again without being an idiot", "i'm such a muppet", "i feel dumb"
_AT_ONESELF = re.compile(
    r"\b(?:i'?m|i am|i was|i've been|ive been|i feel|i felt|i sound|i look|(?<!calling )me|myself|without being|me being|"
    r"watching too much|watched too much)(?:\s+(?:a|an|such|so|total|complete|bit|of|like|being|really|"
    r"proper|right|little))*\s*$"
)


_STRONG_ACCEPT = re.compile(
    r"(?:(?:^\W*|\b(?:ok|okay|yes|ye+s+|yeah|fine|then|great|alright|sure|perfect|it's a|you've got a|you have a|we have a|we've got a|"
    r"that's a|done)\W+)deal\b(?!\s+(?:with|for|is|on|in|at|of|was|breaker))|^\W*(?:ok\W+|okay\W+|then\W+)?agreed\b|\bagreed\W*$|"
    r"i accept|we accept|let'?s do (?:it|that|this)|shake on it|^\W*\$?[\d.,]+\s*(?:k|%|percent)? it is\b|sign me up|you've got yourself a deal|let'?s sign|^\W*done\W*$|"
    r"send (?:it|the contract|the paperwork) over|send (?:me |us )?the (?:new |revised |updated )?(?:term ?sheet|contract|"
    r"paperwork|papers|lease|offer letter|agreement)\b|draw (?:it|that) up|acepto|d'accord|einverstanden|"
    # "Three percent is acceptable. We have an agreement, Gloria."
    r"\b(?:we|you) (?:have|'ve got|ve got) (?:an agreement|a deal)\b|\bis acceptable\W*$|"
    # "lol fine. seat's yours.": the term they asked for, handed over ("the floor's yours" hands over nothing)
    r"\b(?!floor\b)[a-z]+'s (?:all )?yours\b|"
    # given in to, not gladly: "if 5,000 is what it has to be, I guess we'll find a way"
    r"\bif (?:that|this|it|[$£€]?[\d.,]+\s*(?:k|%)?)(?:'s| is) what it (?:has|needs|'s got) to be\b(?![^.?!]*\?)|"
    r"\bi (?:guess|suppose) (?:we'll|we will|i'll|i will) (?:find a way|make it work|manage)\W*$|"
    # "great, a deal's a deal": the idiom of a yes that stands
    r"\ba deal'?s a deal\b|"
    # "i think its a yes from our side", "yes from me, pending him", "So yes: $3M at $11M pre…": a yes, said as one
    # (pending someone else's, it is still theirs)
    r"\b(?:it'?s|its|that'?s|thats) a yes(?: from (?:me|us|our side|my side|our end|my end))?\b(?!\s+or\b)|"
    r"^\W*(?:(?:ok|okay|so|right|then|great)\W+)?yes from (?:me|us|our side|my side|our end|my end)\b)"
)


YES_THEN_TERMS = re.compile(r"^\W*(?:so|then|ok|okay|right) yes\s*[:-]\s*\S")


def accepts(text: str, strong_only: bool = False) -> bool:
    """Accepts what is on the table ("deal", "that works", "I can live with that"); strong_only: only a clear yes."""
    low = normalise(text)
    if YES_THEN_TERMS.match(low):
        return True  # "So yes: $3M at $11M pre, …, no participation": the terms after the yes may say "no"
    if negated(low.split("deal")[0] if "deal" in low else low):
        return False
    if _STRONG_ACCEPT.search(low):
        return True
    return not strong_only and bool(_ACCEPT.match(low))


_NEGATION = re.compile(r"(?:\b(?:not|no|nah|nope|never|neither|nor)\b|n't\b)")
# Something asked back for what the user gives: "what do i get in return if i drop the price?", "i need something back",
# "I moved, now it's your turn", "that's a one-way street"
IN_RETURN = re.compile(
    r"\bwh?at (?:do|would|will|can|could|did|'?d) (?:i|we) get\b[^.?!]{0,20}?\b(?:in return|back|for (?:it|that|this|them))\b|"
    r"\bwh?at do (?:i|we) get\b(?! to\b)|\bwh?at(?:'s| is|s) in it for (?:me|us)\b|"
    r"\bwh?at (?:can|could|will|would|do|are) (?:you|u) (?:give|giving|offer|offering)\b[^.?!]{0,25}?"
    r"\b(?:in return|back)\b(?!\s+(?:then|when|in \d|home))|\bwh?at (?:can|could|will|would) (?:you|u) (?:be able to )?do "
    r"(?:for (?:me|us) )?in return\b|"
    r"\b(?:your|ur) (?:turn|move)\b|\bone[- ]way (?:street|concession|deal|thing|trade)\b|"
    r"\b(?:need|want|expect|get) something (?:back|in return)\b|\bthe only one (?:moving|giving|conceding)\b|"
    r"\bwhat(?:'s| is|s)? (?:the|ur|your) (?:side|half) of (?:it|that|the deal)\b"
)
_DEFER = re.compile(
    r"\b(?:let me (?:think|sleep|check|run|talk|look|get back|come back|have a think|mull)|"
    # "Let me go away and put together a revised proposal … and circle back by Friday"
    r"(?:let me|i'll|we'll|i will|we will) (?:go away|take (?:this|it|that) away) and\b|"
    r"\bcircle back (?:by|on|next|tomorrow|tmrw|later|mon|tue|wed|thu|fri)|"
    # "Can we call that break now?", "can we take five?", "time out for a sec"
    r"\b(?:take|call|have|grab) (?:a |that |the |our )?(?:quick |short |coffee |five[- ]minute |ten[- ]minute )?break\b|"
    r"\bcan (?:we|i) take (?:five|5|ten|10)\b|\btime[- ]?out\b|\bthink for a (?:minute|moment|sec|second|bit)\b|"
    r"\bthink (?:about|over) [\w' ]{1,30}? and (?:come|get) back\b|"
    # "fine. ill think about it", "i'm gonna think about it", "i gotta think about it", "ill have a think"
    r"(?:ill|i'm gonna|i'm going to|i gotta|i have to|i need to|we need to|i'd like to|i want to|i'll|we'll) "
    r"(?:think (?:about it|about that|it over|on it)|have a (?:think|proper think)|mull (?:it|that) over|sleep on it)|"
    r"(?:i'll|i will|we'll|let me) "
    r"(?:come back|get back|think about it|sleep on it|run (?:it|this|that|the \w+) (?:past|by)|check with|talk to|"
    r"discuss (?:it|this) with|take (?:it|this) to)|need to (?:think|check|talk to|run it)|before i (?:sign|commit|agree)|"
    r"not (?:ready|sure) yet|give me (?:a|some) (?:day|days|time|week)|"
    # "can I have the weekend to think about it", "give me till friday", "could we take a few days to decide"
    r"(?:can|could|may) (?:i|we) (?:have|take|get) (?:the|a|some|until|till|til|a couple of|a few|two|24|48)\b"
    r"[^.?!]{0,25}?\bto (?:think|decide|mull|consider|sleep|look)|"
    r"give (?:me|us) (?:the weekend|until \w+|till \w+|til \w+|a couple of days|a few days|a day or two|24 hours|48 hours)|"
    # "give me 5 min?", "give me a sec", "back in 20": a break to think or to ask someone
    r"give (?:me|us) (?:a |an |\d+ |a few |five |ten |two |half an? )?(?:min|mins|minutes?|secs?|seconds?|moments?|ticks?|hour)\b|"
    # "brb one sec, delivery guy at the door", "one sec", "gimme a sec": a break, whatever it is for
    # "…a truck is stuck at the border crossing. 2 min?": a couple of minutes asked for, alone
    r"^\W*(?:\d{1,2}|one|two|three|five|ten|a few|a couple(?: of)?) ?(?:min|mins|minutes?|secs?|seconds?)\W*$|"
    r"\bbrb\b|\bbe right back\b|^\W*(?:one|1|just a|a) (?:sec|second|moment|min|minute)\b|\bgimme (?:a )?(?:sec|second|min|minute)\b|"
    r"(?<!you'll be )(?<!you will be )(?<!youll be )(?<!u'll be )(?<!ull be )(?<!they'll be )"
    r"\bback in (?:about |like |~ ?)?(?:\d+|five|ten|fifteen|twenty|half an hour|an hour)\b|"
    # "can I think about it overnight and text you tmrw?", "I just want to check the numbers"
    r"(?:can|could|may) (?:i|we) (?:think|sleep) (?:about it|on it|it over)|sleep on it|think (?:about )?it over|"
    # "can i think about the rent over the weekend?", "can we sign next week?"
    r"(?:can|could|may) (?:i|we) think (?:about|over|on) [\w' ]{1,30}? (?:over|until|till|by) (?:the weekend|tonight|"
    r"tomorrow|tmrw|\w+day)\b|(?:can|could) (?:i|we) sign (?:it )?(?:next week|tomorrow|tmrw|on \w+day|later|after)\b|"
    r"(?:want|need|have|wanna|gotta) to (?:check|run|crunch|go over|look at|go through) (?:the|my|our) (?:numbers|maths?|"
    r"figures|sums)|(?:wanna|want to|gotta) run (?:it|this|that) (?:past|by)|"
    r"(?:text|call|ring|email|message) (?:you|u) (?:back )?(?:tmrw|tomorrow|tonight|later|in the morning)|"
    # "can I come back to you friday?", "I need to run that past my partner"
    r"(?:can|could|may) (?:i|we) (?:come|get) back to (?:you|u)|(?:need|have|got) to run (?:it|this|that) (?:past|by)|"
    # "can I ring my husband quickly? back in 5": someone to ask first
    r"\b(?:ring|call|phone|text|message|ask|check with|speak to|talk to) (?:my|our) (?:husband|wife|partner|other half|boss|"
    r"accountant|lawyer|cfo|ceo|cto|co-?founder|team|manager|bank|family|mum|mom|dad)\b|"
    # "can I check with my partner and get back to you tomorrow?"
    r"(?:can|could|may) (?:i|we) (?:check (?:with|by|past)|(?:talk|speak) (?:to|with) (?!you\b|u\b)|"
    r"run (?:it|this|that) (?:by|past)|go over it with)|"
    r"\b(?:get|come) back to (?:you|u) (?:tomorrow|tmrw|later|tonight|next week|on \w+|by \w+|\w+day)\b)"
)


def negated(text: str) -> bool:
    """A "not", "no", "nah" or "-n't" in it: "that doesn't work for me" is no yes. One inside a condition is not: "yes
    to a break at six if the one-pagers don't show results"."""
    return bool(_NEGATION.search(CONDITION.sub(" ", normalise(text))))


# "…if the reports don't show results", "…as long as it doesn't slip again": a condition, not the answer
# (not "if i'm hearing u right u just choose not to": a play-back announced)
CONDITION = re.compile(
    r"\b(?:if(?! (?:i'?m|im|i am|i|i've|ive) (?:hear|understand|get|got|read|remember|follow)\w*)|unless|as long as|"
    r"provided(?: that)?|so long as)\b[^.,;:!?]*"
)


def defers(text: str) -> bool:
    """Puts the decision off ("let me run it past my accountant", "I'll come back Tuesday"): not a yes yet."""
    return bool(_DEFER.search(normalise(text)))


def accepts_short(text: str) -> bool:
    """A bare "ok" / "yes" that accepts only when a proposal has just been put."""
    return bool(_ACCEPT_SHORT.match(normalise(text)))


# "47 i cant,", "the 16.80 tho i just cant do", "but 6 months no,": the figure, then a flat no
_REJECT_TAIL = re.compile(
    r"\b(?:i|we) (?:just |really |simply |honestly )?(?:can'?t|cannot)(?: do| go| pay| swing| manage| afford| accept| sign)?"
    r"(?: it| that)?(?:\W*$|,)|(?:\d\S*|months?|years?|weeks?|days?|%|pct|percent) no\W*$"
)


# "160 is the very top of the band, but yeah, i can do 160": the grumble conceded, then a yes
BUT_YES = re.compile(r"\bbut\s+(?:yeah|yes|ok|okay|fine|sure|alright|all right)\b(?!\s+no\b)")


def rejects(text: str) -> bool:
    """Turns down what is on the table."""
    low = normalise(text)
    found = _REJECT.search(low) or _REJECT_TAIL.search(low)
    return found is not None and not BUT_YES.search(low, found.end())


_UWORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


def foreign_share(text: str) -> float:
    """Share of the words that are function words of another language and not English."""
    tokens = _UWORD.findall(text.lower())
    if not tokens:
        return 0.0
    foreign = sum(
        1 for t in tokens if t in _FOREIGN_WORDS and t not in STOPWORDS and t not in _ENGLISH_COMMON
    )
    accents = len(re.findall(r"[àâäçéèêëîïôöùûüñßãõ¿¡]", text.lower()))
    return (foreign + min(accents, 2) * 0.5) / len(tokens)


def _other_script(text: str) -> bool:
    """Mostly letters of another script ("Ладно.", "죄송합니다.", "对不起", "お大事に"): another language for sure."""
    letters = [c for c in text if c.isalpha()]
    other = [c for c in letters if not unicodedata.name(c, "").startswith("LATIN")]
    return len(other) >= 2 and len(other) >= 0.5 * len(letters)


def is_foreign(text: str) -> bool:
    """Written in another language (Spanish, French, German, Italian, Portuguese …, or another script)."""
    if _other_script(text) or re.match(r"\W*[¿¡]\s*\w", text):
        return True  # ("¿hablas español?": only Spanish opens a question or a cry with its mark upside down)
    tokens = _UWORD.findall(text.lower())
    english = sum(1 for t in tokens if t in STOPWORDS and t not in _FOREIGN_WORDS)
    if 1 <= len(tokens) <= 2:  # "Wie geht's?", "Sí, acepto."
        return all(
            t in _FOREIGN_SHORT or (t in _FOREIGN_WORDS and t not in STOPWORDS) for t in tokens
        ) and any(t in _FOREIGN_SHORT for t in tokens)
    return len(tokens) >= 3 and foreign_share(text) >= 0.3 and english <= len(tokens) * 0.25


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "poiuytrewq", "lkjhgfdsa", "mnbvcxz")


def _keyboard_run(token: str) -> bool:
    """ "asdf", "jkl", "qwerty": letters in a row of the keyboard, not a word."""
    return (
        len(token) >= 3 and any(token in row for row in _ROWS) and token not in {"ert", "rty", "was", "dfg"}
    )


def _wordlike(token: str, vocabulary: frozenset[str]) -> bool:
    if token in STOPWORDS or token in vocabulary or token[0].isdigit():
        return True
    if _keyboard_run(token):
        return False
    if _REPEAT.search(token) or _CONSONANT_RUN.search(token) or not _VOWEL.search(token):
        return False
    return len(token) <= 14


_FOREIGN_SHORT = frozenset(
    (
        "weiter",
        "buenos",
        "buenas",
        "bonjour",
        "guten",
        "sí",
        "si",
        "acepto",
        "claro",
        "bueno",
        "vale",
        "ja",
        "nein",
        "oui",
        "non",
        "bien",
        "wie",
        "geht's",
        "ça",
        "va",
        "hola",
        "ciao",
        "uff",
        "geschafft",
        "genau",
        "danke",
        "gracias",
        "merci",
        "perdón",
        "perdona",
        "gut",
        "stimmt",
        "d'accord",
        "grazie",
        # "hablas espanol?", "parlez-vous français?", "sprechen Sie Deutsch?": asking for the language itself
        "hablas",
        "habla",
        "espanol",
        "español",
        "parlez",
        "francais",
        "français",
        "sprechen",
        "deutsch",
    )
)


def is_unclear(text: str, vocabulary: frozenset[str] = frozenset()) -> bool:
    """Cannot be read: keyboard mash, repeated letters, symbols only (another script is another language)."""
    if _other_script(text) or re.fullmatch(
        r"\W*(?:h+m+|m{2,}|huh|u+h+|u+m+|e+r+m*|a+h+|o+h+)\W*", normalise(text)
    ):
        return False  # "hmm", "mm", "huh": a noise a person makes while thinking, not a keyboard mash
    tokens = words(text)
    if not tokens:
        return not re.search(r"[0-9]", text)
    good = sum(1 for t in tokens if _wordlike(t, vocabulary))
    return good / len(tokens) < 0.5


# "ur gonna lose one of ur biggest accounts over like 50 cents": a threat however calmly typed
_LOSES_THEM_TEXT = (
    r"(?:you|your|ur|u)(?:'re| are| r|re)? (?:gonna|going to) lose (?:me|us|our business|this account|the account|"
    r"one of (?:ur|your)|a (?:good |big |loyal )?(?:customer|client|tenant|account))"
)
LOSES_THEM = re.compile(rf"\b{_LOSES_THEM_TEXT}")
_PRESSURE = re.compile(
    r"\b(?:unless you\b.{0,40}\b(?:i'm|we're|i am|we are) (?:out|gone|done|walking)|"
    r"if (?:you|u) (?:don't|do not|dont|won't|wont|will not|can't|cant)\b.{0,50}\b(?:we|i)(?:'ll|ll| will)? "
    r"(?:(?:just )?(?:have to|need to) |just |can |could )?(?:go|walk|take|leave|switch|move|find|pull|appoint|serve|do it|start)|"
    r"(?:other|another) (?:funds?|suppliers?|roasters?|agencies|agency|landlords?|companies|company|manufacturers?|"
    r"vendors?|candidates?|investors?|shops?|firms?) (?:would|will|could|are (?:happy|willing))|"
    r"no excuses|(?:way )?worse for you|"
    + _LOSES_THEM_TEXT
    + r"|(?:we|i) don't have (?:a lot of|much|all day|forever)|take it or leave it|"
    # (not "so we're done?": asks whether the deal is struck; not "2k and we're done": an offer that would close it)
    r"(?<!\band )(?<!\bn )(?:i'm|we're|i am|we are) (?:probably |just |pretty much |basically )?(?:out|walking|done)(?: of here| here)?\b"
    r"(?!\s*(?:then\s*)?\?)|last chance|final offer|or (?:else|we walk|i walk|i'm out)|"
    r"you (?:won't|will not) get (?:a )?better|you'll regret|we'll see you in court|"
    + LAWYER_THREAT
    + r"|i'll sue|"
    # "miss it and u pay", "you miss the date, you pay for it": a penalty put as a threat
    r"miss (?:it|that|the (?:date|deadline)|\w+ \d{1,2})\W{0,3}(?:and |then )?(?:you|u) pay)"
)


_ALTERNATIVES_WORDS = (
    r"(?:roasters?|suppliers?|agenc(?:y|ies)|funds?|investors?|candidates?|offers?|landlords?|units?|places?|"
    r"shops?|vendors?|firms?|companies|company|manufacturers?|bakeries|buyers?|builders?|jobs?|recruiters?)"
)
# what a deadline asks for: "an answer by Friday", "signed before the end of the month"
_DEADLINE_WORDS = r"(?:answer|decision|decide|sign(?:ed)?|hear back)"
# The same three families in the words people use: a deadline, an alternative waiting, a last word.
# "so u dont care if u lose us": the loss of them put to the other side as a threat (a play-back in form only)
LOSS_PUT_TO_THEM = (
    r"\byou (?:don'?t|do not) (?:care|mind) (?:if|whether|about) (?:you )?(?:lose|losing) (?:us|me|our|the)\b"
)
_PRESSURE_MORE = re.compile(
    LOSS_PUT_TO_THEM + r"|"
    # "then we move the tooling", "well go look then", "go look at it then": the walk-out, said as the next step
    r"^\W*(?:(?:well|ok|fine)\W+)?then (?:we|i)(?:'ll| will)? (?:move (?!on\b|forward\b|ahead\b)|pull|switch|"
    r"go (?:elsewhere|somewhere))\b|"
    r"^\W*(?:(?:well|ok|fine|so)\W+)?go (?:look|shop around|find someone)(?: (?:at it|elsewhere|around))? then\b|"
    # (not a time the speaker gives itself: "finance have to sign, ill have it by friday", "you'll hear back by monday")
    rf"\b{_DEADLINE_WORDS}\b(?!.{{0,25}}\b(?:i'?ll|ill|we'?ll|i will|we will|you'?ll|u'?ll|you will) (?:have|get|send|hear|"
    r"come back|let)\b).{0,25}\b(?:by|before)\s+(?:mon|tue|wed|thu|fri|sat|sun|"
    r"tomorrow|tmrw|tonight|end of|eod|the end|close of|\d)|\b(?:offer|deal)(?:'s| is)? (?:open|good|valid|on the table) "
    r"(?:until|till|til)\b|"
    rf"\b(?:other|another|three|two|several|\d+) (?:\w+ ){{0,2}}{_ALTERNATIVES_WORDS}\b.{{0,40}}\b(?:(?<!you )(?<!\bu )would|(?<!you)(?<!\bu)'d|will|'ll|circling|"
    rf"interested|calling|messaging|waiting|cheaper|for less|love|keen|lined up|ready to (?:sign|go|move))\b|{_ALTERNATIVES_WORDS} (?:\w+ )?(?:keep |have been |has been |been |are |is )?"
    r"(?:calling|messaging|circling|interested|pinging|hit(?:ting)? me up|reaching out)|"
    r"(?<!you )(?<!\bu )\b(?:got|have|had|i've got|ive got) (?:other|a few|several|two|three|more) (?:job )?offers\b|"
    # "we actually have another term sheet at 13", "I have an offer from another company for 82": a rival's figure
    r"\b(?:i|we)(?:'ve| have)? (?:\w+ )?(?:have|got|'ve got|have got|received|just got) (?:(?:another|a competing|a rival|"
    r"a second|a better|other) (?:\w+ )?(?:offers?|term sheets?|quotes?|bids?)|an? (?:\w+ )?(?:offer|term sheet|quote|bid) "
    r"from)\b|"
    # "Bridgeport Roasters said theyd do 14 flat for us": what a rival would do, named to move them
    r"\b(?:[a-z]+ )?(?:roasters?|agency|agencies|suppliers?|company|fund|vc|investors?|landlords?|"
    r"they|someone|somebody|crossway|another \w+) (?:said|say|says|told (?:me|us)|offered|quoted) (?:they'?d|they would|they can|"
    r"they'?ll|they will|they could|to)? ?(?:do|go|give|match|beat|pay|offer)\b.{0,20}\d|\b(?:look|looking|start looking) (?:for|at) (?:somewhere|other|another)\b|"
    r"\btake (?:it|this|my business|my account) elsewhere\b|\bthen (?:we|i)(?:'ll| will)? go (?:the|with|to|elsewhere)\b|"
    r"\byou can deal with (?:that|it)\b|\bmaybe (?:i|we) (?:should )?(?:just )?(?:go there|take one of those|take (?:that|the other))\b|\bmove on to (?:our|the|my) (?:second|next|other)\b|"
    r"\bfind (?:a|an|another) \w+ who (?:will|would)\b|\bor no deal\b|\bor (?:honestly |else,? |just )?(?:i|we)(?:'ll| will)? "
    r"(?:take|go|walk|leave|move|start (?:interviewing|looking|applying))\b|"
    # "…or im calling the roaster on 5th st"
    r"\bor (?:i'?m|im|we'?re|were|i'?ll|ill|we'?ll) (?:just )?(?:calling|ringing|going (?:to|with|elsewhere)|taking|walking|"
    r"switching|moving|out|done|gone|off|updating|polishing|dusting off)\b|"
    # "…or I'm updating my CV", "time to polish the old resume"
    r"\b(?:updat|polish|dust)\w* (?:off )?(?:my|the|the old|my old) (?:cv|resume|résumé|linkedin)\b|"
    # "we'll see what your boss says when he loses the account": the loss put to someone above them
    r"\bwe'?ll see what (?:your|ur) (?:boss|ceo|owner|board|manager|partners?|cfo) (?:says|thinks)\b|"
    r"\b(?:when|once) (?:he|she|they|you|u) (?:lose|loses) (?:the|our|this|my) (?:account|business|contract|client)\b|"
    r"\bnon[- ]?negotiable\b|^\W*final\W*$|"
    # "12 or nothing", "we need 12 or its not worth it for us", "12 months or the price goes back to 24k"
    r"\bor nothing\W*$|\bor (?:it'?s|its|it is) not worth it\b|"
    r"\bor (?:the )?(?:price|rate|offer|discount|deal) (?:goes|go|is going|will go|'s going) (?:back|up)\b|\bwhether (?:you|u|i|we) like it or not\b|"
    # "confirmed in writing or my ceo puts penalties in the contract": someone above them made the threat
    r"\bor (?:else )?(?:my|our|the) (?:ceo|boss|board|cfo|lawyers?|owner|partners?) (?:will |'ll |is going to |are going to )?"
    r"(?:puts?|adds?|goes?|pulls?|moves?|switch(?:es)?|takes?|walks?|cancels?)\b|^\W*yes or no\W*$|\bformal (?:\w+ )?route\b|"
    r"\btake (?:\w+'?s|their|the other) offer\b|\b(?:i'?ll|ill|we'?ll|well) (?:just )?find (?:someone|somebody|another|a new)\b|"
    r"\bthen (?:we'?re|were|i'?m|im) done\b|\b(?:surveyor|legal|lawyer|court|formal) route\b|(?<!\bhe)(?<!\bshe)(?<!\bthey)(?<!\bhe's)(?<!\bshe's)\b(?:is|are|'s|'re|am|i'm) (?:ready|about|going) to (?:bolt|walk|leave|switch)\b|\bwhy shouldn'?t (?:i|we) (?:just )?(?:move|leave|go|walk|switch)\b|"
    # a leave threat and a warning: "i might as well look around", "ur making a huge mistake"
    r"\b(?:might as well|may as well|time to|i'?ll|ill|we'?ll|gonna|going to|start(?:ing)? to|start) (?:just )?"
    r"(?:look|looking|shop|shopping) around\b|"
    r"\b(?:you'?re|youre|your|you are) making a (?:huge|big|massive|serious|terrible) mistake\b|"
    # "if u wont move im gonna talk to the roaster on king st", "ill get quotes from other roasters", "other roasters
    # emailing me every week", "the roastery down the street would kill for our account", "a recruiter … offering more",
    # "either i get the lead job or i start answering those emails", "this is a waste of both our time", "sign or not"
    r"\bif (?:you|u) (?:don't|do not|dont|won't|wont|will not|can't|cant)\b.{0,50}\b(?:i'?m|im|we'?re|were) (?:gonna|going to)\b|"
    r"\b(?:get|getting|got) (?:\w+ )?(?:quotes|prices|offers|bids) from (?:other|another|the other|\w+ other)\b|"
    rf"{_ALTERNATIVES_WORDS} (?:\w+ )?(?:emailing|texting|ringing|knocking)\b|\bwould kill for (?:our|my|this|the)\b|"
    r"\brecruiters?\b.{0,40}\boffering\b|\beither (?:i|we|you|u)\b.{0,40}\bor (?:i|we)(?:'ll| will)? (?:start|go|walk|leave|take|look)\b|"
    r"\bwaste of (?:both )?(?:our|my|everyone'?s) time\b|\b(?:sign|take it) or not\b|"
    # "honestly thinking about other suppliers", "starting to look at other agencies"
    rf"\b(?:thinking|looking|look) (?:about|at|into) (?:other|another|new|different) {_ALTERNATIVES_WORDS}\b|"
    # "TAKE 22 OR LEAVE IT"; "i know youve got nobody else lined up", "i know u cant afford to lose us": their weakness,
    # named to make them give way
    r"\btake (?:\$?[\d.,]+k?|that|this) or leave it\b|"
    r"\bi know (?:you'?ve|youve|u'?ve|uve|you|u) (?:got|have|have got) (?:nobody|no one|no-one|nothing|no other)\b|"
    r"\b(?:you|u) (?:can'?t|cannot|cant) afford to lose (?:us|me|our|my)\b|"
    # "we could move the enclosures to another shop": the work taken elsewhere
    r"\b(?:move|take|switch|shift) (?:the|our|my|all the|all our) [\w ]{2,25}? (?:to|over to) (?:another|a different|other|a new)\b"
)


# "the roaster on fenwick st quoted me 14.50. so": a rival's figure put to them…
RIVAL_QUOTE = re.compile(rf"\b{_ALTERNATIVES_WORDS}\b.{{0,30}}\bquoted (?:me|us)\b.{{0,12}}\d")
# …unless it is shared as what they found out: "i did some homework, two roasters quoted me around 15", "…and I didn't
# take it because my regulars know your blend"
FOUND_OUT = re.compile(
    r"\b(?:did (?:some|my|a bit of|a little) (?:homework|research|digging)|ask(?:ed)? around|"
    r"(?:didn'?t|did not|won'?t) (?:take|go with|want) (?:it|them|that)\b|not (?:saying|telling you) (?:it|this|that) to "
    r"threaten|(?:don'?t|dont|do not) want to (?:switch|leave|move|go elsewhere))"
)


def rival_quote_only(text: str) -> bool:
    """A rival's figure is all the push there is: "two other roasters quoted me around 15 a kilo"."""
    low = normalise(text)
    return bool(RIVAL_QUOTE.search(low)) and not (_PRESSURE.search(low) or _PRESSURE_MORE.search(low))


def pressure(text: str) -> str | None:
    """An ultimatum or threat: "unless you match it I'm out", "other funds would pay 12", "need an answer by Friday"."""
    low = normalise(text)
    m = (
        _PRESSURE.search(low)
        or _PRESSURE_MORE.search(low)
        or (None if FOUND_OUT.search(low) else RIVAL_QUOTE.search(low))
    )
    if m and _DEADLINE.match(m.group(0)) and _ASKED_KINDLY.search(low) and low.rstrip().endswith("?"):
        return None  # "could you give me an answer by Thursday?": a date asked for, not an ultimatum
    if m and _DEADLINE.match(m.group(0)) and _CHECKS_THEIRS.search(low):
        return None  # "so youll sign by wednesday right": their own date checked back, not one set for them
    if m and _DEADLINE.match(m.group(0)) and _IF_YOU_CAN.match(low):
        # "If you can give me your answer by Thursday, I'll have the letter out before your Friday deadline": a date
        # offered as help, not an ultimatum
        return None
    if m and PREFERS_THEM.search(low):
        return None  # "another fund is looking at us too, but we'd rather do this with you": told, not threatened
    return m.group(0) if m else None


# "but we'd rather do this with you", "you're our first choice", "i'd much prefer to stay with you"
# (said last: "I'd rather stay, but if July is the whole answer, I may take that call" still threatens)
PREFERS_THEM = re.compile(
    r"(?:\b(?:i|we)(?:'d| would)(?: (?:much|really|honestly))? (?:rather|prefer|love to)\b.{0,30}\bwith (?:you|u)|"
    r"\b(?:you'?re|youre|ur|you are) (?:still )?(?:our|my) (?:first|top) (?:choice|pick)|"
    r"\b(?:i|we)(?:'d| would)(?: (?:much|really))? (?:rather|prefer to) (?:stay|keep (?:working )?with (?:you|u)))"
    r"(?: (?:tbh|honestly|though|tho|if we can|if (?:i|we) can))?\W*$"
)


_DEADLINE = re.compile(rf"{_DEADLINE_WORDS}\b")
_IF_YOU_CAN = re.compile(
    r"^\W*(?:(?:and|so|ok|also)\W+)?if (?:you|u) (?:can|could)\b[^.!?]*,\s*(?:i|we)(?:'ll|ll| will| can| could)\b"
)
_CHECKS_THEIRS = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|great|cool)\W+)*(?:you'?ll|youll|u'?ll|you will|u will|you'?re|youre)\b.*"
    r"(?:\bright|\bcorrect|\byeah|\byes|\?)\W*$"
)
_ASKED_KINDLY = re.compile(
    r"\b(?:could|can|would|will) (?:you|u)\b|\bis (?:that|it) (?:ok|okay|possible|doable)\b"
)


_OFF_TOPIC = re.compile(
    r"\b(?:unrelated|off[- ]topic|totally different (?:question|subject|thing)|nothing to do with (?:this|the deal)|"
    r"change of subject|random thought|"
    # "are u even a real person or is this some chatbot thing", "r u a bot": the exercise tested, not the deal
    r"(?:are|r) (?:you|u) (?:even |actually |really |just )?(?:a |an )?(?:real|human|bot|robot|ai|chatbot|computer|"
    r"machine|program|script)|is this (?:some |a |an |just )?(?:bot|chatbot|ai|script)|"
    r"(?:feels|sounds) (?:so |very |kinda |a bit )?scripted|"
    # "random question but do you know a good plumber?": a recommendation asked for, nothing to do with the deal
    r"(?:do|d) (?:you|u) know (?:a|any) (?:good |decent |reliable )?(?:plumber|electrician|builder|mechanic|dentist|"
    r"doctor|babysitter|cleaner|restaurant|gym|vet|hairdresser|barber|garage|handyman)s?)\b"
)


def is_off_topic(text: str) -> bool:
    """Says itself that it is off the subject ("unrelated, but are you hiring?")."""
    return bool(_OFF_TOPIC.search(normalise(text)))
