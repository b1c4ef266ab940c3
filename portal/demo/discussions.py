"""Demo discussions: in each demo class of the Party awareness course, one pinned
question per lesson from the lecturer, learners' replies (some quoting, some
formatted), and a general class thread. Running it again changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from lms.discussions.models import Post, Thread
from lms.models import Enrolment, TrainingClass

QUESTIONS = [
    "Theo đồng chí, bài học nào từ lịch sử của Đảng còn nguyên giá trị hôm nay?",
    "Những đặc trưng nào của xã hội xã hội chủ nghĩa gần gũi nhất với cuộc sống ở xã mình?",
    "Nhiệm vụ nào của đảng viên trong Điều lệ Đảng là khó thực hiện nhất ở cơ sở? Vì sao?",
    "Đồng chí sẽ làm theo tấm gương Bác Hồ bằng một việc cụ thể nào trong tháng tới?",
    "Để phấn đấu trở thành đảng viên, đồng chí cần rèn luyện thêm điều gì?",
]
REPLIES = [
    "Theo tôi, bài học **lấy dân làm gốc** vẫn nguyên giá trị: ở thôn tôi, việc gì bàn "
    "với dân trước thì làm được.",
    "Tôi đồng ý. Thêm một ý:\n- đoàn kết trong chi bộ\n- gương mẫu của người đứng đầu",
    "Tôi thấy khó nhất là *sinh hoạt chi bộ đều đặn* khi nhiều đồng chí đi làm xa.",
    "Có bài viết hay trên báo điện tử của Đảng: https://dangcongsan.vn, mời mọi người đọc "
    "trước buổi học.",
    "Tôi sẽ giữ sổ ghi chép việc tốt mỗi tuần, như lời Bác dạy: *việc nhỏ mà ích lợi*.",
    "Ở chi đoàn, chúng tôi chia nhau kèm các em học sinh vùng cao học buổi tối.",
]


def seed_discussions(course, out) -> None:
    classes = list(TrainingClass.objects.filter(course=course).order_by("number")[:2])
    lessons = list(course.lessons())
    User = get_user_model()
    lecturer = User.objects.filter(username="giangvien").first()
    if lecturer is None or not classes:
        return
    for training_class in classes:
        if Thread.objects.filter(training_class=training_class).exists():
            continue  # already seeded
        learners = list(
            Enrolment.objects.filter(training_class=training_class)
            .select_related("learner__user")
            .order_by("learner__full_name")[:12]
        )
        start = timezone.now() - timedelta(days=3)
        for number, lesson in enumerate(lessons):
            question = QUESTIONS[number % len(QUESTIONS)]
            when = start + timedelta(hours=number * 5)
            thread = Thread.objects.create(
                training_class=training_class,
                lesson=lesson,
                title=question,
                author=lecturer,
                pinned=True,
                created_at=when,
            )
            Post.objects.create(
                thread=thread,
                author=lecturer,
                opens_thread=True,
                source=f"{question}\n\nMỗi đồng chí trả lời ngắn, nêu **một ví dụ** ở cơ sở.",
                created_at=when,
            )
            for offset in range(3 + number % 3):
                enrolment = learners[(number * 3 + offset) % len(learners)] if learners else None
                if enrolment is None:
                    break
                Post.objects.create(
                    thread=thread,
                    author=enrolment.learner.user,
                    enrolment=enrolment,
                    source=REPLIES[(number + offset) % len(REPLIES)],
                    created_at=when + timedelta(minutes=20 * (offset + 1)),
                )
            thread.refresh_stats()
        if learners:
            general = Thread.objects.create(
                training_class=training_class,
                title="Hỏi đáp về lịch học tập trung",
                author=learners[0].learner.user,
                created_at=start,
            )
            Post.objects.create(
                thread=general,
                author=learners[0].learner.user,
                enrolment=learners[0],
                opens_thread=True,
                source="Buổi học tập trung đầu tiên có cần mang theo **Điều lệ Đảng** không ạ?",
                created_at=start,
            )
            Post.objects.create(
                thread=general,
                author=lecturer,
                source="> Buổi học tập trung đầu tiên có cần mang theo Điều lệ Đảng không ạ?\n\n"
                "Có, các đồng chí mang theo sổ ghi chép và Điều lệ Đảng.",
                created_at=start + timedelta(hours=1),
            )
            general.refresh_stats()
        out.write(f"  + discussions in {training_class}")
