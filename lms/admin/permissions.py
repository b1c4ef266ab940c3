"""Permission policies of the training screens in the Wagtail admin.

Centre staff (``lms.access.is_staff_member``) act with the model permissions of their
group on every object *of their centres* (``lms.access.centre_ids``): the policy's
``centre_path`` is the lookup from the model to its centre. The province role (and
anyone holding ``lms.view_all_centres`` without being staff) may view every object of
every centre and change nothing. A lecturer (a user whose group may view the model but
who is not staff) may do ``lecturer_actions``, and only on objects of the classes they
teach; the test of "teaches this class" is ``lms.access``, the one place that answers
it. Learners have no admin access at all (their group lacks ``wagtailadmin.access_admin``).

Listings and object views take their querysets from ``instances_user_has_any_permission_for``,
so opening another centre's or another class's address gets "not found".
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef, Q
from wagtail.models import GroupCollectionPermission, GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy

from .. import access
from ..models import CentreMembership, Enrolment, LearnerProfile
from ..roles import VIEW_ALL_CENTRES


def centre_id_of(instance, path: str):
    """The centre of ``instance`` by following ``path`` ("training_class__centre"), or
    its own pk for "pk"."""
    if path == "pk":
        return instance.pk
    *hops, last = path.split("__")
    for hop in hops:
        instance = getattr(instance, hop, None)
        if instance is None:
            return None
    return getattr(instance, f"{last}_id", None)


class CentreScopeMixin(ModelPermissionPolicy):
    """Narrows a policy to the user's centres; the province role reads everything."""

    centre_path: str | None = "centre"
    # Objects without a centre yet are seen by every centre (organisations, learners).
    unassigned = False

    def __init__(self, model, *args, centre_path=None, unassigned=None, **kwargs):
        super().__init__(model, *args, **kwargs)
        if centre_path is not None:
            self.centre_path = centre_path
        if unassigned is not None:
            self.unassigned = unassigned

    def reads_every_centre(self, user, action) -> bool:
        """The province role: "view" only, on every centre."""
        return (
            action == "view"
            and not access.is_staff_member(user)
            and access.sees_all_centres(user)
            and ModelPermissionPolicy.user_has_permission(self, user, "view")
        )

    def in_centres(self, user, instance) -> bool:
        if self.centre_path is None:
            return True
        return access.in_scope(user, centre_id_of(instance, self.centre_path), self.unassigned)

    def centre_scope(self, queryset, user):
        if self.centre_path is None:
            return queryset
        return access.scope(queryset, user, self.centre_path, self.unassigned)


