"""Demo course content for the Vun Trồng learning portal.

Data only: plain Python literals describing two demo courses. The text is an
original, simplified study summary written for the portal; it does not replace
the official documents. Quotations are limited to passages quoted verbatim with
their source.
"""

COURSES = [
    {
        "slug": "boi-duong-nhan-thuc-ve-dang",
        "title": "Bồi dưỡng nhận thức về Đảng",
        "program": "nhan-thuc-ve-dang",
        "audience": "Quần chúng ưu tú đang phấn đấu vào Đảng, được chi bộ giới thiệu tham gia lớp bồi dưỡng nhận thức về Đảng.",
        "summary": "Khóa học giúp quần chúng ưu tú tìm hiểu lịch sử, Cương lĩnh chính trị và Điều lệ Đảng Cộng sản Việt Nam, việc học tập và làm theo Bác Hồ, các bước phấn đấu trở thành đảng viên và công tác xây dựng Đảng hiện nay. Mỗi bài đọc trước đều có câu hỏi suy ngẫm để chuẩn bị cho buổi trao đổi trực tiếp tại Trung tâm Chính trị.",
        "expected_hours": 40,
        "lessons": [
            {
                "slug": "lich-su-dang-cong-san-viet-nam",
                "title": "Lịch sử Đảng Cộng sản Việt Nam",
                "summary": "Những mốc lớn trong lịch sử Đảng: sự ra đời năm 1930, Cách mạng Tháng Tám năm 1945, hai cuộc kháng chiến giành độc lập, thống nhất đất nước và công cuộc đổi mới từ năm 1986.",
                "minutes": 30,
                "body": [
                    ("heading", "Sự ra đời của Đảng"),
                    (
                        "paragraph",
                        (
                            "<p>Đầu thế kỷ XX, nhiều phong trào yêu nước chống thực dân Pháp nổ ra nhưng đều không thành công, vì chưa có đường lối đúng đắn và chưa có một tổ chức đủ sức tập hợp, lãnh đạo toàn dân tộc. Lãnh tụ Nguyễn Ái Quốc đã tìm đến chủ nghĩa Mác - Lênin, truyền bá lý luận cách mạng về trong nước và chuẩn bị về tư tưởng, chính trị, tổ chức cho sự ra đời của một chính đảng cách mạng.</p>"
                            "<p>Đầu năm 1930, tại Hương Cảng (Trung Quốc), Nguyễn Ái Quốc chủ trì hội nghị hợp nhất các tổ chức cộng sản ở Việt Nam thành <b>Đảng Cộng sản Việt Nam</b>; ngày <b>3 tháng 2</b> được lấy làm ngày thành lập Đảng. Chánh cương vắn tắt và Sách lược vắn tắt do Nguyễn Ái Quốc soạn thảo, được hội nghị thông qua, hợp thành Cương lĩnh chính trị đầu tiên của Đảng. Trong quá trình lịch sử, Đảng mang các tên gọi Đảng Cộng sản Đông Dương (từ tháng 10/1930), Đảng Lao động Việt Nam (từ Đại hội II, năm 1951); Đại hội IV (năm 1976) quyết định lấy lại tên Đảng Cộng sản Việt Nam.</p>"
                        ),
                    ),
                    ("heading", "Lãnh đạo giành và bảo vệ độc lập, thống nhất đất nước"),
                    (
                        "paragraph",
                        (
                            "<p>Dưới sự lãnh đạo của Đảng, nhân dân ta trải qua các cao trào cách mạng 1930–1931, 1936–1939 và 1939–1945. Nắm vững thời cơ, Đảng lãnh đạo toàn dân tổng khởi nghĩa giành chính quyền trong <b>Cách mạng Tháng Tám năm 1945</b>. Ngày 2/9/1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn độc lập, khai sinh nước Việt Nam Dân chủ Cộng hòa.</p>"
                            "<p>Tiếp đó, Đảng lãnh đạo cuộc kháng chiến chống thực dân Pháp, kết thúc bằng chiến thắng Điện Biên Phủ (7/5/1954) và Hiệp định Giơnevơ năm 1954; rồi lãnh đạo cuộc kháng chiến chống Mỹ, cứu nước, vừa xây dựng chủ nghĩa xã hội ở miền Bắc, vừa đấu tranh giải phóng miền Nam. Ngày 30/4/1975, miền Nam được hoàn toàn giải phóng, đất nước thống nhất.</p>"
                        ),
                    ),
                    ("heading", "Công cuộc đổi mới"),
                    (
                        "paragraph",
                        "<p>Sau năm 1975, cả nước đi lên chủ nghĩa xã hội trong điều kiện nhiều khó khăn. Đại hội đại biểu toàn quốc lần thứ VI của Đảng (tháng 12/1986) đề ra đường lối <b>đổi mới toàn diện</b>, trước hết là đổi mới tư duy, nhất là tư duy kinh tế. Qua các kỳ đại hội tiếp theo, đường lối đổi mới được bổ sung, phát triển; đất nước ra khỏi khủng hoảng kinh tế - xã hội, đời sống nhân dân được cải thiện, vị thế quốc tế ngày càng được nâng cao.</p>",
                    ),
                    (
                        "key_points",
                        [
                            "Đảng Cộng sản Việt Nam do Nguyễn Ái Quốc sáng lập; ngày 3/2/1930 là ngày thành lập Đảng.",
                            "Cách mạng Tháng Tám năm 1945 thành công, khai sinh nước Việt Nam Dân chủ Cộng hòa (2/9/1945).",
                            "Hai cuộc kháng chiến chống thực dân Pháp và chống Mỹ, cứu nước thắng lợi; đất nước thống nhất năm 1975.",
                            "Đại hội VI (tháng 12/1986) khởi xướng công cuộc đổi mới toàn diện đất nước.",
                        ],
                    ),
                    (
                        "quotation",
                        {
                            "text": "Không có gì quý hơn độc lập, tự do!",
                            "document": "Hồ Chí Minh, Lời kêu gọi đồng bào và chiến sĩ cả nước",
                            "citation": "Ngày 17/7/1966",
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": "Khi ôn tập, đừng chỉ học thuộc ngày tháng. Với mỗi mốc lịch sử, hãy tự trả lời: bối cảnh lúc đó ra sao, Đảng đã có quyết định gì, và kết quả có ý nghĩa như thế nào.",
                        },
                    ),
                    (
                        "reflection",
                        "Vì sao sự ra đời của Đảng năm 1930 được xem là bước ngoặt của cách mạng Việt Nam? Hãy chọn một sự kiện lịch sử gắn với quê hương bạn và liên hệ với những mốc lớn trong bài.",
                    ),
                ],
            },
            {
                "slug": "cuong-linh-xay-dung-dat-nuoc",
                "title": "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội",
                "summary": "Hoàn cảnh ra đời của Cương lĩnh năm 1991, Cương lĩnh bổ sung, phát triển năm 2011, mô hình xã hội xã hội chủ nghĩa mà nhân dân ta xây dựng và các phương hướng cơ bản để thực hiện.",
                "minutes": 30,
                "body": [
                    ("heading", "Hoàn cảnh ra đời và sự phát triển của Cương lĩnh"),
                    (
                        "paragraph",
                        (
                            "<p>Cương lĩnh chính trị là văn kiện nền tảng của Đảng, xác định mục tiêu, con đường và những phương hướng cơ bản của cách mạng. Tháng 6/1991, khi chủ nghĩa xã hội ở Liên Xô và các nước Đông Âu lâm vào khủng hoảng, còn trong nước công cuộc đổi mới mới bước đầu, Đại hội đại biểu toàn quốc lần thứ VII của Đảng thông qua <b>Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội</b>.</p>"
                            "<p>Sau 20 năm thực hiện, Đại hội XI (tháng 1/2011) thông qua <b>Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội (bổ sung, phát triển năm 2011)</b>. Văn kiện này kế thừa Cương lĩnh năm 1991, tổng kết thực tiễn đổi mới và làm rõ thêm nhận thức về chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở nước ta.</p>"
                        ),
                    ),
                    ("heading", "Những nội dung cơ bản"),
                    (
                        "paragraph",
                        (
                            "<p>Cương lĩnh khái quát quá trình cách mạng và rút ra những bài học lớn: nắm vững ngọn cờ độc lập dân tộc và chủ nghĩa xã hội; sự nghiệp cách mạng là của nhân dân, do nhân dân và vì nhân dân; không ngừng củng cố, tăng cường đoàn kết; kết hợp sức mạnh dân tộc với sức mạnh thời đại; sự lãnh đạo đúng đắn của Đảng là nhân tố hàng đầu quyết định thắng lợi của cách mạng.</p>"
                            "<p>Theo Cương lĩnh, xã hội xã hội chủ nghĩa mà nhân dân ta xây dựng là xã hội dân giàu, nước mạnh, dân chủ, công bằng, văn minh; do nhân dân làm chủ; có nền kinh tế phát triển cao và nền văn hóa tiên tiến, đậm đà bản sắc dân tộc; con người có cuộc sống ấm no, tự do, hạnh phúc; các dân tộc bình đẳng, đoàn kết, tôn trọng và giúp nhau cùng phát triển; có Nhà nước pháp quyền xã hội chủ nghĩa của nhân dân, do nhân dân, vì nhân dân do Đảng Cộng sản lãnh đạo; có quan hệ hữu nghị và hợp tác với các nước trên thế giới.</p>"
                            "<p>Để thực hiện mục tiêu đó, Cương lĩnh nêu <b>tám phương hướng cơ bản</b>, tóm tắt như sau:</p>"
                            "<ol>"
                            "<li>Đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước gắn với phát triển kinh tế tri thức, bảo vệ tài nguyên, môi trường.</li>"
                            "<li>Phát triển nền kinh tế thị trường định hướng xã hội chủ nghĩa.</li>"
                            "<li>Xây dựng nền văn hóa tiên tiến, đậm đà bản sắc dân tộc; xây dựng con người, nâng cao đời sống nhân dân, thực hiện tiến bộ và công bằng xã hội.</li>"
                            "<li>Bảo đảm vững chắc quốc phòng và an ninh quốc gia, trật tự, an toàn xã hội.</li>"
                            "<li>Thực hiện đường lối đối ngoại độc lập, tự chủ, hòa bình, hữu nghị, hợp tác và phát triển; chủ động và tích cực hội nhập quốc tế.</li>"
                            "<li>Xây dựng nền dân chủ xã hội chủ nghĩa, thực hiện đại đoàn kết toàn dân tộc.</li>"
                            "<li>Xây dựng Nhà nước pháp quyền xã hội chủ nghĩa của nhân dân, do nhân dân, vì nhân dân.</li>"
                            "<li>Xây dựng Đảng trong sạch, vững mạnh.</li>"
                            "</ol>"
                        ),
                    ),
                    (
                        "key_points",
                        [
                            "Cương lĩnh năm 1991 do Đại hội VII thông qua; Cương lĩnh bổ sung, phát triển năm 2011 do Đại hội XI thông qua.",
                            "Mục tiêu bao trùm: xây dựng xã hội dân giàu, nước mạnh, dân chủ, công bằng, văn minh.",
                            "Cương lĩnh nêu các đặc trưng của xã hội xã hội chủ nghĩa ở Việt Nam và tám phương hướng cơ bản để xây dựng.",
                            "Sự lãnh đạo đúng đắn của Đảng là nhân tố hàng đầu quyết định thắng lợi của cách mạng Việt Nam.",
                        ],
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": "Để đọc Cương lĩnh dễ hơn, hãy chia thành ba phần: những bài học kinh nghiệm; mô hình xã hội xã hội chủ nghĩa (các đặc trưng); và các phương hướng cơ bản để thực hiện.",
                        },
                    ),
                    (
                        "reflection",
                        "Trong tám phương hướng cơ bản của Cương lĩnh, phương hướng nào gần gũi nhất với công việc hằng ngày của bạn? Bạn có thể đóng góp điều gì cụ thể để thực hiện phương hướng đó?",
                    ),
                ],
            },
            {
                "slug": "dieu-le-dang",
                "title": "Điều lệ Đảng",
                "summary": "Điều lệ Đảng quy định những ai có thể được xét kết nạp, nhiệm vụ và quyền của đảng viên, và nguyên tắc tập trung dân chủ trong tổ chức, hoạt động của Đảng.",
                "minutes": 35,
                "body": [
                    ("heading", "Điều lệ Đảng là gì?"),
                    (
                        "paragraph",
                        "<p>Điều lệ Đảng là văn bản quy định về tổ chức và hoạt động của Đảng: đảng viên; nguyên tắc tổ chức; hệ thống tổ chức từ Trung ương đến cơ sở; công tác kiểm tra, giám sát và kỷ luật; quan hệ của Đảng với Nhà nước và các đoàn thể. Điều lệ Đảng hiện hành do Đại hội đại biểu toàn quốc lần thứ XI (năm 2011) thông qua. Phần mở đầu của Điều lệ khẳng định Đảng lấy chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh làm nền tảng tư tưởng, kim chỉ nam cho hành động, lấy tập trung dân chủ làm nguyên tắc tổ chức cơ bản.</p>",
                    ),
                    ("heading", "Ai có thể được xét kết nạp vào Đảng?"),
                    (
                        "paragraph",
                        "<p>Theo Điều 1, công dân Việt Nam từ 18 tuổi trở lên, thừa nhận và tự nguyện thực hiện Cương lĩnh chính trị, Điều lệ Đảng, tiêu chuẩn và nhiệm vụ đảng viên, hoạt động trong một tổ chức cơ sở đảng, qua thực tiễn chứng tỏ là người ưu tú, được nhân dân tín nhiệm, đều có thể được xét kết nạp vào Đảng.</p>",
                    ),
                    ("heading", "Nhiệm vụ và quyền của đảng viên"),
                    (
                        "paragraph",
                        (
                            "<p>Điều 2 quy định bốn nhóm nhiệm vụ của đảng viên:</p>"
                            "<ul>"
                            "<li>Tuyệt đối trung thành với mục đích, lý tưởng của Đảng; chấp hành nghiêm Cương lĩnh, Điều lệ, nghị quyết của Đảng và pháp luật của Nhà nước; hoàn thành tốt nhiệm vụ được giao.</li>"
                            "<li>Không ngừng học tập, rèn luyện, nâng cao phẩm chất chính trị, đạo đức cách mạng; đấu tranh chống chủ nghĩa cá nhân, quan liêu, tham nhũng, lãng phí và các biểu hiện tiêu cực.</li>"
                            "<li>Liên hệ chặt chẽ với nhân dân, chăm lo đời sống và bảo vệ quyền lợi chính đáng của nhân dân; tuyên truyền, vận động nhân dân thực hiện chủ trương, chính sách.</li>"
                            "<li>Tham gia xây dựng, bảo vệ đường lối và tổ chức của Đảng; giữ gìn đoàn kết; thường xuyên tự phê bình và phê bình; sinh hoạt đảng, đóng đảng phí đúng quy định.</li>"
                            "</ul>"
                            "<p>Điều 3 quy định các quyền của đảng viên: được thông tin, thảo luận và biểu quyết công việc của Đảng; ứng cử, đề cử và bầu cử cơ quan lãnh đạo các cấp của Đảng; phê bình, chất vấn, báo cáo, kiến nghị với cơ quan có trách nhiệm; trình bày ý kiến khi tổ chức đảng nhận xét, quyết định công tác hoặc thi hành kỷ luật đối với mình. Đảng viên dự bị có các quyền trên, trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng.</p>"
                        ),
                    ),
                    ("heading", "Nguyên tắc tập trung dân chủ"),
                    (
                        "paragraph",
                        "<p>Điều 9 nêu nội dung của nguyên tắc tập trung dân chủ. Tóm tắt: cơ quan lãnh đạo các cấp do bầu cử lập ra, thực hiện tập thể lãnh đạo, cá nhân phụ trách; cơ quan lãnh đạo cao nhất là Đại hội đại biểu toàn quốc, giữa hai kỳ đại hội là Ban Chấp hành Trung ương; thiểu số phục tùng đa số, cấp dưới phục tùng cấp trên, cá nhân phục tùng tổ chức; nghị quyết chỉ có giá trị thi hành khi được hơn một nửa số thành viên tán thành. Đảng viên có ý kiến thuộc về thiểu số được bảo lưu và báo cáo lên cấp trên, nhưng phải chấp hành nghiêm nghị quyết.</p>",
                    ),
                    (
                        "key_points",
                        [
                            "Điều lệ Đảng hiện hành do Đại hội XI (năm 2011) thông qua.",
                            "Công dân Việt Nam từ 18 tuổi trở lên, tự nguyện thực hiện Cương lĩnh, Điều lệ, ưu tú và được nhân dân tín nhiệm có thể được xét kết nạp.",
                            "Đảng viên dự bị chưa có quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng.",
                            "Tập trung dân chủ là nguyên tắc tổ chức cơ bản: dân chủ khi thảo luận, thống nhất khi hành động.",
                        ],
                    ),
                    (
                        "quotation",
                        {
                            "text": "Đảng Cộng sản Việt Nam - Đội tiên phong của giai cấp công nhân, đồng thời là đội tiên phong của nhân dân lao động và của dân tộc Việt Nam",
                            "document": "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013",
                            "citation": "Điều 4, khoản 1 (trích phần đầu)",
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "text": "Bài học chỉ tóm tắt để phục vụ học tập. Khi làm hồ sơ hoặc giải quyết việc cụ thể, cần căn cứ vào nguyên văn Điều lệ Đảng và các quy định, hướng dẫn thi hành Điều lệ hiện hành.",
                        },
                    ),
                    (
                        "reflection",
                        "Trong bốn nhóm nhiệm vụ của đảng viên, nhóm nào bạn thấy mình cần rèn luyện nhiều nhất ngay từ bây giờ, khi còn là quần chúng? Vì sao?",
                    ),
                ],
            },
            {
                "slug": "hoc-tap-va-lam-theo-ho-chi-minh",
                "title": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                "summary": "Những nội dung cơ bản của tư tưởng, đạo đức, phong cách Hồ Chí Minh và cách học tập, làm theo Bác bằng những việc làm cụ thể trong công tác và đời sống.",
                "minutes": 30,
                "body": [
                    ("heading", "Tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
                    (
                        "paragraph",
                        (
                            "<p>Tư tưởng Hồ Chí Minh là hệ thống quan điểm toàn diện và sâu sắc về những vấn đề cơ bản của cách mạng Việt Nam, là kết quả của sự vận dụng và phát triển sáng tạo chủ nghĩa Mác - Lênin vào điều kiện cụ thể của nước ta, kế thừa truyền thống tốt đẹp của dân tộc và tiếp thu tinh hoa văn hóa nhân loại. Cùng với chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh là nền tảng tư tưởng, kim chỉ nam cho hành động của Đảng.</p>"
                            "<p>Về đạo đức, Chủ tịch Hồ Chí Minh đặc biệt coi trọng các chuẩn mực: <b>trung với nước, hiếu với dân</b>; <b>cần, kiệm, liêm, chính, chí công vô tư</b>; thương yêu con người, sống có nghĩa, có tình; tinh thần quốc tế trong sáng. Phong cách Hồ Chí Minh thể hiện ở cách nghĩ độc lập, sáng tạo; cách làm việc dân chủ, khoa học, sát thực tế, gần dân; cách nói, cách viết ngắn gọn, dễ hiểu; lối sống giản dị, khiêm tốn.</p>"
                        ),
                    ),
                    ("heading", "Học tập và làm theo Bác hiện nay"),
                    (
                        "paragraph",
                        (
                            "<p>Việc học tập và làm theo Bác được Đảng chỉ đạo liên tục qua nhiều giai đoạn, từ Cuộc vận động “Học tập và làm theo tấm gương đạo đức Hồ Chí Minh” (Chỉ thị số 06-CT/TW, năm 2006), Chỉ thị số 03-CT/TW (năm 2011), đến Chỉ thị số 05-CT/TW (năm 2016) của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Năm 2021, Bộ Chính trị khóa XIII ban hành Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị 05.</p>"
                            "<p>Làm theo Bác không phải là những việc xa vời, mà bắt đầu từ việc cụ thể, thường xuyên: làm tròn trách nhiệm ở nơi làm việc, tiết kiệm của công, giữ lối sống trong sạch, tôn trọng và lắng nghe nhân dân, nói đi đôi với làm. Nhiều cơ quan, đơn vị đưa nội dung làm theo Bác vào kế hoạch công tác hằng năm; mỗi cán bộ, đảng viên tự đăng ký việc làm cụ thể để tập thể theo dõi, giúp đỡ.</p>"
                        ),
                    ),
                    (
                        "key_points",
                        [
                            "Chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh là nền tảng tư tưởng, kim chỉ nam cho hành động của Đảng.",
                            "Chuẩn mực đạo đức cốt lõi: trung với nước, hiếu với dân; cần, kiệm, liêm, chính, chí công vô tư.",
                            "Chỉ thị số 05-CT/TW (2016) và Kết luận số 01-KL/TW (2021) là căn cứ chỉ đạo việc học tập và làm theo Bác hiện nay.",
                            "Làm theo Bác bắt đầu từ những việc cụ thể, thường xuyên, nói đi đôi với làm.",
                        ],
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": "Hãy chọn một việc làm cụ thể, kiểm chứng được (ví dụ: giải quyết đúng hẹn hồ sơ của người dân, tham gia một hoạt động tình nguyện ở khu dân cư) để thực hiện trong thời gian học lớp và chia sẻ kết quả với người giúp đỡ mình.",
                        },
                    ),
                    (
                        "reflection",
                        "Trong các chuẩn mực cần, kiệm, liêm, chính, chí công vô tư, chuẩn mực nào bạn thấy khó thực hiện nhất trong môi trường làm việc của mình? Bạn sẽ làm gì cụ thể để rèn luyện chuẩn mực đó?",
                    ),
                ],
            },
            {
                "slug": "phan-dau-tro-thanh-dang-vien",
                "title": "Phấn đấu trở thành đảng viên",
                "summary": "Các bước chính để được xem xét kết nạp vào Đảng: đơn xin vào Đảng, lý lịch, người giới thiệu, xét kết nạp, và thời kỳ dự bị 12 tháng trước khi được công nhận đảng viên chính thức.",
                "minutes": 30,
                "body": [
                    ("heading", "Các bước chính để được kết nạp"),
                    (
                        "paragraph",
                        (
                            "<p>Việc kết nạp đảng viên thực hiện theo Điều lệ Đảng và các quy định, hướng dẫn thi hành Điều lệ của Trung ương. Theo hướng dẫn hiện hành, tại thời điểm chi bộ xét kết nạp, người vào Đảng phải đủ 18 tuổi đến đủ 60 tuổi (trường hợp trên 60 tuổi do cấp có thẩm quyền xem xét riêng). Quá trình kết nạp có thể hình dung qua các bước chính sau:</p>"
                            "<ol>"
                            "<li>Quần chúng được chi bộ và các đoàn thể phát hiện, bồi dưỡng; chi bộ phân công đảng viên chính thức giúp đỡ.</li>"
                            "<li>Học lớp bồi dưỡng nhận thức về Đảng và được cấp giấy chứng nhận.</li>"
                            "<li>Tự nguyện viết đơn xin vào Đảng; khai lý lịch trung thực để chi bộ, cấp ủy thẩm tra, xác minh.</li>"
                            "<li>Được hai đảng viên chính thức giới thiệu; người giới thiệu phải cùng công tác với người vào Đảng ít nhất một năm và chịu trách nhiệm về sự giới thiệu của mình. Đối với đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh, hồ sơ có nghị quyết giới thiệu của ban chấp hành đoàn cơ sở theo hướng dẫn.</li>"
                            "<li>Chi bộ lấy ý kiến nhận xét của các đoàn thể nơi làm việc và chi ủy nơi cư trú, rồi xét, đề nghị kết nạp; cấp ủy có thẩm quyền xem xét, quyết định.</li>"
                            "<li>Chi bộ tổ chức lễ kết nạp.</li>"
                            "</ol>"
                        ),
                    ),
                    ("heading", "Thời kỳ dự bị và công nhận đảng viên chính thức"),
                    (
                        "paragraph",
                        (
                            "<p>Người được kết nạp phải trải qua <b>thời kỳ dự bị 12 tháng</b>, tính từ ngày chi bộ tổ chức lễ kết nạp. Trong thời gian này, đảng viên dự bị được đảng viên chính thức giúp đỡ, học chương trình lý luận chính trị dành cho đảng viên mới và được giao nhiệm vụ để rèn luyện, thử thách. Hết thời kỳ dự bị, chi bộ xét công nhận đảng viên chính thức; nếu không đủ tư cách, chi bộ đề nghị cấp ủy có thẩm quyền xóa tên trong danh sách đảng viên dự bị.</p>"
                            "<p>Phấn đấu vào Đảng không dừng ở hồ sơ, thủ tục. Điều quyết định là sự rèn luyện thường xuyên: hoàn thành tốt nhiệm vụ, gương mẫu ở nơi cư trú, gần gũi quần chúng và dám nhìn thẳng vào khuyết điểm để sửa chữa.</p>"
                        ),
                    ),
                    (
                        "key_points",
                        [
                            "Người vào Đảng tự nguyện làm đơn, khai lý lịch trung thực và học lớp bồi dưỡng nhận thức về Đảng.",
                            "Người vào Đảng cần hai đảng viên chính thức giới thiệu, đã cùng công tác với mình ít nhất một năm.",
                            "Chi bộ xét và đề nghị; cấp ủy có thẩm quyền quyết định kết nạp; chi bộ tổ chức lễ kết nạp.",
                            "Thời kỳ dự bị là 12 tháng; hết thời kỳ dự bị, chi bộ xét công nhận đảng viên chính thức.",
                        ],
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "text": "Lý lịch phải được khai trung thực, đầy đủ. Khai sai hoặc che giấu lý lịch có thể làm hồ sơ bị dừng xem xét và bị xử lý theo quy định. Khi chưa rõ cách khai, hãy hỏi chi ủy hoặc người giới thiệu.",
                        },
                    ),
                    (
                        "reflection",
                        "Hãy tự đánh giá một điểm mạnh và một điểm cần khắc phục của bản thân so với tiêu chuẩn đảng viên. Bạn sẽ trao đổi điều gì với đảng viên được phân công giúp đỡ mình?",
                    ),
                ],
            },
            {
                "slug": "cong-tac-xay-dung-dang-hien-nay",
                "title": "Công tác xây dựng Đảng hiện nay",
                "summary": "Yêu cầu xây dựng, chỉnh đốn Đảng toàn diện về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ, cùng một số văn bản định hướng quan trọng của Trung ương.",
                "minutes": 30,
                "body": [
                    ("heading", "Xây dựng, chỉnh đốn Đảng toàn diện"),
                    (
                        "paragraph",
                        "<p>Là đảng cầm quyền, Đảng phải thường xuyên tự đổi mới, tự chỉnh đốn để đủ sức lãnh đạo. Văn kiện Đại hội XIII xác định yêu cầu xây dựng, chỉnh đốn Đảng toàn diện về <b>chính trị, tư tưởng, đạo đức, tổ chức và cán bộ</b>. Các mặt này gắn bó chặt chẽ: xây dựng về chính trị giữ vững đường lối đúng đắn; xây dựng về tư tưởng củng cố và bảo vệ nền tảng tư tưởng của Đảng; xây dựng về đạo đức giữ gìn phẩm chất, lối sống của cán bộ, đảng viên; xây dựng về tổ chức nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức đảng; công tác cán bộ là khâu then chốt.</p>",
                    ),
                    ("heading", "Một số văn bản định hướng quan trọng"),
                    (
                        "paragraph",
                        (
                            "<p>Trong những năm gần đây, Trung ương đã ban hành nhiều nghị quyết, kết luận về xây dựng Đảng, trong đó có: Nghị quyết Trung ương 4 khóa XII (năm 2016) về tăng cường xây dựng, chỉnh đốn Đảng, ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ; Nghị quyết số 26-NQ/TW (năm 2018) về xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược; Nghị quyết số 35-NQ/TW (năm 2018) của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng; Kết luận số 21-KL/TW (năm 2021) của Hội nghị Trung ương 4 khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị.</p>"
                            "<p>Ở cơ sở, công tác xây dựng Đảng thể hiện qua những việc cụ thể: nâng cao chất lượng sinh hoạt chi bộ; làm tốt công tác phát triển đảng viên; tăng cường kiểm tra, giám sát; thực hiện nghiêm tự phê bình và phê bình; phát huy vai trò nêu gương của cán bộ, đảng viên. Nhân dân cũng tham gia xây dựng Đảng thông qua góp ý, giám sát và phản ánh.</p>"
                        ),
                    ),
                    (
                        "key_points",
                        [
                            "Xây dựng, chỉnh đốn Đảng toàn diện về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ.",
                            "Công tác cán bộ là khâu then chốt của công tác xây dựng Đảng.",
                            "Ngăn chặn, đẩy lùi suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hóa” là nhiệm vụ thường xuyên.",
                            "Chất lượng sinh hoạt chi bộ và vai trò nêu gương của đảng viên quyết định uy tín của Đảng ở cơ sở.",
                        ],
                    ),
                    (
                        "quotation",
                        {
                            "text": "Đảng phải nuôi dạy cán bộ, như người làm vườn vun trồng những cây cối quý báu.",
                            "document": "Hồ Chí Minh, Sửa đổi lối làm việc",
                            "citation": "Năm 1947",
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "text": "Khi chưa là đảng viên, bạn vẫn có thể góp phần xây dựng Đảng: góp ý thẳng thắn, xây dựng với cán bộ, đảng viên nơi công tác và nơi cư trú, và phản ánh những biểu hiện tiêu cực qua kênh chính thức.",
                        },
                    ),
                    (
                        "reflection",
                        "Ở cơ quan hoặc khu dân cư của bạn, người đảng viên được nhân dân tin yêu là người như thế nào? Theo bạn, chi bộ nơi đó cần làm gì để nâng cao uy tín của Đảng trong nhân dân?",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "nghi-quyet-dai-hoi-xiii",
        "title": "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        "program": "nghi-quyet-dai-hoi-xiii",
        "audience": "Cán bộ, đảng viên ở cấp huyện và cơ sở học tập, quán triệt và tổ chức thực hiện Nghị quyết Đại hội XIII của Đảng.",
        "summary": "Khóa học giới thiệu bối cảnh, ý nghĩa của Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, các mục tiêu phát triển đến năm 2025, 2030 và tầm nhìn đến năm 2045, sáu nhiệm vụ trọng tâm và ba đột phá chiến lược. Bài cuối gợi ý cách vận dụng nghị quyết vào thực tiễn của địa phương.",
        "expected_hours": 16,
        "lessons": [
            {
                "slug": "boi-canh-va-y-nghia-dai-hoi-xiii",
                "title": "Bối cảnh và ý nghĩa của Đại hội XIII",
                "summary": "Đại hội XIII họp đầu năm 2021, nhìn lại 35 năm đổi mới và định hướng phát triển đất nước đến giữa thế kỷ XXI.",
                "minutes": 25,
                "body": [
                    ("heading", "Đại hội diễn ra trong bối cảnh nào?"),
                    (
                        "paragraph",
                        (
                            "<p>Đại hội đại biểu toàn quốc lần thứ XIII của Đảng họp tại Thủ đô Hà Nội từ ngày 25/1 đến ngày 1/2/2021. Đại hội diễn ra khi đất nước tròn 35 năm thực hiện công cuộc đổi mới, 30 năm thực hiện Cương lĩnh năm 1991 và 10 năm thực hiện Cương lĩnh (bổ sung, phát triển năm 2011). Cùng lúc đó, thế giới chịu tác động nặng nề của đại dịch COVID-19, cạnh tranh chiến lược giữa các nước lớn diễn biến phức tạp, và cuộc Cách mạng công nghiệp lần thứ tư phát triển mạnh.</p>"
                            "<p>Đại hội đánh giá việc thực hiện Nghị quyết Đại hội XII, tổng kết 10 năm thực hiện Chiến lược phát triển kinh tế - xã hội 2011–2020 và nhìn lại 35 năm đổi mới; khẳng định những thành tựu to lớn, có ý nghĩa lịch sử, đồng thời thẳng thắn chỉ ra những hạn chế, yếu kém cần khắc phục.</p>"
                        ),
                    ),
                    ("heading", "Chủ đề và các văn kiện chủ yếu"),
                    (
                        "paragraph",
                        (
                            "<p>Chủ đề Đại hội nhấn mạnh: tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh; khơi dậy khát vọng phát triển đất nước, phát huy ý chí, sức mạnh đại đoàn kết toàn dân tộc kết hợp với sức mạnh thời đại; tiếp tục đẩy mạnh toàn diện, đồng bộ công cuộc đổi mới; xây dựng và bảo vệ vững chắc Tổ quốc, giữ vững môi trường hòa bình, ổn định; phấn đấu đến giữa thế kỷ XXI nước ta trở thành nước phát triển, theo định hướng xã hội chủ nghĩa.</p>"
                            "<p>Đại hội thông qua các văn kiện quan trọng, trong đó có Báo cáo chính trị và Chiến lược phát triển kinh tế - xã hội 10 năm 2021–2030, xác định phương hướng, nhiệm vụ cho giai đoạn 2021–2025; bầu Ban Chấp hành Trung ương khóa XIII. Tại Hội nghị lần thứ nhất của Ban Chấp hành Trung ương khóa XIII, đồng chí Nguyễn Phú Trọng được bầu lại làm Tổng Bí thư.</p>"
                        ),
                    ),
                    (
                        "key_points",
                        [
                            "Đại hội XIII họp từ ngày 25/1 đến ngày 1/2/2021 tại Hà Nội.",
                            "Đại hội nhìn lại 35 năm đổi mới và 10 năm thực hiện Cương lĩnh (bổ sung, phát triển năm 2011).",
                            "Chủ đề Đại hội đặt trọng tâm vào xây dựng, chỉnh đốn Đảng và khơi dậy khát vọng phát triển đất nước.",
                            "Đại hội định hướng phấn đấu đến giữa thế kỷ XXI nước ta trở thành nước phát triển, theo định hướng xã hội chủ nghĩa.",
                        ],
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "text": "Bài học này chỉ tóm tắt. Khi cần trích dẫn, hãy đối chiếu với nguyên văn Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII do Nhà xuất bản Chính trị quốc gia Sự thật xuất bản.",
                        },
                    ),
                    (
                        "reflection",
                        "Vì sao Đại hội XIII đặc biệt nhấn mạnh việc khơi dậy khát vọng phát triển đất nước? Khát vọng đó đang được thể hiện như thế nào ở địa phương bạn?",
                    ),
                ],
            },
            {
                "slug": "muc-tieu-phat-trien-2025-2030-2045",
                "title": "Mục tiêu phát triển đến năm 2025, 2030 và tầm nhìn đến năm 2045",
                "summary": "Ba mốc phát triển gắn với các ngày kỷ niệm lớn của đất nước, mục tiêu tổng quát và một số chỉ tiêu kinh tế chủ yếu cho giai đoạn 2021–2025.",
                "minutes": 25,
                "body": [
                    ("heading", "Ba mốc phát triển"),
                    (
                        "paragraph",
                        (
                            "<p>Đại hội XIII xác định các mục tiêu cụ thể gắn với những mốc kỷ niệm lớn của đất nước:</p>"
                            "<ul>"
                            "<li><b>Đến năm 2025</b>, kỷ niệm 50 năm giải phóng hoàn toàn miền Nam, thống nhất đất nước: là nước đang phát triển, có công nghiệp theo hướng hiện đại, vượt qua mức thu nhập trung bình thấp.</li>"
                            "<li><b>Đến năm 2030</b>, kỷ niệm 100 năm thành lập Đảng: là nước đang phát triển, có công nghiệp hiện đại, thu nhập trung bình cao.</li>"
                            "<li><b>Đến năm 2045</b>, kỷ niệm 100 năm thành lập nước Việt Nam Dân chủ Cộng hòa, nay là nước Cộng hòa xã hội chủ nghĩa Việt Nam: trở thành nước phát triển, thu nhập cao.</li>"
                            "</ul>"
                        ),
                    ),
                    ("heading", "Mục tiêu tổng quát và một số chỉ tiêu"),
                    (
                        "paragraph",
                        (
                            "<p>Mục tiêu tổng quát là nâng cao năng lực lãnh đạo, năng lực cầm quyền và sức chiến đấu của Đảng; xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh toàn diện; củng cố niềm tin của nhân dân đối với Đảng, Nhà nước và chế độ xã hội chủ nghĩa; khơi dậy khát vọng phát triển đất nước phồn vinh, hạnh phúc; đẩy mạnh toàn diện, đồng bộ công cuộc đổi mới, công nghiệp hóa, hiện đại hóa; xây dựng và bảo vệ vững chắc Tổ quốc, giữ vững môi trường hòa bình, ổn định.</p>"
                            "<p>Về kinh tế, cho giai đoạn 2021–2025, Đại hội đề ra chỉ tiêu tốc độ tăng trưởng tổng sản phẩm trong nước (GDP) bình quân 5 năm khoảng 6,5–7%/năm và GDP bình quân đầu người đến năm 2025 khoảng 4.700–5.000 USD. Bên cạnh đó là các nhóm chỉ tiêu về xã hội và môi trường, như giảm nghèo, y tế, giáo dục, bảo vệ rừng và xử lý chất thải; mỗi địa phương cụ thể hóa các chỉ tiêu này trong nghị quyết của mình.</p>"
                        ),
                    ),
                    (
                        "key_points",
                        [
                            "Đến năm 2025: nước đang phát triển, có công nghiệp theo hướng hiện đại, vượt qua mức thu nhập trung bình thấp.",
                            "Đến năm 2030: nước đang phát triển, có công nghiệp hiện đại, thu nhập trung bình cao.",
                            "Đến năm 2045: trở thành nước phát triển, thu nhập cao.",
                            "Giai đoạn 2021–2025: tăng trưởng GDP bình quân khoảng 6,5–7%/năm.",
                        ],
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": "Ba mốc 2025, 2030, 2045 gắn với ba ngày kỷ niệm lớn: 50 năm thống nhất đất nước, 100 năm thành lập Đảng, 100 năm thành lập nước. Ghi nhớ theo các ngày kỷ niệm giúp bạn nhớ mục tiêu dễ hơn.",
                        },
                    ),
                    (
                        "reflection",
                        "Mục tiêu trở thành nước phát triển, thu nhập cao vào năm 2045 đặt ra yêu cầu gì đối với thế hệ đang làm việc hôm nay? Hãy nêu một việc đơn vị bạn có thể làm để góp phần vào mục tiêu đó.",
                    ),
                ],
            },
            {
                "slug": "nhiem-vu-trong-tam-va-dot-pha-chien-luoc",
                "title": "Nhiệm vụ trọng tâm và đột phá chiến lược",
                "summary": "Sáu nhiệm vụ trọng tâm của nhiệm kỳ Đại hội XIII và ba đột phá chiến lược về thể chế, nguồn nhân lực và kết cấu hạ tầng.",
                "minutes": 30,
                "body": [
                    ("heading", "Sáu nhiệm vụ trọng tâm"),
                    (
                        "paragraph",
                        (
                            "<p>Để thực hiện các mục tiêu, Đại hội XIII xác định sáu nhiệm vụ trọng tâm trong nhiệm kỳ. Có thể tóm lược như sau:</p>"
                            "<ol>"
                            "<li>Tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh toàn diện; đẩy mạnh đấu tranh phòng, chống tham nhũng, lãng phí, quan liêu; xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược.</li>"
                            "<li>Tiếp tục đổi mới mạnh mẽ tư duy, hoàn thiện đồng bộ thể chế phát triển bền vững; tháo gỡ khó khăn, vướng mắc, khơi dậy mọi tiềm năng và nguồn lực cho phát triển.</li>"
                            "<li>Đổi mới mô hình tăng trưởng, cơ cấu lại nền kinh tế, đẩy mạnh công nghiệp hóa, hiện đại hóa; phát triển kinh tế nông thôn gắn với xây dựng nông thôn mới; đẩy mạnh chuyển đổi số quốc gia.</li>"
                            "<li>Khơi dậy khát vọng phát triển đất nước phồn vinh, hạnh phúc; phát huy giá trị văn hóa, sức mạnh con người Việt Nam.</li>"
                            "<li>Quản lý phát triển xã hội có hiệu quả, bảo đảm an ninh xã hội, an ninh con người; bảo vệ môi trường, chủ động thích ứng với biến đổi khí hậu, phòng, chống thiên tai, dịch bệnh.</li>"
                            "<li>Kiên quyết, kiên trì bảo vệ vững chắc độc lập, chủ quyền, thống nhất, toàn vẹn lãnh thổ của Tổ quốc; giữ vững môi trường hòa bình, ổn định; nâng cao hiệu quả công tác đối ngoại và hội nhập quốc tế.</li>"
                            "</ol>"
                        ),
                    ),
                    ("heading", "Ba đột phá chiến lược"),
                    (
                        "paragraph",
                        (
                            "<ul>"
                            "<li><b>Thể chế:</b> hoàn thiện đồng bộ thể chế phát triển, trước hết là thể chế phát triển nền kinh tế thị trường định hướng xã hội chủ nghĩa; đổi mới quản trị quốc gia theo hướng hiện đại; huy động, phân bổ và sử dụng hiệu quả các nguồn lực.</li>"
                            "<li><b>Nguồn nhân lực:</b> phát triển nguồn nhân lực, nhất là nguồn nhân lực chất lượng cao, gắn với đẩy mạnh nghiên cứu, chuyển giao, ứng dụng khoa học, công nghệ và đổi mới sáng tạo.</li>"
                            "<li><b>Kết cấu hạ tầng:</b> xây dựng hệ thống kết cấu hạ tầng đồng bộ, hiện đại cả về kinh tế và xã hội; ưu tiên một số công trình trọng điểm quốc gia về giao thông và thích ứng với biến đổi khí hậu; phát triển hạ tầng thông tin, viễn thông làm nền tảng cho chuyển đổi số.</li>"
                            "</ul>"
                        ),
                    ),
                    (
                        "key_points",
                        [
                            "Sáu nhiệm vụ trọng tâm bao quát xây dựng Đảng, thể chế, kinh tế, văn hóa và con người, quản lý xã hội và môi trường, quốc phòng, an ninh và đối ngoại.",
                            "Ba đột phá chiến lược: thể chế, nguồn nhân lực, kết cấu hạ tầng.",
                            "Chuyển đổi số và khát vọng phát triển là những nội dung được nhấn mạnh xuyên suốt văn kiện.",
                        ],
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "text": "Khi chuẩn bị thảo luận, hãy đặt mỗi nhiệm vụ trọng tâm cạnh một chỉ tiêu hoặc công trình cụ thể của địa phương mình. Cách làm này giúp nghị quyết trở nên gần gũi và dễ theo dõi kết quả.",
                        },
                    ),
                    (
                        "reflection",
                        "Trong ba đột phá chiến lược, đột phá nào có ý nghĩa nhất đối với huyện của bạn trong giai đoạn hiện nay? Hãy nêu lý do và một việc cụ thể cần làm.",
                    ),
                ],
            },
            {
                "slug": "van-dung-nghi-quyet-o-dia-phuong",
                "title": "Vận dụng Nghị quyết Đại hội XIII ở địa phương",
                "summary": "Cách cụ thể hóa Nghị quyết Đại hội XIII thành chương trình hành động của cấp ủy và kế hoạch của từng cán bộ, đảng viên ở cấp huyện và cơ sở.",
                "minutes": 25,
                "body": [
                    ("heading", "Từ nghị quyết đến chương trình hành động"),
                    (
                        "paragraph",
                        (
                            "<p>Nghị quyết chỉ đi vào cuộc sống khi được cụ thể hóa thành những việc làm phù hợp với từng địa phương, đơn vị. Sau Đại hội XIII, các cấp ủy tổ chức học tập, quán triệt nghị quyết, đồng thời xây dựng chương trình hành động, kế hoạch thực hiện, gắn với nghị quyết đại hội đảng bộ cấp mình nhiệm kỳ 2020–2025.</p>"
                            "<p>Ở cấp huyện và cơ sở, việc vận dụng thường tập trung vào:</p>"
                            "<ul>"
                            "<li>Xác định những chỉ tiêu, nhiệm vụ có thể đo lường được, phù hợp với tiềm năng và hạn chế của địa phương.</li>"
                            "<li>Phân công rõ người, rõ việc, rõ thời hạn và rõ trách nhiệm.</li>"
                            "<li>Lồng ghép với các chương trình mục tiêu quốc gia như xây dựng nông thôn mới, giảm nghèo bền vững.</li>"
                            "<li>Định kỳ sơ kết, tổng kết để điều chỉnh kịp thời.</li>"
                            "</ul>"
                        ),
                    ),
                    ("heading", "Vai trò của cán bộ, đảng viên"),
                    (
                        "paragraph",
                        (
                            "<p>Mỗi cán bộ, đảng viên cần nắm vững những nội dung cốt lõi của nghị quyết, xây dựng kế hoạch cá nhân gắn với chức trách, nhiệm vụ được giao, và tuyên truyền, vận động gia đình, nhân dân cùng thực hiện. Sự nêu gương của người đứng đầu và của đảng viên là điều kiện để nghị quyết được nhân dân đồng tình, hưởng ứng.</p>"
                            "<p>Trung tâm Chính trị cấp huyện là một trong những nơi tổ chức học tập, quán triệt nghị quyết cho cán bộ, đảng viên ở cơ sở. Các buổi học hiệu quả nhất thường không dừng ở việc nghe giới thiệu nghị quyết, mà dành thời gian để học viên thảo luận, đối chiếu với thực tế địa phương và đề xuất cách làm.</p>"
                        ),
                    ),
                    (
                        "key_points",
                        [
                            "Cụ thể hóa nghị quyết bằng chương trình hành động, kế hoạch có chỉ tiêu, phân công và thời hạn rõ ràng.",
                            "Gắn thực hiện Nghị quyết Đại hội XIII với nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020–2025.",
                            "Mỗi đảng viên có kế hoạch cá nhân và là nòng cốt tuyên truyền, vận động nhân dân.",
                            "Định kỳ sơ kết, tổng kết để đánh giá và điều chỉnh kịp thời.",
                        ],
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "text": "Tránh sao chép nguyên văn nghị quyết cấp trên vào kế hoạch của cơ sở. Chương trình hành động cần xuất phát từ điều kiện thực tế của địa phương và có cách đo kết quả rõ ràng.",
                        },
                    ),
                    (
                        "reflection",
                        "Hãy đọc lại nghị quyết đại hội đảng bộ nơi bạn công tác (huyện, xã hoặc thị trấn). Chỉ ra một chỉ tiêu thể hiện tinh thần Nghị quyết Đại hội XIII và những khó khăn khi thực hiện chỉ tiêu đó để trao đổi trên lớp.",
                    ),
                ],
            },
        ],
    },
]
