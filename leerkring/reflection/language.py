"""Language detection for journal entries: Dutch, English, or something else.

A function-word profile decides. Function words are the most frequent and most
language-specific tokens of a text, they need no dictionary, and they make the "is
this German or French rather than Dutch or English?" question cheap. (simplemma's
`langdetect` was measured too: it loads a lemma dictionary per candidate language —
0.8 s for nl+en and 17 s for thirteen languages — which does not fit the 2-second
load budget.)"""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED = ("nl", "en")


def _split(words: str) -> list[str]:
    return words.split()


# Words frequent in one language and rare or absent in the others of this table.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        _split(
            """
            de het een en van ik je jij dat niet zijn was op te met voor maar ook als
            wat we wij er naar hebben heb had mijn omdat toen dan wel nog zo bij uit
            door over hoe waarom hun zij ze mij mezelf zelf geen meer veel heel echt
            eigenlijk daar hier werd worden wordt kan kon moet moest zou zouden wil
            wilde deze dit welke onze ons leerlingen collega's collega vandaag gisteren
            volgende keer want dus toch nu alleen steeds vaak altijd nooit iets niets
            iemand niemand
            """
        )
    ),
    "en": frozenset(
        _split(
            """
            the a an and of i you that this is was were to with for but also as what we
            there have has had my because then not it on at be been would could should
            how why their they them me myself no more many very really actually here can
            will which our us students colleagues today yesterday next time so now only
            always never often something nothing someone did do does went felt think
            thought realised realized from about
            """
        )
    ),
    "de": frozenset(
        _split(
            """
            der die das und ich nicht ist war mit für aber auch wir ein eine zu den dem
            sich dass habe hat haben mein meine weil dann noch bei aus durch über wie
            warum sie mir mich kein keine mehr viel sehr wirklich eigentlich hier wurde
            werden kann konnte muss sollte würde will diese dieser unsere uns heute
            gestern nächste mal denn also doch jetzt nur immer nie oft etwas nichts
            jemand
            """
        )
    ),
    "fr": frozenset(
        _split(
            """
            le la les et je ne pas est était avec pour mais aussi nous un une que qui
            des du dans ce cette ai avais mon ma mes parce alors encore chez sur comment
            pourquoi ils elles moi plus beaucoup très vraiment ici peut pouvait doit
            devrait voudrais notre nos aujourd hui hier prochaine fois donc maintenant
            seulement toujours jamais souvent quelque chose rien personne élèves
            """
        )
    ),
    "es": frozenset(
        _split(
            """
            el la los las y yo no es era con para pero también nosotros un una que qué
            de en por como muy mi mis porque entonces todavía sobre cómo ellos ellas más
            mucho realmente aquí puede podía debe debería quiero nuestro nuestra hoy
            ayer próxima vez así ahora solo siempre nunca algo nada alguien estudiantes
            fue
            """
        )
    ),
}


@dataclass(frozen=True, slots=True)
class Detection:
    """Outcome of language detection.

    `language` is the best-scoring language code (possibly one that is not supported),
    or "unknown" when too few function words were found to say anything. `shares` are
    the fractions of tokens that are function words of each language.
    """

    language: str
    shares: dict[str, float]


def detect(tokens: list[str]) -> Detection:
    """Detect the language of a list of lower-cased word tokens."""
    if not tokens:
        return Detection("unknown", {})
    shares = {
        code: sum(token in vocabulary for token in tokens) / len(tokens)
        for code, vocabulary in _FUNCTION_WORDS.items()
    }
    best = max(shares, key=lambda code: (shares[code], code in SUPPORTED))
    if shares[best] < 0.08:
        return Detection("unknown", shares)
    return Detection(best, shares)
