"""The training screens of the Wagtail admin, grouped in the "Training" menu.

Every view takes its objects from the model's permission policy (``permissions.py``):
a lecturer's listings hold only their classes, their sessions and their learners, and
another class's address is "not found" for them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .base import (
    ALL_ACTIONS,
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    TrainingViewSet,
    UsageView,
    column,
    count_column,
    scope,
)
from .classes import (
    ClassLecturerViewSet,
    ClassSessionViewSet,
    ClassViewSet,
    EnrolmentViewSet,
    class_actions,
    scope_classes,
)
from .memberships import MembershipViewSet
from .people import CentreViewSet, LearnerViewSet, OrganisationViewSet

# --- The menu -------------------------------------------------------------------------------


class TrainingMenu(ViewSetGroup):
    menu_label = _("Training")
    menu_name = "training"
    menu_icon = "tasks"
    menu_order = 250
    items = (
        ClassViewSet,
        ClassSessionViewSet,
        EnrolmentViewSet,
        LearnerViewSet,
        OrganisationViewSet,
        CentreViewSet,
        MembershipViewSet,
    )


__all__ = [
    "ALL_ACTIONS",
    "CentreViewSet",
    "ClassLecturerViewSet",
    "ClassSessionViewSet",
    "ClassViewSet",
    "CreateView",
    "DeleteView",
    "EditView",
    "EnrolmentViewSet",
    "HistoryView",
    "IndexView",
    "InspectView",
    "LearnerViewSet",
    "MembershipViewSet",
    "OrganisationViewSet",
    "TrainingMenu",
    "TrainingViewSet",
    "UsageView",
    "class_actions",
    "column",
    "count_column",
    "scope",
    "scope_classes",
]
