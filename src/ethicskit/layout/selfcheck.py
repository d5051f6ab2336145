"""Self-checks on the page: the questions, then the answers and why, folded.

The page works without JavaScript and on paper: it lists the questions with their options, then a folded
"Answers and why" section giving, for every option, whether it is right, the reason and the clauses and
provisions it rests on (opened for printing, so paper shows questions first and answers after). With
JavaScript, self-check.js turns each question into a form (a fieldset, its legend, radio buttons or
checkboxes and a Check button) and, once the student has answered, copies the feedback for the options
chosen into a live region so a screen reader announces it. Answers are kept only in this browser.
The printed case handout shows the same layout with `on_paper`: no word about a browser, and the
answers open after the questions.
"""

from __future__ import annotations

from docutils import nodes

from ..models import Question, QuestionKind, SelfCheck
from ..words import _
from .blocks import bullets, in_a_row, paragraphs, sentence
from .nodes import folded

LETTERS = "abcdef"


def on_the_device() -> str:
    """What a self-check does with the answers, said before the questions."""
    return _(
        "Answer each question, then check it: the feedback says why each option is right or wrong and "
        "which clause or provision that rests on. Your answers stay in this browser and are never sent."
    )


def render_self_check(self_check: SelfCheck, scope: str, on_paper: bool = False) -> nodes.container:
    """The questions of one self-check, then its answers with reasons, folded; `scope` makes ids unique."""
    root = nodes.container("", ids=[f"self-check-{scope}"], classes=["ek-self-check"])
    if not on_paper:
        intro = on_the_device()
        root += nodes.paragraph(intro, intro, classes=["ek-sc-intro"])
    answers = nodes.container("", classes=["ek-sc-answers"])
    heading = _("Answers and why")
    answers += nodes.rubric(heading, heading, classes=["ek-sc-answers-heading"])
    for number, question in enumerate(self_check.questions, start=1):
        root += _question(question, number, scope)
        answers += _answer(question, number, scope)
    if on_paper:
        root += answers
    else:
        root += folded("", answers, summary=_("Answers and why (open after you have answered)"))
    return root


def _prompt(question: Question, number: int) -> str:
    if question.kind is QuestionKind.TRUE_FALSE:
        return _("{number}. {prompt} True or false?", number=number, prompt=question.prompt)
    if question.multiple:
        message = _(
            "{number}. {prompt} (Choose every answer that applies.)", number=number, prompt=question.prompt
        )
        return message
    return _("{number}. {prompt}", number=number, prompt=question.prompt)


def _question(question: Question, number: int, scope: str) -> nodes.container:
    classes = ["ek-sc-question", f"ek-sc-{question.kind.value}"]
    if question.multiple:
        classes.append("ek-sc-multiple")
    box = nodes.container("", ids=[f"sc-{scope}-{question.id}"], classes=classes)
    text = _prompt(question, number)
    box += nodes.paragraph(text, text, classes=["ek-sc-prompt"])
    if question.kind is QuestionKind.SHORT_ANSWER:
        hint = _("Write a few sentences, then compare them with the model answer.")
        box += nodes.paragraph(hint, hint, classes=["ek-sc-hint"])
        return box
    options = nodes.enumerated_list(enumtype="loweralpha", classes=["ek-sc-options"])
    for option in question.options:
        options += nodes.list_item("", nodes.paragraph(option.text, option.text))
    box += options
    return box


def grounds(cites: list[str], laws: list[str]) -> nodes.paragraph:
    """What an answer rests on: the clauses and provisions it cites, each code and instrument named once."""
    return sentence(_("Rests on: {refs}"), ["ek-sc-cites"], refs=in_a_row(cites, laws))


def _answer(question: Question, number: int, scope: str) -> nodes.container:
    box = nodes.container("", ids=[f"sc-{scope}-{question.id}-answer"], classes=["ek-sc-answer"])
    text = _prompt(question, number)
    box += nodes.paragraph("", "", nodes.strong(text, text), classes=["ek-sc-answer-prompt"])
    if question.kind is QuestionKind.SHORT_ANSWER:
        assert question.model_answer is not None  # the checker requires it
        model = nodes.container("", classes=["ek-sc-feedback", "ek-sc-model"])
        good = _("A good answer")
        model += nodes.paragraph("", "", nodes.strong(good, good))
        model += paragraphs(question.model_answer)
        look = _("Points to look for in yours:")
        model += nodes.paragraph(look, look)
        model += bullets(question.look_for)
        model += grounds(question.cites, question.law)
        box += model
        return box
    for letter, option in zip(LETTERS, question.options, strict=False):
        feedback = nodes.container(
            "", classes=["ek-sc-feedback", "ek-sc-right" if option.correct else "ek-sc-wrong"]
        )
        label = (
            _("Right: ({letter}) {option}", letter=letter, option=option.text)
            if option.correct
            else _("Not right: ({letter}) {option}", letter=letter, option=option.text)
        )
        feedback += nodes.paragraph("", "", nodes.strong(label, label), classes=["ek-sc-verdict"])
        feedback += paragraphs(option.feedback)
        feedback += grounds(option.cites, option.law)
        box += feedback
    return box