class StaffOnlyPolicy(CentreScopeMixin, ModelPermissionPolicy):
    """The model permissions of the user's groups, for centre staff only, on the objects
    of their centres."""

    def user_has_permission(self, user, action):
        if self.reads_every_centre(user, action):
            return True
        return access.is_staff_member(user) and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if self.reads_every_centre(user, action):
            return True
        return self.user_has_permission(user, action) and self.in_centres(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if any(self.reads_every_centre(user, action) for action in actions):
            return queryset
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        return self.centre_scope(queryset, user)


class ClassScopedPolicy(CentreScopeMixin, ModelPermissionPolicy):
    lecturer_actions: frozenset[str] = frozenset()

    def is_lecturer(self, user) -> bool:
        return (
            user.is_authenticated
            and user.is_active
            and user.has_perm(self._get_permission_name("view"))
        )

    def lecturer_scope(self, queryset, user):
        raise NotImplementedError

    def lecturer_may(self, user, instance) -> bool:
        raise NotImplementedError

    def user_has_permission(self, user, action):
        if access.is_staff_member(user):
            return super().user_has_permission(user, action)
        if self.reads_every_centre(user, action):
            return True
        return action in self.lecturer_actions and self.is_lecturer(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if access.is_staff_member(user):
            return super().user_has_permission(user, action) and self.in_centres(user, instance)
        if self.reads_every_centre(user, action):
            return True
        return (
            action in self.lecturer_actions
            and self.is_lecturer(user)
            and self.lecturer_may(user, instance)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if access.is_staff_member(user):
            if not super().user_has_any_permission(user, actions):
                return queryset.none()
            return self.centre_scope(queryset, user)
        if any(self.reads_every_centre(user, action) for action in actions):
            return queryset
        if self.lecturer_actions.isdisjoint(actions) or not self.is_lecturer(user):
            return queryset.none()
        return self.lecturer_scope(queryset, user)


class ClassPolicy(ClassScopedPolicy):
    """Lecturers see and edit the classes they teach; staff manage their centres' classes."""

    lecturer_actions = frozenset({"view", "change"})

    def lecturer_scope(self, queryset, user):
        return queryset.filter(lecturer_links__user=user)

    def lecturer_may(self, user, instance):
        return access.can_manage_class(user, instance)


class SessionPolicy(ClassScopedPolicy):
    """Lecturers see, add and edit the sessions of the classes they teach."""

    centre_path = "training_class__centre"
    lecturer_actions = frozenset({"view", "add", "change"})

    def lecturer_scope(self, queryset, user):
        return queryset.filter(training_class__lecturer_links__user=user)

    def lecturer_may(self, user, instance):
        return access.can_manage_class(user, instance.training_class)


class LearnerPolicy(ClassScopedPolicy):
    """Lecturers read the personal data of the learners of their classes. Staff see the
    learners of their centres' area and those who took a class of their centres (a
    learner who moved district stays in the old centre's records)."""

    lecturer_actions = frozenset({"view"})

    def lecturer_scope(self, queryset, user):
        return queryset.filter(
            pk__in=Enrolment.objects.filter(training_class__lecturer_links__user=user).values(
                "learner_id"
            )
        )

    def lecturer_may(self, user, instance):
        return access.can_view_learner(user, instance)

    def centre_scope(self, queryset, user):
        ids = access.centre_ids(user)
        if ids is None:
            return queryset
        return queryset.filter(learner_q(ids))

    def in_centres(self, user, instance):
        return access.can_see_learner_in_centres(user, instance)


def learner_q(ids) -> Q:
    """Learners of the centres ``ids``: of their area, enrolled in one of their classes,
    or of no centre and no class yet."""
    unplaced = Q(centre__isnull=True) & ~Exists(Enrolment.objects.filter(learner=OuterRef("pk")))
    theirs = Enrolment.objects.filter(training_class__centre__in=ids).values("learner_id")
    return Q(centre__in=ids) | unplaced | Q(pk__in=theirs)


class CentrePolicy(StaffOnlyPolicy):
    """Staff edit their own centres; only who sees every centre (a superuser) adds one."""

    centre_path = "pk"

    def user_has_permission(self, user, action):
        if action == "add" and not access.sees_all_centres(user):
            return False
        return super().user_has_permission(user, action)


class CentreModelPolicy(CentreScopeMixin, ModelPermissionPolicy):
    """The model permissions of the user's groups, on the objects of their centres; the
    province role reads every centre's."""

    def user_has_permission(self, user, action):
        return self.reads_every_centre(user, action) or super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if self.reads_every_centre(user, action):
            return True
        return super().user_has_permission(user, action) and self.in_centres(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if any(self.reads_every_centre(user, action) for action in actions):
            return queryset
        if not super().user_has_any_permission(user, actions):
            return queryset.none()
        return self.centre_scope(queryset, user)


class PeoplePolicy(ModelPermissionPolicy):
    """Wagtail's user permissions ("Can add / change / delete user") on the people of the
    user's centres (``people_q``); superusers and the province role act on everyone, and
    so does everyone while the installation has one centre. Registered for the user model
    by ``lms.apps_users``; the user screens (``lms.admin.users``) take their querysets
    from ``people``, so another centre's person is "not found"."""

    def people(self, queryset, user):
        ids = access.centre_ids(user)
        if ids is None or not access.several_centres():
            return queryset
        return queryset.filter(people_q(ids))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            self.people(self.model._default_manager.filter(pk=instance.pk), user).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        return self.people(queryset, user)


def people_q(ids) -> Q:
    """Users of the centres ``ids``: their members, their learners (``learner_q``) and
    accounts with neither yet; never a superuser nor who sees every centre (the province
    role), whom only those above the centres manage."""
    members = CentreMembership.objects.filter(user=OuterRef("pk"))
    learners = LearnerProfile.objects.filter(user=OuterRef("pk"))
    app_label, codename = VIEW_ALL_CENTRES.split(".")
    every_centre = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    above = get_user_model()._default_manager.filter(
        Q(groups__permissions__in=every_centre) | Q(user_permissions__in=every_centre)
    )
    theirs = (
        Exists(members.filter(centre__in=ids))
        | Exists(learners.filter(learner_q(ids)))
        | (~Exists(members) & ~Exists(learners))
    )
    return theirs & Q(is_superuser=False) & ~Q(pk__in=above.values("pk"))


def assignable_groups(user):
    """The groups (roles) ``user`` may give or take away on the user screens: all for a
    superuser; for anyone else those whose permissions they hold themselves ("no one
    grants what they do not hold"): every model permission among their own, and every
    page or collection permission held on the same page or collection by a group of
    theirs. No one else is offered the province role or an administrators' group."""
    groups = Group.objects.order_by("name")
    if user.is_superuser:
        return groups
    held = user.get_all_permissions()
    rows = Group.objects.values_list(
        "pk", "permissions__content_type__app_label", "permissions__codename"
    )
    refused = {pk for pk, app, codename in rows if app and f"{app}.{codename}" not in held}
    own = user.groups.all() if user.is_active else Group.objects.none()
    for model, place in ((GroupPagePermission, "page"), (GroupCollectionPermission, "collection")):
        also_mine = model.objects.filter(
            group__in=own, permission=OuterRef("permission"), **{place: OuterRef(place)}
        )
        refused |= set(model.objects.filter(~Exists(also_mine)).values_list("group_id", flat=True))
    return groups.exclude(pk__in=refused)
