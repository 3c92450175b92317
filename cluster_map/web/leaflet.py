"""folium elements that call the map's JavaScript runtime (cluster_map/web/static/cluster_map.js).

Each element renders as two statements: ``var NAME_args = [...];`` (its arguments as one JSON
array, safe inside a ``<script>``) and a call to a ``ClusterMap`` function. Browser-free tests read
the ``_args`` arrays back with :func:`read_args`.

branca's ``MacroElement.render`` wraps each rendered script in ``Element(text)``, which compiles the
text as a Jinja template: slow for the records' JSON, and a record named ``{{ ... }}`` would be
evaluated on the server. These elements add their script as raw text instead, and
:func:`js_literal` escapes ``{{``, ``{%`` and ``{#`` as well.
"""

from __future__ import annotations

import json
import re
from typing import Any, cast

from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer
from jinja2 import Template

from cluster_map.core.errors import UsageError

__all__ = ["RuntimeControl", "RuntimeLayer", "js_literal", "read_args"]

_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_JINJA_OPENERS = re.compile(r"\{(?=[{%#])")  # only inside JSON strings, where \u007b is the same text
_ARGS_LINE = re.compile(r"^\s*var (\S+?)_args = (\[.*\]);$", re.MULTILINE)


def js_literal(value: Any) -> str:
    """``value`` as compact JSON that cannot end a ``<script>`` element or open an HTML comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _UNSAFE:  # str.replace: ~20x faster than str.translate on the map's payload
        text = text.replace(character, escaped)
    return _JINJA_OPENERS.sub(r"\\u007b", text)


def read_args(script: str) -> dict[str, list[Any]]:
    """The ``_args`` arrays of the runtime elements in a rendered script, by variable name."""
    return {name: json.loads(args) for name, args in _ARGS_LINE.findall(script)}


class _RawScript(Element):
    """Script text added to the figure as it is (never compiled as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def _render_script(element: MacroElement, kwargs: dict[str, Any]) -> None:
    script = element._template.module.__dict__["script"]
    figure = cast(Figure, element.get_root())  # folium maps always sit in a Figure
    figure.script.add_child(_RawScript(str(script(element, kwargs))), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class RuntimeLayer(Layer):
    """A layer (listed in the layer control) made by ``ClusterMap.<function>(map, *args)``.

    Parameters
    ----------
    function
        A function of the runtime: ``boundary``, ``areas`` or ``points``.
    args
        Its arguments after the map, JSON-serialisable.
    name
        The label in the layer control (HTML; escape data before it gets here).
    show
        Whether the layer is on when the map opens.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_args = {{ this.arguments }};
        var {{ this.get_name() }} = ClusterMap.{{ this.function }}(
            {{ this._parent.get_name() }}, ...{{ this.get_name() }}_args
        );
        {% endmacro %}
        """
    )

    def __init__(self, function: str, args: list[Any], *, name: str, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "RuntimeLayer"
        self.function = function
        self.arguments = js_literal(args)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's: no return
        """Add the script as raw text, then (when shown) the statement that adds the layer to the map."""
        if self._parent is None:
            raise UsageError(f"the {self.function!r} layer is on no map; add it with .add_to(folium_map)")
        if self.show:
            adder = ElementAddToElement(
                element_name=self.get_name(), element_parent_name=self._parent.get_name()
            )
            self.add_child(adder, name=self.get_name() + "_add")
        _render_script(self, kwargs)


class RuntimeControl(MacroElement):
    """A call ``ClusterMap.<function>(map, *args)`` that adds something to the map (legend, attribution).

    Parameters
    ----------
    function
        ``legend`` or ``attribution``.
    args
        Its arguments after the map, JSON-serialisable.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_args = {{ this.arguments }};
        ClusterMap.{{ this.function }}({{ this._parent.get_name() }}, ...{{ this.get_name() }}_args);
        {% endmacro %}
        """
    )

    def __init__(self, function: str, args: list[Any]) -> None:
        super().__init__()
        self._name = "RuntimeControl"
        self.function = function
        self.arguments = js_literal(args)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's: no return
        """Add the script as raw text."""
        _render_script(self, kwargs)
