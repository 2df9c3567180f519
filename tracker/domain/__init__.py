"""Pure domain: dataclasses, enums, rules and value checks. No I/O, no textual, no sqlite."""
