"""Textual validators made from the domain's checks, so forms and the CLI refuse the same."""

from textual.validation import ValidationResult, Validator

from tracker.domain.checks import Check


class CheckValidator(Validator):
    def __init__(self, check: Check) -> None:
        super().__init__()
        self.check = check

    def validate(self, value: str) -> ValidationResult:
        message = self.check(value)
        return self.success() if message is None else self.failure(message)
