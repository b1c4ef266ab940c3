"""The three roles, as Django groups (created by a migration, editable in the admin)."""

LEARNERS = "Học viên"
LECTURERS = "Giảng viên"
STAFF = "Cán bộ Trung tâm"
# Those who run the server: they see and steer background work (lms.operations).
OPERATORS = "Vận hành"
# The provincial Party committee's propaganda and education board: sees and compares
# every centre (read only).
PROVINCE = "Ban Tuyên giáo tỉnh"

# Staff hold this permission through their group; it is the one test of "is staff".
MANAGE_ALL_CLASSES = "lms.manage_all_classes"

# Operators (and superusers) hold this one: the "Background tasks" screen.
OPERATE_BACKGROUND_TASKS = "lms.operate_background_tasks"

# The province role holds it (and superusers): every centre, not only one's own.
VIEW_ALL_CENTRES = "lms.view_all_centres"
