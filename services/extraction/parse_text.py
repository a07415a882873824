"""What the parser sees: the sentence with noise masked, always the same length as the original."""

from __future__ import annotations

import re

from services.extraction.lexicon import Lexicon

# "LONDON/BERLIN (Reuters) - ", "WASHINGTON, May 3 (AP) — ", "KARACHI (APP) : " or
# "OSLO, June 2. /NTB/. ": a dateline is no speaker
_DATELINE = re.compile(
    r"^(?:(?=[A-Z]{3})[A-Z][A-Z/ ,.'-]{2,}(?:,[^()\n]{0,20})?\s*(?:\([^)]{1,40}\))?"  # PLACE (AP)
    r"|\([^)]{1,40}\))"  # or just (Reuters)
    r"\s*(?:[-–—]+|:)\s*"
    r"|^(?=[A-Z]{3})[A-Z][A-Z ]+,[^/\n]{0,20}/[A-Z]{2,10}/\.?\s*"
)
# "Tehran, IRNA – " or "London, October 6: ": a place, then an agency or a date, then a dash
_PLACE_DATELINE = re.compile(
    r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?,\s(?:[A-Z]{2,}|[A-Z][a-z]{2,8}\.?\s\d{1,2})"
    r"(?:\s\([^)]{1,40}\))?\s*(?:[-–—]+|:)\s+"
)
# Only where an article's text begins, a place in mixed case may stand alone before the dash
# or colon: "New Delhi: ", "Panaji (Goa) [India], Mar 19 (ANI): ", "Austin, Texas - " (a
# sentence further on that opens "Ann Lee - who ..." keeps its speaker). A dash asks for
# more than a bare place (a bracket, a second place, a date or a weekday after it).
_PLACE = r"[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,3}"
_BRACKET = r"\s*[(\[][^)\]\n:]{1,30}[)\]]"
_DATE = r",\s*[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s\d{4})?"
_AGENCY = r"(?:\s*\([A-Z][^)\n]{0,30}\))?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_LEAD_DATELINE = re.compile(
    rf"^{_PLACE}(?:{_BRACKET}){{0,3}}(?:{_DATE})?{_AGENCY}\s*:\s+(?=[A-Z])"
    rf"|^{_PLACE}(?:(?:{_BRACKET}){{1,3}}(?:{_DATE})?|,\s*{_PLACE}|{_DATE}){_AGENCY}\s*[-–—]+\s+"
    rf"|^{_PLACE}\s*[-–—]+\s+(?={_WEEKDAY})"
)
# "UPDATE: ", "Analysis: ": a section's label before a colon (which ones: lexicon rubrics)
_RUBRIC = re.compile(r"^([A-Za-z][A-Za-z&' ]{1,20}):\s+")
# "Tennis-Lee accepts ban", "Soccer-Acme FC deny ...": a wire headline's sport before a hyphen
_SECTION_SLUG = re.compile(
    r"^(?:Tennis|Soccer|Football|Golf|Cricket|Rugby|Athletics|Cycling|Boxing|Basketball|"
    r"Baseball|Motor racing|Motorsport|Olympics|Sailing|Swimming|Skiing)-(?=[A-Z])"
)
# "'Baseless': Acme rejects ...": a quoted lead-in before a headline's colon quotes the speaker
_QUOTED_LEAD = re.compile(r"^['‘\"“][^'’\"”]{1,80}['’\"”]\s*:\s*")
# "Wirecard (DE:WDIG)": an exchange ticker in brackets is no appositive
# "(DE:WDIG)", "(PETR4.SA)": a listed company's exchange and symbol
_TICKER = re.compile(r"\((?:[A-Z]{1,8}:[A-Z0-9.]{1,10}|[A-Z0-9]{2,6}\.[A-Z]{1,3})\)")
# straight or curly single quotes used as scare quotes, not apostrophes (you've, Russia's)
_SCARE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))['‘](?=\w)")
_SCARE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?=[\s,.;:!?)]|$)")
_WORD = re.compile(r"[A-Za-z]+")
_CURLY_APOSTROPHE = re.compile(r"(?<=[A-Za-z][nN])’(?=[tT]\b)")
_ISSUES_NOTICE = re.compile(
    r"\bissues(?=\s+(?:\w+\s+)?(?:warning|warnings|alert|advisory|ultimatum|threat|denial)\b)",
    re.IGNORECASE,
)


def parse_text(
    sentence: str, lexicon: Lexicon, *, headline: bool = False, opening: bool = False
) -> str:
    """Mask datelines and scare quotes; lower Title Case headline words the parser trips on.
    `opening` is the first sentence of an article's text, where a dateline stands."""
    text = _DATELINE.sub(lambda m: " " * len(m.group(0)), sentence)
    rubric = _RUBRIC.match(text)
    if rubric is not None and rubric.group(1).lower() in lexicon.rubrics:
        text = " " * len(rubric.group(0)) + text[rubric.end() :]  # "UPDATE: ", "News: "
    section = _SECTION_SLUG.match(text) if headline else None
    if section is not None:
        text = " " * len(section.group(0)) + text[section.end() :]  # "Tennis-Lee denies ..."
    if opening:
        text = _LEAD_DATELINE.sub(lambda m: " " * len(m.group(0)), text)
    lead = _QUOTED_LEAD if headline else _PLACE_DATELINE
    text = lead.sub(lambda m: " " * len(m.group(0)), text)
    text = _TICKER.sub(lambda m: " " * len(m.group(0)), text)
    text = _mask_scare_quotes(text)
    # "don’t", "won’t": the parser was trained on straight apostrophes and misreads a curly
    # "n’t" (as a noun); same length, so offsets hold (names keep theirs: "O’Brien")
    text = _CURLY_APOSTROPHE.sub("'", text)
    if _is_shouted(text):
        # a subhead in capitals ("FRANCE WARNS ITALY") parses as a string of proper nouns:
        # give it headline case (acronyms of three letters or fewer stay), then lower cues
        text = _WORD.sub(lambda m: m.group(0) if len(m.group(0)) <= 3 else m.group(0).title(), text)
        text = _WORD.sub(lambda m: _lower_if_common(m, lexicon), text)
    elif headline and _is_title_case(text):
        text = _WORD.sub(lambda m: _lower_if_common(m, lexicon), text)
    if headline:
        # "Acme issues warning over ...": the tagger reads "issues" as a plural noun; the
        # past form (same length) makes it the verb it is
        text = _ISSUES_NOTICE.sub("issued", text)
    return text


def _is_shouted(text: str) -> bool:
    words = _WORD.findall(text)
    return len(words) >= 2 and sum(len(w) > 3 for w in words) >= 2 and text.upper() == text


def _mask_scare_quotes(text: str) -> str:
    """Blank each opening single quote and the closing one that pairs with it."""
    chars = list(text)
    pos = 0
    while (opening := _SCARE_OPEN.search(text, pos)) is not None:
        closing = _SCARE_CLOSE.search(text, opening.end())
        if closing is None:
            break
        chars[opening.start()] = chars[closing.start()] = " "
        pos = closing.end()
    return "".join(chars)


def _is_title_case(text: str) -> bool:
    words = _WORD.findall(text)
    if len(words) < 4:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital / len(words) > 0.6


def _lower_if_common(m: re.Match[str], lexicon: Lexicon) -> str:
    word = m.group(0)
    if m.start() == 0 or word.isupper():
        return word  # the first word, and acronyms (CDC, NATO), keep their case
    return word.lower() if word.lower() in lexicon.title_lowercase else word
