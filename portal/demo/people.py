"""Demo organisations and learners: realistic Vietnamese names, made up."""

import random

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ma",
    "Hà",
    "Nông",
    "Lý",
    "Triệu",
    "Quan",
    "Hứa",
    "La",
    "Chu",
    "Lục",
    "Mai",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Xuân", "Thanh"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Kim", "Hồng"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quang",
    "Sơn",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Hà",
    "Hằng",
    "Hoa",
    "Huyền",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Phương",
    "Thảo",
    "Trang",
    "Vân",
    "Yến",
]
ETHNICITIES = ["Kinh", "Tày", "Dao", "Nùng", "Mông", "Cao Lan"]

# (name, kind, place, children)
ORGANISATIONS = [
    (
        "Đảng bộ xã Yên Nguyên",
        "party_committee",
        "xã Yên Nguyên",
        [
            ("Chi bộ thôn Đồng Cọ", "party_cell", "thôn Đồng Cọ"),
            ("Chi bộ thôn Hợp Thành", "party_cell", "thôn Hợp Thành"),
            ("Chi bộ Trường THCS Yên Nguyên", "party_cell", "xã Yên Nguyên"),
        ],
    ),
    (
        "Đảng bộ xã Kim Bình",
        "party_committee",
        "xã Kim Bình",
        [
            ("Chi bộ thôn Nà Coóc", "party_cell", "thôn Nà Coóc"),
            ("Chi bộ Trạm Y tế xã Kim Bình", "party_cell", "xã Kim Bình"),
        ],
    ),
    ("Đoàn Thanh niên huyện", "mass_organisation", "thị trấn", []),
]


def learners(count: int, seed: int = 2023):
    """``count`` made-up learners, the same ones every time."""
    rng = random.Random(seed)
    people = []
    for number in range(count):
        female = rng.random() < 0.5
        name = " ".join(
            [
                rng.choice(FAMILY_NAMES),
                rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                rng.choice(GIVEN_FEMALE if female else GIVEN_MALE),
            ]
        )
        people.append(
            {
                "username": f"demo{number + 1:03d}",
                "full_name": name,
                "gender": "female" if female else "male",
                "ethnicity": rng.choice(ETHNICITIES),
                "birth_year": rng.randint(1975, 2004),
                "category": rng.choice(
                    ["elite_masses", "elite_masses", "youth_union", "association", "cadre"]
                ),
                "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
            }
        )
    return people
