"""Permission policies of the training screens in the Wagtail admin.

Centre staff (``lms.access.is_staff_member``) act with the model permissions of their
group on every object. A lecturer (a user whose group may view the model but who is not
staff) may do ``lecturer_actions``, and only on objects of the classes they teach; the
test of "teaches this class" is ``lms.access``, the one place that answers it. Learners
have no admin access at all (their group lacks ``wagtailadmin.access_admin``).

Listings and object views take their querysets from ``instances_user_has_any_permission_for``,
so a lecturer opening another class's address gets "not found".
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .. import access
from ..models import Enrolment


class StaffOnlyPolicy(ModelPermissionPolicy):
    """The model permissions of the user's groups, for centre staff only."""

    def user_has_permission(self, user, action):
        return access.is_staff_member(user) and super().user_has_permission(user, action)


class ClassScopedPolicy(ModelPermissionPolicy):
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
        return action in self.lecturer_actions and self.is_lecturer(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if access.is_staff_member(user):
            return super().user_has_permission(user, action)
        return (
            action in self.lecturer_actions
            and self.is_lecturer(user)
            and self.lecturer_may(user, instance)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if access.is_staff_member(user):
            return queryset if super().user_has_any_permission(user, actions) else queryset.none()
        if self.lecturer_actions.isdisjoint(actions) or not self.is_lecturer(user):
            return queryset.none()
        return self.lecturer_scope(queryset, user)


class ClassPolicy(ClassScopedPolicy):
    """Lecturers see and edit the classes they teach; staff manage all."""

    lecturer_actions = frozenset({"view", "change"})

    def lecturer_scope(self, queryset, user):
        return queryset.filter(lecturer_links__user=user)

    def lecturer_may(self, user, instance):
        return access.can_manage_class(user, instance)


class SessionPolicy(ClassScopedPolicy):
    """Lecturers see, add and edit the sessions of the classes they teach."""

    lecturer_actions = frozenset({"view", "add", "change"})

    def lecturer_scope(self, queryset, user):
        return queryset.filter(training_class__lecturer_links__user=user)

    def lecturer_may(self, user, instance):
        return access.can_manage_class(user, instance.training_class)


class LearnerPolicy(ClassScopedPolicy):
    """Lecturers read the personal data of the learners of their classes."""

    lecturer_actions = frozenset({"view"})

    def lecturer_scope(self, queryset, user):
        return queryset.filter(
            pk__in=Enrolment.objects.filter(training_class__lecturer_links__user=user).values(
                "learner_id"
            )
        )

    def lecturer_may(self, user, instance):
        return access.can_view_learner(user, instance)
