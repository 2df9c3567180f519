"""The styles of widgets' parts, matched once per batch of alike widgets.

Textual styles each part of a widget (a text area's cursor, gutter, selection and ten
more) as a node of its own, matched against the stylesheet like a widget: the Journal's
five text areas were 65 of the 120 nodes styled on its first visit. Within one batch of
widgets styled together (a widget and what it composes: the cache `App._register` and
`update_nodes` pass to `Stylesheet.apply`), Textual already gives widgets with the same
parent, type, classes, pseudo classes (and id, where a rule names it) the same rules.
Their parts then match the same rules too: they are matched for the first such widget
and set on the others' parts. Only a part whose rules may depend on a widget's place
(`:first-child`, `:odd` …) is matched on its own, as Textual does for the widget.
"""

from typing import Any

from textual.css.model import SelectorType
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode


class SharedPartStyles(Stylesheet):
    _batch: dict[tuple[Any, ...], Any] | None = None  # the cache of the apply() running
    _named: tuple[object, frozenset[str]] | None = None  # (rules_map, ids rules name)

    def named_ids(self) -> frozenset[str]:
        """Every id a rule names, anywhere in its selectors (`#named > .part` too: the
        rules map files that rule under the part's class only)."""
        rules_map = self.rules_map  # (made again whenever the rules change)
        if self._named is None or self._named[0] is not rules_map:
            ids = frozenset(
                selector.name
                for rule in self.rules
                for selector_set in rule.selector_set
                for selector in selector_set.selectors
                if selector.type == SelectorType.ID
            )
            self._named = (rules_map, ids)
        return self._named[1]

    def apply(
        self,
        node: DOMNode,
        *,
        animate: bool = False,
        cache: dict[tuple[Any, ...], Any] | None = None,
    ) -> None:
        outer, self._batch = self._batch, cache
        try:
            super().apply(node, animate=animate, cache=cache)
        finally:
            self._batch = outer

    def _process_component_classes(self, node: DOMNode) -> None:
        batch = self._batch
        parts = node._get_component_classes()
        if batch is None or not parts:
            super()._process_component_classes(node)
            return
        self._batch = None  # (a part's own apply has no batch)
        try:
            self._style_parts(node, sorted(parts), batch)
        finally:
            self._batch = batch

    def _style_parts(
        self, node: DOMNode, parts: list[str], batch: dict[tuple[Any, ...], Any]
    ) -> None:
        # Textual's own key for the widget's rules in a batch (Stylesheet.apply), with its
        # id wherever a rule names it.
        named_id = node._id if node._id in self.named_ids() else None
        alike = (
            "parts",
            node._parent,
            named_id,
            node.classes,
            node._pseudo_classes_cache_key,
            node._css_type_name,
        )
        changed = False
        before = node._component_styles.copy()
        node._component_styles.clear()
        for part in parts:
            virtual_node = DOMNode(classes=part)
            virtual_node._attach(node)
            key = (*alike, part)
            rules = batch.get(key)
            if rules is None:
                found: dict[tuple[Any, ...], Any] = {}
                self.apply(virtual_node, animate=False, cache=found)
                if len(found) == 1:  # (none: its rules depend on the widget's place)
                    batch[key] = next(iter(found.values()))
            else:
                self.replace_rules(virtual_node, rules, animate=False)
            changed = changed or before.get(part) != virtual_node.styles
            node._component_styles[part] = virtual_node.styles
        if changed:
            node.refresh()
