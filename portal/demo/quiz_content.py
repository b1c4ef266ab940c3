"""Demo question bank for the course "Bồi dưỡng nhận thức về Đảng".

Data only. Every question is drawn from what the course's six demo lessons say
(portal/demo/content.py) and keeps to well-established facts; no quotation is
attributed to anyone. Option feedback is short and shown after the attempt.

Each question is a dict: ``kind`` (single, multiple, true_false, short), ``stem``
(plain text), ``options`` [(text, is_correct) or (text, is_correct, feedback)] for
choice questions, ``accepted`` (answers counted as right) for short answers, and an
optional ``feedback`` shown to everyone after the attempt.
"""

COURSE_SLUG = "boi-duong-nhan-thuc-ve-dang"


def single(stem, options, feedback=""):
    return {"kind": "single", "stem": stem, "options": options, "feedback": feedback}


def multiple(stem, options, feedback=""):
    return {"kind": "multiple", "stem": stem, "options": options, "feedback": feedback}


def true_false(stem, answer, feedback=""):
    options = [("Đúng", answer), ("Sai", not answer)]
    return {"kind": "true_false", "stem": stem, "options": options, "feedback": feedback}


def short(stem, accepted, feedback=""):
    return {"kind": "short", "stem": stem, "accepted": accepted, "feedback": feedback}


