"""The three roles, as Django groups (created by a migration, editable in the admin)."""

LEARNERS = "Học viên"
LECTURERS = "Giảng viên"
STAFF = "Cán bộ Trung tâm"

# Staff hold this permission through their group; it is the one test of "is staff".
MANAGE_ALL_CLASSES = "lms.manage_all_classes"
