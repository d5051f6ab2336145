"""Which text of a content file is the kit's own words, as the models declare it.

The guards that read what a case, dilemma or digest says (identifying details and copied wording in
`anonymity`, distressing subjects in `care`) read every string of the file except the fields a model
marks `METADATA`: ids, references, official titles quoted exactly, where a case came from. The
declaration lives on the field, so a new field is read by every guard unless its model says otherwise.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .models import is_metadata
from .yamlfile import Path_


def own_words(data: Any, shape: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every (field path, text) in `data`, read as `shape` (a model class or a type such as
    `list[Clause]`), leaving out the fields its models declare as metadata. Data the shape does not
    describe is read whole: nothing is left out by guessing."""
    shape = _core(shape)
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        if isinstance(shape, type) and issubclass(shape, BaseModel):
            for key, value in data.items():
                field = shape.model_fields.get(key) if isinstance(key, str) else None
                if field is not None and is_metadata(field):
                    continue
                yield from own_words(value, field.annotation if field else None, (*path, key))
        else:
            held = get_args(shape)[1] if get_origin(shape) is dict else None
            for key, value in data.items():
                yield from own_words(value, held, (*path, key))
    elif isinstance(data, list):
        held = get_args(shape)[0] if get_origin(shape) is list else None
        for index, value in enumerate(data):
            yield from own_words(value, held, (*path, index))


def _core(shape: Any) -> Any:
    """The type under `Annotated[...]` and `X | None`; None when a union leaves more than one type."""
    while True:
        origin = get_origin(shape)
        if origin is Annotated:
            shape = get_args(shape)[0]
        elif origin in (Union, types.UnionType):
            held = [arg for arg in get_args(shape) if arg is not type(None)]
            shape = held[0] if len(held) == 1 else None
        else:
            return shape