HISTORY_AND_PLATFORM = [
    single(
        "Ngày nào được lấy làm ngày thành lập Đảng Cộng sản Việt Nam?",
        [
            ("Ngày 3 tháng 2 năm 1930", True),
            ("Ngày 2 tháng 9 năm 1945", False, "Đây là ngày đọc Tuyên ngôn độc lập."),
            ("Ngày 7 tháng 5 năm 1954", False, "Đây là ngày chiến thắng Điện Biên Phủ."),
            ("Ngày 30 tháng 4 năm 1975", False, "Đây là ngày miền Nam hoàn toàn giải phóng."),
        ],
        "Đầu năm 1930, hội nghị hợp nhất các tổ chức cộng sản lập ra Đảng Cộng sản "
        "Việt Nam; ngày 3/2 được lấy làm ngày thành lập Đảng.",
    ),
    short(
        "Ai là người sáng lập Đảng Cộng sản Việt Nam? (Ghi họ tên.)",
        ["Nguyễn Ái Quốc", "Hồ Chí Minh", "Chủ tịch Hồ Chí Minh", "Lãnh tụ Nguyễn Ái Quốc"],
        "Đảng Cộng sản Việt Nam do lãnh tụ Nguyễn Ái Quốc (Chủ tịch Hồ Chí Minh) sáng lập.",
    ),
    single(
        "Hội nghị hợp nhất các tổ chức cộng sản ở Việt Nam đầu năm 1930 họp ở đâu?",
        [
            ("Hương Cảng (Trung Quốc)", True),
            ("Hà Nội", False),
            ("Sài Gòn", False),
            ("Huế", False),
        ],
        "Hội nghị họp tại Hương Cảng (Trung Quốc) do Nguyễn Ái Quốc chủ trì.",
    ),
    single(
        "Cương lĩnh chính trị đầu tiên của Đảng gồm những văn kiện nào?",
        [
            ("Chánh cương vắn tắt và Sách lược vắn tắt", True),
            ("Tuyên ngôn độc lập", False, "Tuyên ngôn độc lập được đọc ngày 2/9/1945."),
            (
                "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội",
                False,
                "Cương lĩnh này được Đại hội VII thông qua năm 1991.",
            ),
            ("Điều lệ Đảng", False),
        ],
        "Chánh cương vắn tắt và Sách lược vắn tắt do Nguyễn Ái Quốc soạn thảo, được hội "
        "nghị thành lập Đảng thông qua.",
    ),
    single(
        "Từ Đại hội II (năm 1951), Đảng mang tên gọi nào?",
        [
            ("Đảng Lao động Việt Nam", True),
            ("Đảng Cộng sản Đông Dương", False, "Tên gọi này dùng từ tháng 10/1930."),
            ("Đảng Cộng sản Việt Nam", False, "Đại hội IV (1976) lấy lại tên này."),
        ],
    ),
    single(
        "Đại hội nào quyết định lấy lại tên Đảng Cộng sản Việt Nam?",
        [
            ("Đại hội IV (năm 1976)", True),
            ("Đại hội II (năm 1951)", False, "Đại hội II đổi tên thành Đảng Lao động Việt Nam."),
            ("Đại hội VI (năm 1986)", False, "Đại hội VI đề ra đường lối đổi mới."),
            ("Đại hội VII (năm 1991)", False, "Đại hội VII thông qua Cương lĩnh năm 1991."),
        ],
    ),
    true_false(
        "Ngày 2/9/1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn độc lập, khai sinh nước Việt Nam "
        "Dân chủ Cộng hòa.",
        True,
        "Đúng: đây là thành quả của Cách mạng Tháng Tám năm 1945.",
    ),
    true_false(
        "Chiến thắng Điện Biên Phủ diễn ra ngày 30/4/1975.",
        False,
        "Sai: chiến thắng Điện Biên Phủ ngày 7/5/1954 kết thúc cuộc kháng chiến chống thực "
        "dân Pháp; ngày 30/4/1975 miền Nam được hoàn toàn giải phóng.",
    ),
    single(
        "Đại hội nào của Đảng đề ra đường lối đổi mới toàn diện đất nước?",
        [
            ("Đại hội VI (tháng 12/1986)", True),
            ("Đại hội IV (năm 1976)", False),
            ("Đại hội VII (năm 1991)", False),
            ("Đại hội XI (năm 2011)", False),
        ],
        "Đại hội VI (12/1986) đề ra đường lối đổi mới toàn diện, trước hết là đổi mới tư duy, "
        "nhất là tư duy kinh tế.",
    ),
    single(
        "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội được thông "
        "qua tại Đại hội nào?",
        [
            ("Đại hội VII (tháng 6/1991)", True),
            ("Đại hội VI (năm 1986)", False),
            ("Đại hội IV (năm 1976)", False),
            ("Đại hội XIII (năm 2021)", False),
        ],
    ),
    single(
        "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội được bổ "
        "sung, phát triển vào năm nào?",
        [
            ("Năm 2011, tại Đại hội XI", True),
            ("Năm 1996", False),
            ("Năm 2006", False),
            ("Năm 2021", False),
        ],
        "Cương lĩnh (bổ sung, phát triển năm 2011) kế thừa Cương lĩnh năm 1991 sau 20 năm "
        "thực hiện.",
    ),
    multiple(
        "Theo Cương lĩnh, xã hội xã hội chủ nghĩa mà nhân dân ta xây dựng có những đặc trưng "
        "nào dưới đây? (Chọn tất cả các ý đúng.)",
        [
            ("Do nhân dân làm chủ", True),
            ("Có nền văn hóa tiên tiến, đậm đà bản sắc dân tộc", True),
            ("Các dân tộc bình đẳng, đoàn kết, tôn trọng và giúp nhau cùng phát triển", True),
            ("Có nền kinh tế kế hoạch hóa tập trung, bao cấp", False),
            ("Đóng cửa, hạn chế quan hệ với các nước", False),
        ],
        "Cương lĩnh nêu xã hội dân giàu, nước mạnh, dân chủ, công bằng, văn minh, có quan hệ "
        "hữu nghị và hợp tác với các nước trên thế giới.",
    ),
    single(
        "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội nêu bao "
        "nhiêu phương hướng cơ bản?",
        [
            ("Tám", True),
            ("Năm", False),
            ("Sáu", False),
            ("Mười", False),
        ],
    ),
    single(
        "Theo Cương lĩnh, nhân tố hàng đầu quyết định thắng lợi của cách mạng Việt Nam là gì?",
        [
            ("Sự lãnh đạo đúng đắn của Đảng", True),
            ("Điều kiện tự nhiên thuận lợi", False),
            ("Sự giúp đỡ từ bên ngoài", False),
            ("Tiềm lực kinh tế sẵn có", False),
        ],
    ),
]

