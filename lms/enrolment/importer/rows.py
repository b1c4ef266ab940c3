"""One imported row checked on its own: a Django form whose fields read spreadsheet cells.

``LearnerRowForm(row, organisations=...)`` is bound to the raw cell values of one row
(as ``read_rows`` returns them). Its fields are the template's columns, in its order, so
its errors come out column by column; ``learner()`` is the valid row, cleaned. Checks
between rows (the same learner twice, learners already recorded, room in the class) are
``checking``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.forms.boundfield import BoundField
from django.forms.utils import pretty_name
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.models import LearnerProfile

from .cells import (
    CATEGORIES,
    COLUMNS,
    GENDERS,
    blank,
    clean_text,
    fold,
    normalise_phone,
    parse_date,
)


@dataclass
class RowError:
    row: int
    column: str | None  # the header as in the spreadsheet, or None for the whole row
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(slots=True)
class Learner:
    """A valid row, cleaned."""

    row: int
    raw: dict
    full_name: str
    date_of_birth: date
    gender: str
    ethnicity: str
    organisation_id: int | None
    category: str
    position: str
    phone: str
    email: str
    profile_id: int | None = None  # an existing learner it matched
    # (folded name, date of birth): how rows and recorded learners are matched by name.
    name_key: tuple[str, date] = field(init=False)

    def __post_init__(self) -> None:
        self.name_key = (fold(self.full_name), self.date_of_birth)


def _too_long(limit: int) -> str:
    return _("At most %(limit)s characters.") % {"limit": limit}


class SharedFields(dict):
    """A form's fields that all its forms share. Django deep-copies a form's fields for
    each form (fields, widgets, error messages, validators) so that one form may change
    its own; a row's form changes none and shows none, and that copying was most of the
    time of checking a row. Each form still gets its own dict of them."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


class CellBoundField(BoundField):
    """A cell bound to its row's form. Checking reads only its data; what showing it
    on a page needs (label, help text, names of its initial value) is worked out when
    asked, not for each cell of a list."""

    def __init__(self, form, field, name):
        self.form = form
        self.field = field
        self.name = name
        self.html_name = form.add_prefix(name)

    @cached_property
    def html_initial_name(self) -> str:
        return self.form.add_initial_prefix(self.name)

    @cached_property
    def html_initial_id(self) -> str:
        return self.form.add_initial_prefix(self.auto_id)

    @cached_property
    def label(self) -> str:
        return pretty_name(self.name) if self.field.label is None else self.field.label

    @cached_property
    def help_text(self) -> str:
        return self.field.help_text or ""

    @cached_property
    def renderer(self):
        return self.form.renderer


class CellTextField(forms.CharField):
    """A cell as text (see ``clean_text``), at most ``limit`` characters if given."""

    def __init__(self, *, limit: int | None = None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(strip=False, **kwargs)
        self.limit = limit

    def to_python(self, value) -> str:
        return clean_text(value)

    def validate(self, value) -> None:
        super().validate(value)
        if self.limit is not None and len(value) > self.limit:
            raise ValidationError(_too_long(self.limit), code="max_length")


class CellDateField(forms.Field):
    """A real spreadsheet date or a date written as text (see ``parse_date``)."""

    def to_python(self, value) -> date | None:
        if blank(value):
            return None
        try:
            born = parse_date(value)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a date; write it as dd/mm/yyyy, e.g. 25/03/1990.")
                % {"value": clean_text(value)},
                code="invalid",
            ) from None
        return born


class CellChoiceField(forms.Field):
    """One of the fixed Vietnamese labels of ``choices`` (any case), as its stored value;
    ``default`` when blank."""

    def __init__(self, *, choices: dict, default: str = "", **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.labels = list(choices)
        self.folded = {fold(label): stored for label, stored in choices.items()}
        self.default = default

    def to_python(self, value) -> str:
        text = clean_text(value)
        if not text:
            return self.default
        chosen = self.folded.get(text.casefold(), "")
        if not chosen:
            raise ValidationError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(self.labels)},
                code="invalid_choice",
            )
        return chosen


