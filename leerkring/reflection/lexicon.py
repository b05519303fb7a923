"""Marker lexicons (Dutch and English) for the eight kinds of reflective evidence.

The kinds follow the coding protocol (docs/reflection-protocol.md), derived from
Kember, McKay, Sinclair & Wong (2008):

- description: what happened or was done (the raw material of level 1);
- feeling: an emotion named and owned;
- understanding: a concept, theory or model stated or applied;
- reason: a why — causes, motives, explanations;
- perspective: another person's point of view, or one's own seen from outside;
- alternative: another way it could have gone or could be done;
- premise: an own assumption, belief or habit named and questioned;
- future_action: a concrete next step or experiment with new behaviour.

These lexicons mark *sentences* for the author to see and supply features to the
model. They are not the judge: "ik heb veel geleerd" matches nothing that raises the
level, and a level-4 entry need not contain the word "aanname"."""

from __future__ import annotations

import re
from collections.abc import Mapping

KINDS: tuple[str, ...] = (
    "description",
    "feeling",
    "understanding",
    "reason",
    "perspective",
    "alternative",
    "premise",
    "future_action",
)

# Each entry is a regular expression matched case-insensitively at word boundaries.
_PATTERNS: dict[str, dict[str, list[str]]] = {
    "nl": {
        "description": [
            r"vandaag",
            r"gisteren",
            r"vanochtend",
            r"vanmiddag",
            r"deze week",
            r"tijdens de (bijeenkomst|sessie|les|vergadering|intervisie)",
            r"(eerst|daarna|vervolgens|daarop|tot slot|aan het eind|aan het begin)",
            r"we hebben",
            r"wij hebben",
            r"ik heb .{0,40}(gedaan|gemaakt|gegeven|gesproken|"
            r"besproken|gelezen|voorbereid|gepresenteerd|uitgelegd|laten zien)",
            r"(we|wij) (deden|bespraken|maakten|gingen|kregen|zaten|werkten|oefenden)",
            r"ik (deed|gaf|liet|vertelde|las|maakte|ging|presenteerde|legde)",
            r"er (was|waren|werd|werden)",
            r"de (bijeenkomst|sessie|les|opdracht|check-in|check-out) (was|ging|begon)",
        ],
        "feeling": [
            r"(voelde|voel|voelt) (me|mij|ik)",
            r"gevoel",
            r"ik (was|ben|werd) "
            r"(zo |erg |heel |best |nogal |wat |een beetje )?(bang|boos|blij|trots|"
            r"nerveus|zenuwachtig|onzeker|verdrietig|teleurgesteld|gefrustreerd|"
            r"geïrriteerd|opgelucht|verrast|geraakt|ongemakkelijk|moe|gespannen|"
            r"schuldig|beschaamd|kwetsbaar|enthousiast)",
            r"(angst|schaamte|frustratie|irritatie|onzekerheid|trots|spanning|"
            r"opluchting|verdriet|boosheid|ongemak|schuldgevoel)",
            r"(maakte|maakt) me (bang|boos|blij|onzeker|nerveus|verdrietig)",
            r"ik schrok",
            r"het raakte me",
            r"ik baalde",
            r"kriebels",
            r"(ik|me|mij) .{0,20}(bang|boos|blij|trots|nerveus|zenuwachtig|onzeker|"
            r"verdrietig|teleurgesteld|gefrustreerd|geïrriteerd|opgelucht|geraakt|"
            r"ongemakkelijk|gespannen|schuldig|beschaamd|kwetsbaar)",
        ],
        "understanding": [
            r"theorie",
            r"model van",
            r"het model",
            r"concept",
            r"begrip",
            r"volgens (de|het|deze) (literatuur|theorie|model|auteur|onderzoek)",
            r"(kolb|schön|schon|korthagen|dweck|senge|scharmer|"
            r"kember|argyris|vygotsky|hattie|bloom|maslow|deci|ryan|wenger|"
            r"mezirow|dewey|edmondson)",
            r"(feedback|feed-up|feedforward|zelfdeterminatie|growth mindset|"
            r"psychologische veiligheid|theory u|leercyclus|reflectiecyclus|"
            r"single.loop|double.loop|communities? of practice|zone van naaste)",
            r"(houdt in|betekent|is gedefinieerd|wordt gedefinieerd|staat voor) dat",
            r"(onderzoek|studies) (laat|laten|toont|tonen) (zien|aan)",
            r"in de literatuur",
            r"principe",
            r"definitie",
        ],
        "reason": [
            r"omdat",
            r"doordat",
            r"waardoor",
            r"daarom",
            r"daardoor",
            r"want",
            r"waarom",
            r"de reden",
            r"oorzaak",
            r"verklaring",
            r"komt doordat",
            r"heeft te maken met",
            r"te maken heeft met",
            r"hierdoor",
            r"zodat",
            r"dat komt",
            r"verklaart",
            r"als gevolg",
        ],
        "perspective": [
            r"vanuit (het perspectief|het oogpunt|de ogen|zijn|haar|hun|hen)",
            r"(door|met) de ogen van",
            r"in (zijn|haar|hun) schoenen",
            r"(voor|volgens) (hem|haar|hen|hun|de leerling|de student|mijn collega|"
            r"de klant|de ouders|de deelnemers|mijn leidinggevende)",
            r"(zijn|haar|hun) (kant|kijk|perspectief|beleving|standpunt)",
            r"perspectief",
            r"invalshoek",
            r"kant van het verhaal",
            r"(zij|hij|ze) (zag|zagen|ervoer|ervoeren|beleefde|beleefden|bedoelde)",
            r"(hoe|wat) (zij|hij|ze|de ander|anderen) (het|dit|dat)",
            r"de ander",
            r"anderen (zien|zagen|vinden|vonden)",
            r"(een collega|mijn collega|de coach|iemand) (wees|merkte|zei|vroeg)",
        ],
        "alternative": [
            r"in plaats van",
            r"(had|hadden) ook",
            r"anders (kunnen|had|doen|aanpakken|aan)",
            r"had (ik|we) .{0,30}(kunnen|moeten)",
            r"een andere (manier|aanpak|vraag)",
            r"(een )?alternatie(f|ven)",
            r"wat als",
            r"(ik|we) (had|hadden) beter",
            r"had (ik|we) .{0,20}niet",
            r"een andere keuze",
            r"ook had kunnen",
            r"(hadden|had) (we|ik) (het )?anders",
        ],
        "premise": [
            r"(ik )?(ging|ga) (er )?(altijd )?(van ?uit|vanuit) dat",
            r"aanname",
            r"vooronderstelling",
            r"overtuiging",
            r"(mijn|eigen) (beeld|idee|manier) van",
            r"ik besef(te)? (nu )?dat",
            r"ik realiseer(de)? me",
            r"ik zie nu",
            r"ik dacht altijd",
            r"ik dacht dat .{0,40} (moest|hoorde)",
            r"waarom"
            r" (doe|deed|denk|dacht|voel|voelde|reageer|reageerde|vind|wil|wilde) ik",
            r"(patroon|gewoonte|reflex|automatisme)",
            r"ik (blijk|bleek)",
            r"eigenlijk (wil|wilde|denk|dacht|vind|vond) ik",
            r"mijn (eigen )?rol",
            r"wat zegt (dat|dit) over mij",
            r"(dat|dit) zegt iets over",
            r"(hoorde|moest) (ik|een docent|een leidinggevende|je)"
            r" .{0,30}(altijd|alles)",
            r"(ik|we) (vond|vonden|vind|vinden) het (blijkbaar|kennelijk)",
            r"anders (naar|tegen) .{0,20}(kijken|aankijken|kijk)",
            r"mijn (opvatting|aanname|overtuiging|normen|waarden)",
            r"(niet|geen) (meer )?(vanzelfsprekend|waar)",
            r"ter discussie",
            r"ik (stel|stelde) (mezelf|mij) de vraag",
            r"kantelpunt",
            r"eyeopener",
        ],
        "future_action": [
            r"volgende keer",
            r"(ik|we) (ga|gaan) .{0,40}(proberen|uitproberen|"
            r"oefenen|doen|vragen|beginnen|starten|stoppen|letten|experimenteren)",
            r"(ik|we) (wil|willen) .{0,40}(proberen|uitproberen|oefenen|gaan|leren)",
            r"(mijn|een) (experiment|voornemen|plan)",
            r"(ik|we) (neem|nemen) me voor",
            r"(de komende|komende|volgende) (week|weken|les|lessen|bijeenkomst|maand)",
            r"voortaan",
            r"vanaf nu",
            r"ik probeer",
            r"uitproberen",
            r"experiment",
            r"in de volgende",
            r"ik ga (het|dit|dat)",
        ],
    },
    "en": {
        "description": [
            r"today",
            r"yesterday",
            r"this (morning|afternoon|week)",
            r"during the (session|meeting|lesson|class|workshop|intervision)",
            r"(first|then|afterwards|after that|next we|finally|at the end|at the"
            r" start)",
            r"we (did|discussed|made|went|got|had|worked|practised|practiced|talked|"
            r"started|looked|shared|spent)",
            r"i (did|gave|showed|told|read|made|went|presented|explained|prepared|"
            r"taught|ran|led|asked|attended)",
            r"there (was|were)",
            r"the (session|meeting|lesson|assignment|check-in|"
            r"check-out) (was|went|started|began|ended)",
        ],
        "feeling": [
            r"i (felt|feel|was feeling)",
            r"feeling",
            r"i (was|am|got|became) "
            r"(so |very |quite |rather |a bit |a little |really )?(afraid|scared|angry|"
            r"happy|proud|nervous|anxious|insecure|sad|disappointed|frustrated|"
            r"irritated|annoyed|relieved|surprised|moved|uncomfortable|tired|tense|"
            r"guilty|ashamed|embarrassed|vulnerable|excited|defensive|hurt)",
            r"(fear|shame|frustration|irritation|insecurity|pride|tension|relief|"
            r"sadness|anger|discomfort|guilt|anxiety)",
            r"(made|makes) me (feel|afraid|angry|nervous|sad|uneasy)",
            r"it (hit|struck|touched) me",
            r"i panicked",
            r"butterflies",
        ],
        "understanding": [
            r"theory",
            r"model of",
            r"the model",
            r"concept",
            r"framework",
            r"according to (the|this) (literature|theory|model|author|research)",
            r"(kolb|schön|schon|korthagen|dweck|senge|"
            r"scharmer|kember|argyris|vygotsky|hattie|bloom|maslow|deci|ryan|wenger|"
            r"mezirow|dewey|edmondson)",
            r"(feedback|feed.up|feed.forward|self.determination|growth mindset|"
            r"psychological safety|theory u|learning cycle|reflective cycle|"
            r"single.loop|double.loop|communit(y|ies) of practice|zone of proximal)",
            r"(means|is defined as|refers to|stands for|consists of)",
            r"(research|studies) (shows?|suggests?|indicates?)",
            r"in the literature",
            r"principle",
            r"definition",
        ],
        "reason": [
            r"because",
            r"since",
            r"therefore",
            r"that is why",
            r"that's why",
            r"why",
            r"the reason",
            r"caused",
            r"cause",
            r"explains?",
            r"due to",
            r"as a result",
            r"so that",
            r"has to do with",
            r"led to",
            r"leads to",
            r"which meant",
        ],
        "perspective": [
            r"from (the|their|his|her|a|my) (perspective|point of view|side|viewpoint)",
            r"through (the|their|his|her) eyes",
            r"in (his|her|their) shoes",
            r"(for|to) (him|her|them|the student|the students|my colleague|the client|"
            r"the parents|the participants|my manager)",
            r"(his|her|their) (side|view|perspective|experience|standpoint)",
            r"perspective",
            r"point of view",
            r"other side",
            r"(she|he|they) (saw|experienced|meant|perceived|heard)",
            r"(how|what) (she|he|they|the other|others)"
            r" (saw|see|felt|feel|experienced)",
            r"the other person",
            r"others (see|saw|think|thought)",
            r"(a colleague|my colleague|the coach|someone) (pointed"
            r" out|noticed|said|asked)",
        ],
        "alternative": [
            r"instead of",
            r"(could|might|should) have",
            r"(differently|another way)",
            r"an? (other|different) (approach|way|question|option|choice)",
            r"alternatives?",
            r"what if",
            r"i had better",
            r"rather than",
            r"would have been",
            r"could also",
        ],
        "premise": [
            r"i (had )?(always )?assumed",
            r"assumption",
            r"presupposition",
            r"belief",
            r"(my|own) (image|idea|view|picture) of",
            r"i (now )?reali[sz]ed?",
            r"i (now )?see that",
            r"i always thought",
            r"i thought (that )?.{0,40}(had to|should|was supposed to)",
            r"why (do|did) i",
            r"why am i",
            r"(pattern|habit|reflex|automatism)",
            r"it turns out (that )?i",
            r"deep down",
            r"my (own )?role",
            r"what does (that|this) say about me",
            r"(that|this) says something about",
            r"i (took|take) (it )?for granted",
            r"taken for granted",
            r"(my|our) (norms|values|convictions?)",
            r"no longer (obvious|true)",
            r"(question|questioned|questioning) (my|our)",
            r"turning point",
            r"eye.opener",
            r"i (used to|tend to) (believe|think|assume)",
        ],
        "future_action": [
            r"next time",
            r"i('m| am| will|'ll) (going to )?(try|experiment|practi[cs]e|"
            r"start|stop|ask|pay attention|test)",
            r"i want to (try|experiment|practi[cs]e|learn|start|stop)",
            r"(my|an) (experiment|intention|plan)",
            r"i (intend|plan) to",
            r"(in the )?(coming|next) (week|weeks|lesson|lessons|session|month)",
            r"from now on",
            r"going forward",
            r"i('ll| will) see (if|whether)",
            r"experiment",
            r"try out",
            r"i('m| am) trying",
        ],
    },
}