CHARTER_AND_HO_CHI_MINH = [
    single(
        "Điều lệ Đảng hiện hành do Đại hội nào thông qua?",
        [
            ("Đại hội XI (năm 2011)", True),
            ("Đại hội VI (năm 1986)", False),
            ("Đại hội VII (năm 1991)", False),
            ("Đại hội XIII (năm 2021)", False),
        ],
    ),
    single(
        "Nguyên tắc tổ chức cơ bản của Đảng là gì?",
        [
            ("Tập trung dân chủ", True),
            ("Dân chủ tuyệt đối, không cần tập trung", False),
            ("Cá nhân quyết định, tập thể thi hành", False),
            ("Mỗi tổ chức đảng tự đặt nguyên tắc riêng", False),
        ],
        "Điều lệ Đảng lấy tập trung dân chủ làm nguyên tắc tổ chức cơ bản: dân chủ khi "
        "thảo luận, thống nhất khi hành động.",
    ),
    single(
        "Theo Điều 1 Điều lệ Đảng, công dân Việt Nam từ bao nhiêu tuổi trở lên có thể được "
        "xét kết nạp vào Đảng?",
        [
            ("Từ 18 tuổi trở lên", True),
            ("Từ 16 tuổi trở lên", False),
            ("Từ 20 tuổi trở lên", False),
            ("Từ 21 tuổi trở lên", False),
        ],
    ),
    single(
        "Điều 2 Điều lệ Đảng quy định bao nhiêu nhóm nhiệm vụ của đảng viên?",
        [
            ("Bốn", True),
            ("Hai", False),
            ("Ba", False),
            ("Sáu", False),
        ],
    ),
    multiple(
        "Đảng viên dự bị KHÔNG có những quyền nào dưới đây? (Chọn tất cả các ý đúng.)",
        [
            ("Quyền biểu quyết", True),
            ("Quyền ứng cử cơ quan lãnh đạo của Đảng", True),
            ("Quyền bầu cử cơ quan lãnh đạo của Đảng", True),
            (
                "Quyền được thông tin và thảo luận công việc của Đảng",
                False,
                "Đảng viên dự bị có quyền này.",
            ),
            (
                "Quyền phê bình, chất vấn, báo cáo, kiến nghị với cơ quan có trách nhiệm",
                False,
                "Đảng viên dự bị có quyền này.",
            ),
        ],
        "Đảng viên dự bị có các quyền của đảng viên, trừ quyền biểu quyết, ứng cử và bầu cử "
        "cơ quan lãnh đạo của Đảng.",
    ),
    single(
        "Cơ quan lãnh đạo cao nhất của Đảng là gì?",
        [
            ("Đại hội đại biểu toàn quốc", True),
            (
                "Ban Chấp hành Trung ương",
                False,
                "Ban Chấp hành Trung ương lãnh đạo giữa hai kỳ đại hội.",
            ),
            ("Bộ Chính trị", False),
            ("Ban Bí thư", False),
        ],
    ),
    single(
        "Giữa hai kỳ Đại hội đại biểu toàn quốc, cơ quan lãnh đạo của Đảng là:",
        [
            ("Ban Chấp hành Trung ương", True),
            ("Bộ Chính trị", False),
            ("Ban Bí thư", False),
            ("Ủy ban Kiểm tra Trung ương", False),
        ],
    ),
    true_false(
        "Theo nguyên tắc tập trung dân chủ, đảng viên có ý kiến thuộc về thiểu số được bảo "
        "lưu và báo cáo lên cấp trên, nhưng phải chấp hành nghiêm nghị quyết.",
        True,
    ),
    true_false(
        "Nghị quyết của các cơ quan lãnh đạo của Đảng có giá trị thi hành khi được một phần "
        "ba số thành viên tán thành.",
        False,
        "Sai: nghị quyết chỉ có giá trị thi hành khi được hơn một nửa số thành viên tán thành.",
    ),
    single(
        "Đảng lấy gì làm nền tảng tư tưởng, kim chỉ nam cho hành động?",
        [
            ("Chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh", True),
            ("Chỉ riêng chủ nghĩa Mác - Lênin", False),
            ("Chỉ riêng tư tưởng Hồ Chí Minh", False),
            ("Điều lệ Đảng", False),
        ],
    ),
    short(
        "Điền cụm từ còn thiếu vào chuẩn mực đạo đức cách mạng mà Chủ tịch Hồ Chí Minh "
        "đặc biệt coi trọng: “cần, kiệm, liêm, chính, …”.",
        ["chí công vô tư"],
        "Cần, kiệm, liêm, chính, chí công vô tư.",
    ),
    single(
        "Chỉ thị số 05-CT/TW (năm 2016) của Bộ Chính trị có nội dung gì?",
        [
            ("Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", True),
            (
                "Tăng cường bảo vệ nền tảng tư tưởng của Đảng",
                False,
                "Đó là Nghị quyết số 35-NQ/TW (năm 2018).",
            ),
            (
                "Xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược",
                False,
                "Đó là Nghị quyết số 26-NQ/TW (năm 2018).",
            ),
            ("Thông qua Điều lệ Đảng", False, "Điều lệ Đảng do Đại hội thông qua."),
        ],
    ),
    multiple(
        "Phong cách Hồ Chí Minh thể hiện ở những điểm nào dưới đây? (Chọn tất cả các ý đúng.)",
        [
            ("Cách làm việc dân chủ, khoa học, sát thực tế, gần dân", True),
            ("Cách nói, cách viết ngắn gọn, dễ hiểu", True),
            ("Lối sống giản dị, khiêm tốn", True),
            ("Cách làm việc hình thức, xa dân", False),
            ("Lối sống cầu kỳ, phô trương", False),
        ],
    ),
    true_false(
        "Làm theo Bác bắt đầu từ những việc làm cụ thể, thường xuyên, nói đi đôi với làm.",
        True,
    ),
]