class CellPhoneField(forms.Field):
    """A Vietnamese phone number, normalised (see ``normalise_phone``); "" when blank."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        try:
            return normalise_phone(value)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a phone number (10 or 11 digits, starting with 0 or +84).")
                % {"value": clean_text(value)},
                code="invalid",
            ) from None


class LearnerRowForm(forms.Form):
    """One row of the learner list. ``organisations`` maps the cleaned names in the
    file to the ids of the organisations so named (looked up once for all rows);
    ``today`` is the day of the import (by default, the day the form is made)."""

    bound_field_class = CellBoundField

    full_name = CellTextField(
        limit=200,
        required=True,
        error_messages={"required": gettext_lazy("The full name is missing.")},
    )
    date_of_birth = CellDateField(
        error_messages={"required": gettext_lazy("The date of birth is missing.")}
    )
    gender = CellChoiceField(choices=GENDERS)
    ethnicity = CellTextField(limit=100)
    organisation = CellTextField()
    category = CellChoiceField(choices=CATEGORIES, default=LearnerProfile.Category.OTHER)
    position = CellTextField(limit=200)
    phone = CellPhoneField()
    email = CellTextField()

    def __init__(
        self, row: dict, *, organisations: dict[str, list[int]], today: date | None = None
    ):
        # No label suffix: a row's form is never shown, and its default (":") is a
        # translation looked up for each form.
        super().__init__(data=row, label_suffix="")
        self.row = row
        self.organisations = organisations
        self.today = today or timezone.localdate()

    def __getitem__(self, name: str) -> BoundField:
        """The cell ``name`` of this row, bound anew on each call: the form does not keep
        its cells, so a form and its cells do not hold each other and each row's form is
        freed once checked, rather than left to the garbage collector, whose passes
        over thousands of forms cost more than checking them."""
        try:
            field = self.fields[name]
        except KeyError:
            choices = ", ".join(sorted(self.fields))
            raise KeyError(
                f"Key '{name}' not found in '{type(self).__name__}'. Choices are: {choices}."
            ) from None
        return field.get_bound_field(self, name)

    def clean_date_of_birth(self) -> date | None:
        born = self.cleaned_data["date_of_birth"]
        if born is not None and (born.year < 1900 or born > self.today):
            raise ValidationError(
                _("%(value)s is not a possible date of birth.")
                % {"value": born.strftime("%d/%m/%Y")},
                code="invalid",
            )
        return born

    def clean_organisation(self) -> int | None:
        name = self.cleaned_data["organisation"]
        if not name:
            return None
        found = self.organisations.get(name, [])
        if len(found) == 1:
            return found[0]
        if not found:
            message = _(
                "No organisation is called “%(value)s”. Check the spelling, or ask the "
                "centre's staff to add it to the organisations first."
            )
        else:
            message = _(
                "Several organisations are called “%(value)s”; enrol this learner by "
                "hand and choose the right one."
            )
        raise ValidationError(message % {"value": name})

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(
                    _("“%(value)s” is not an e-mail address.") % {"value": email}
                ) from None
        return email

    def problems(self) -> list[tuple[str, str]]:
        """(column key, message) for each error, in the template's column order."""
        if not self.errors:
            return []
        errors = self.errors.as_data()
        return [
            (key, message)
            for key, _label in COLUMNS
            for error in errors.get(key, [])
            for message in error.messages
        ]

    def learner(self) -> Learner:
        """The valid row, cleaned (call once ``is_valid()``)."""
        data = self.cleaned_data
        return Learner(
            row=self.row["row"],
            raw=self.row,
            full_name=data["full_name"],
            date_of_birth=data["date_of_birth"],
            gender=data["gender"],
            ethnicity=data["ethnicity"],
            organisation_id=data["organisation"],
            category=data["category"],
            position=data["position"],
            phone=data["phone"],
            email=data["email"],
        )


LearnerRowForm.base_fields = SharedFields(LearnerRowForm.base_fields)
