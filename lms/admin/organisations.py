"""The organisation tree in the training forms: a choice field that shows it indented,
and the form that places a node under its parent (in the user's centres' area)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import Organisation
from .scoping import default_centre, fill_centre, scope_field


class OrganisationChoiceField(forms.ModelChoiceField):
    """The organisation tree as an indented list, in tree order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Organisation.objects.order_by("path"))
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return obj.indented_name


def as_tree(field):
    """Show a model choice field of organisations as the indented tree."""
    field.queryset = Organisation.objects.order_by("path")
    field.label_from_instance = lambda node: node.indented_name


# --- Organisations --------------------------------------------------------------------


class OrganisationForm(WagtailAdminModelForm):
    """Name, kind and place, and where the node sits in the tree. Creating adds the node
    under its parent (or as a top-level organisation); changing the parent moves it with
    everything below it."""

    parent = OrganisationChoiceField(
        label=_("Parent organisation"),
        required=False,
        empty_label=_("(none: a top-level organisation)"),
        help_text=_(
            "The organisation this one belongs to, e.g. the Party committee above a Party "
            "cell. Moving an organisation moves everything below it too."
        ),
    )

    class Meta(WagtailAdminModelForm.Meta):
        model = Organisation
        fields = ["name", "kind", "place", "parent", "centre"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope_field(self, "parent")
        scope_field(self, "centre", "pk")
        default_centre(self)
        self.old_parent = self.instance.get_parent() if self.instance.pk else None
        if self.instance.pk and "parent" not in self.initial:
            self.initial["parent"] = self.old_parent

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        node = self.instance
        if parent is not None and node.pk and parent.path.startswith(node.path):
            if parent.pk == node.pk:
                message = gettext("An organisation cannot be its own parent.")
            else:
                message = gettext(
                    "“%(parent)s” is below “%(name)s” in the tree: an organisation cannot be "
                    "moved under one of its own sub-organisations."
                ) % {"parent": parent.name, "name": node.name}
            raise ValidationError(message, code="cycle")
        return parent

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        fill_centre(self, cleaned, parent.centre if parent is not None else None)
        return cleaned

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        node = self.instance
        parent = self.cleaned_data.get("parent")
        with transaction.atomic():
            if node.pk is None:
                if parent is None:
                    return Organisation.add_root(instance=node)
                return parent.add_child(instance=node)
            renamed = "name" in self.changed_data
            node.save()
            if parent != self.old_parent or renamed:
                # node_order_by keeps siblings in name order; treebeard re-sorts on move.
                self._move(node, parent)
                node.refresh_from_db()
        return node

    @staticmethod
    def _move(node, parent):
        if parent is not None:
            node.move(parent, pos="sorted-child")
            return
        other_root = Organisation.get_root_nodes().exclude(pk=node.pk).first()
        if other_root is not None:
            node.move(other_root, pos="sorted-sibling")