BECOMING_A_MEMBER_AND_BUILDING_THE_PARTY = [
    single(
        "Thời kỳ dự bị của người được kết nạp vào Đảng là bao lâu?",
        [
            ("12 tháng", True),
            ("6 tháng", False),
            ("18 tháng", False),
            ("24 tháng", False),
        ],
    ),
    single(
        "Thời kỳ dự bị được tính từ khi nào?",
        [
            ("Từ ngày chi bộ tổ chức lễ kết nạp", True),
            ("Từ ngày nộp đơn xin vào Đảng", False),
            ("Từ ngày được cấp giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng", False),
        ],
    ),
    short(
        "Người vào Đảng cần được bao nhiêu đảng viên chính thức giới thiệu? (Ghi bằng số.)",
        ["2", "hai", "2 đảng viên", "hai đảng viên"],
        "Cần hai đảng viên chính thức giới thiệu.",
    ),
    single(
        "Người giới thiệu phải cùng công tác với người vào Đảng ít nhất bao lâu?",
        [
            ("Một năm", True),
            ("Sáu tháng", False),
            ("Hai năm", False),
            ("Ba năm", False),
        ],
        "Người giới thiệu phải cùng công tác với người vào Đảng ít nhất một năm và chịu "
        "trách nhiệm về sự giới thiệu của mình.",
    ),
    true_false(
        "Học lớp bồi dưỡng nhận thức về Đảng và được cấp giấy chứng nhận là một bước trong "
        "quá trình được xem xét kết nạp vào Đảng.",
        True,
    ),
    true_false(
        "Hết thời kỳ dự bị, đảng viên dự bị đương nhiên trở thành đảng viên chính thức mà "
        "không cần chi bộ xét.",
        False,
        "Sai: hết thời kỳ dự bị, chi bộ xét công nhận đảng viên chính thức; nếu không đủ tư "
        "cách, chi bộ đề nghị cấp ủy có thẩm quyền xóa tên trong danh sách đảng viên dự bị.",
    ),
    single(
        "Trong quy trình kết nạp, ai xem xét, quyết định kết nạp người vào Đảng?",
        [
            ("Cấp ủy có thẩm quyền, sau khi chi bộ xét và đề nghị", True),
            ("Người giới thiệu", False),
            (
                "Các đoàn thể nơi người vào Đảng làm việc",
                False,
                "Các đoàn thể cho ý kiến nhận xét.",
            ),
            ("Chính người vào Đảng", False),
        ],
    ),
    multiple(
        "Văn kiện Đại hội XIII yêu cầu xây dựng, chỉnh đốn Đảng toàn diện về những mặt nào? "
        "(Chọn tất cả các ý đúng.)",
        [
            ("Chính trị", True),
            ("Tư tưởng", True),
            ("Đạo đức", True),
            ("Tổ chức và cán bộ", True),
            ("Thể dục, thể thao", False),
        ],
        "Xây dựng, chỉnh đốn Đảng toàn diện về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ.",
    ),
    single(
        "Khâu nào được xác định là khâu then chốt của công tác xây dựng Đảng?",
        [
            ("Công tác cán bộ", True),
            ("Công tác thi đua, khen thưởng", False),
            ("Công tác văn phòng", False),
            ("Công tác tài chính đảng", False),
        ],
    ),
    single(
        "Nghị quyết số 35-NQ/TW (năm 2018) của Bộ Chính trị có nội dung gì?",
        [
            ("Tăng cường bảo vệ nền tảng tư tưởng của Đảng", True),
            (
                "Xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược",
                False,
                "Đó là Nghị quyết số 26-NQ/TW (năm 2018).",
            ),
            (
                "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                False,
                "Đó là Chỉ thị số 05-CT/TW (năm 2016).",
            ),
        ],
    ),
    single(
        "Nghị quyết Trung ương 4 khóa XII (năm 2016) tập trung vào vấn đề gì?",
        [
            (
                "Tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư "
                "tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự "
                "chuyển hóa” trong nội bộ",
                True,
            ),
            ("Thông qua Cương lĩnh xây dựng đất nước", False),
            ("Đổi tên Đảng", False),
        ],
    ),
    true_false(
        "Theo hướng dẫn hiện hành, tại thời điểm chi bộ xét kết nạp, người vào Đảng phải đủ "
        "18 tuổi đến đủ 60 tuổi; trường hợp trên 60 tuổi do cấp có thẩm quyền xem xét riêng.",
        True,
    ),
]