def _compile(patterns: list[str]) -> re.Pattern[str]:
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<!\w)(?:{joined})(?!\w)", re.IGNORECASE)


LEXICONS: Mapping[str, Mapping[str, re.Pattern[str]]] = {
    language: {kind: _compile(patterns) for kind, patterns in by_kind.items()}
    for language, by_kind in _PATTERNS.items()
}

# Vague learning claims that, alone, signal non-reflection (Kember level 1).
VAGUE_CLAIMS: Mapping[str, re.Pattern[str]] = {
    "nl": _compile(
        [
            r"(ik heb|we hebben) (er )?(veel|heel veel|een hoop|wat) (van )?geleerd",
            r"(was|is) (erg |heel |best |zeer )?(leerzaam|nuttig|interessant|fijn|goed|"
            r"leuk|waardevol|inspirerend)",
            r"goede (bijeenkomst|sessie|les|dag)",
            r"ik neem (veel|het) mee",
        ]
    ),
    "en": _compile(
        [
            r"(i|we) learn(ed|t) (a lot|so much|much|loads)",
            r"(was|is) (very |really |quite |so"
            r" )?(useful|helpful|interesting|nice|good|"
            r"fun|valuable|inspiring|informative)",
            r"good (session|meeting|lesson|day)",
            r"i('ll| will) take (a lot|this) with me",
        ]
    ),
}

FIRST_PERSON: Mapping[str, re.Pattern[str]] = {
    "nl": _compile([r"ik", r"mij", r"me", r"mijn", r"mezelf", r"m'n"]),
    "en": _compile([r"i", r"me", r"my", r"myself", r"mine"]),
}


def kinds_in(sentence: str, language: str) -> list[str]:
    """The evidence kinds whose markers occur in `sentence`, in the order of KINDS."""
    lexicon = LEXICONS[language]
    return [kind for kind in KINDS if lexicon[kind].search(sentence)]
