"""Which texts touch distressing material, so that the checker can ask for a content note.

The detection is a list of word stems and short phrases for each topic, matched as whole words, case
ignored. It is deliberately plain: a lecturer can read the list, predict what it finds and add to it.
It asks for a note wherever a reader could meet the topic, so it errs towards asking; the few phrases
where a listed word means something else in a social work text ("abuse of process", a legal term;
"dead end", "deadline") are set aside explicitly, rather than by weakening the stems. What it cannot
do is notice distress told without any of these words; the content note stays the author's judgement,
and the check only catches a note that was forgotten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .models import SensitiveTopic
from .prose import own_words
from .yamlfile import Path_

TOPIC_WORDS: dict[SensitiveTopic, tuple[str, ...]] = {
    SensitiveTopic.SUICIDE: (
        r"suicid\w*",
        r"(?:took|take|taken|takes|taking) (?:his|her|their|my|your) own life",
        r"kill(?:ed|s|ing)? (?:him|her|them|my|your)sel(?:f|ves)",
    ),
    SensitiveTopic.SELF_HARM: (
        r"self[- ]?harm\w*",
        r"overdos\w*",
        r"cut(?:s|ting)? (?:him|her|them|my|your)sel(?:f|ves)",
    ),
    SensitiveTopic.DEATH: (
        r"die[ds]?",
        r"dying",
        r"dead",
        r"deaths?",
        r"killed",
        r"fatal\w*",
        r"bereave\w*",
        r"widow\w*",
        r"funerals?",
        r"passed away",
    ),
    SensitiveTopic.ABUSE: (
        r"abus\w*",
        r"rap(?:e|ed|ist)",
        r"sexual(?:ly)? exploit\w*",
    ),
    SensitiveTopic.VIOLENCE: (
        r"violen\w*",
        r"assault\w*",
        r"stabb\w*",
        r"strangl\w*",
        r"beat(?:en|ing)? (?:him|her|them|me|you|up)",
    ),
}
"""Stems and phrases for each topic; `\\w*` takes any ending (abuse, abused, abusive, abuser)."""

NOT_DISTRESSING = (
    r"abuse of (?:process|discretion)",
    r"dead[- ]?ends?",
    r"dead ?lines?",
    r"dead wood",
)
"""Phrases in which a listed word does not mean the topic, removed before matching."""

_TOPIC = re.compile(
    "|".join(f"(?P<{topic.name}>\\b(?:{'|'.join(words)})\\b)" for topic, words in TOPIC_WORDS.items()),
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\b(?:" + "|".join(NOT_DISTRESSING) + r")\b", re.IGNORECASE)


def mentions(text: str) -> Iterator[tuple[SensitiveTopic, str]]:
    """Each (topic, the words found) in a text, in order."""
    cleared = _ASIDE.sub(lambda found: " " * len(found.group()), text)
    for found in _TOPIC.finditer(cleared):
        topic = next(name for name, value in found.groupdict().items() if value)
        yield SensitiveTopic[topic], found.group()


def sensitive_texts(data: Any, shape: Any) -> Iterator[tuple[Path_, SensitiveTopic, str]]:
    """Every (field path, topic, words) in the kit's own words of a content file's data, read as the
    model `shape`: ids, references and other metadata are not read."""
    for path, text in own_words(data, shape):
        for topic, words in mentions(text):
            yield path, topic, words