# Question categories, one per pair of lessons, with the quiz drawn from each.
GROUPS = [
    {
        "name": "Lịch sử và Cương lĩnh",
        "description": "Bài 1–2: Lịch sử Đảng Cộng sản Việt Nam; Cương lĩnh xây dựng đất nước.",
        "questions": HISTORY_AND_PLATFORM,
        "quiz_slug": "kiem-tra-nhom-bai-1",
        "quiz_title": "Kiểm tra nhóm bài 1",
        "after_lesson": "cuong-linh-xay-dung-dat-nuoc",
    },
    {
        "name": "Điều lệ Đảng và tư tưởng Hồ Chí Minh",
        "description": (
            "Bài 3–4: Điều lệ Đảng; Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
        ),
        "questions": CHARTER_AND_HO_CHI_MINH,
        "quiz_slug": "kiem-tra-nhom-bai-2",
        "quiz_title": "Kiểm tra nhóm bài 2",
        "after_lesson": "hoc-tap-va-lam-theo-ho-chi-minh",
    },
    {
        "name": "Phấn đấu trở thành đảng viên và xây dựng Đảng",
        "description": "Bài 5–6: Phấn đấu trở thành đảng viên; Công tác xây dựng Đảng hiện nay.",
        "questions": BECOMING_A_MEMBER_AND_BUILDING_THE_PARTY,
        "quiz_slug": "kiem-tra-nhom-bai-3",
        "quiz_title": "Kiểm tra nhóm bài 3",
        "after_lesson": "cong-tac-xay-dung-dang-hien-nay",
    },
]
GROUP_QUIZ_DRAW = 10

REFLECTION = {
    "category": "Bài thu hoạch",
    "description": "Câu hỏi tự luận cho bài thu hoạch cuối khoá; giảng viên chấm.",
    "quiz_slug": "bai-thu-hoach-cuoi-khoa",
    "quiz_title": "Bài thu hoạch cuối khoá",
    "intro": (
        "<p>Bài thu hoạch là dịp để bạn nhìn lại những gì đã học và liên hệ với bản thân. "
        "Không giới hạn thời gian, nộp một lần; giảng viên chấm theo thang điểm 10.</p>"
    ),
    "stem": (
        "<p>Qua khoá bồi dưỡng nhận thức về Đảng, hãy viết bài thu hoạch (khoảng 1.000–1.500 "
        "chữ) trình bày:</p>"
        "<ol>"
        "<li>Nhận thức của bạn về một nội dung của khoá học mà bạn thấy quan trọng nhất "
        "(lịch sử Đảng, Cương lĩnh, Điều lệ Đảng, tư tưởng Hồ Chí Minh hoặc công tác xây "
        "dựng Đảng).</li>"
        "<li>Tự đánh giá ưu điểm và hạn chế của bản thân so với tiêu chuẩn đảng viên.</li>"
        "<li>Kế hoạch phấn đấu cụ thể của bạn trong thời gian tới ở nơi làm việc và nơi "
        "cư trú.</li>"
        "</ol>"
    ),
    "points": 10,
    "rubric": (
        "<p><b>Hướng dẫn chấm (thang điểm 10):</b></p>"
        "<ul>"
        "<li>Nội dung nhận thức đúng, bám sát bài học, không sai kiến thức: tối đa 4 điểm.</li>"
        "<li>Tự đánh giá bản thân trung thực, cụ thể so với tiêu chuẩn đảng viên: tối đa "
        "2 điểm.</li>"
        "<li>Kế hoạch phấn đấu cụ thể, khả thi, gắn với nơi làm việc và nơi cư trú: tối đa "
        "3 điểm.</li>"
        "<li>Trình bày mạch lạc, rõ ràng: tối đa 1 điểm.</li>"
        "</ul>"
    ),
}
