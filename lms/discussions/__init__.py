"""Discussion threads per lesson within a class and per class: safe formatting,
moderation by the class's lecturers and staff, batched notifications."""
