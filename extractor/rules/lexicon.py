"""Word lists the rules are built from: data, not code.

Every list is matched on NFC, lower-cased text with whole-word boundaries.
Longer entries win over shorter ones that they contain.
"""

from __future__ import annotations

# Trading partners: name as written → ISO 3166 alpha-2 code, "EU" or "ASEAN".
PARTNERS: dict[str, str] = {
    # Vietnamese
    "hoa kỳ": "US", "mỹ": "US", "liên minh châu âu": "EU", "eu": "EU",
    "châu âu": "EU", "asean": "ASEAN", "đông nam á": "ASEAN",
    "trung quốc": "CN", "hàn quốc": "KR", "nhật bản": "JP", "nhật": "JP",
    "hồng kông": "HK", "hong kong": "HK", "đài loan": "TW", "ấn độ": "IN",
    "canada": "CA", "ca-na-đa": "CA", "anh": "GB", "vương quốc anh": "GB",
    "đức": "DE", "pháp": "FR", "ý": "IT", "italy": "IT", "italia": "IT",
    "tây ban nha": "ES", "bồ đào nha": "PT", "hà lan": "NL", "bỉ": "BE",
    "ba lan": "PL", "thụy điển": "SE", "thuỵ điển": "SE", "thụy sĩ": "CH",
    "thuỵ sĩ": "CH", "đan mạch": "DK", "na uy": "NO", "phần lan": "FI",
    "áo": "AT", "séc": "CZ", "hy lạp": "GR", "ireland": "IE", "ai len": "IE",
    "nga": "RU", "liên bang nga": "RU", "ukraine": "UA", "thổ nhĩ kỳ": "TR",
    "úc": "AU", "australia": "AU", "ô-xtrây-li-a": "AU", "new zealand": "NZ",
    "niu di-lân": "NZ", "singapore": "SG", "xin-ga-po": "SG",
    "thái lan": "TH", "malaysia": "MY", "ma-lai-xi-a": "MY",
    "indonesia": "ID", "in-đô-nê-xi-a": "ID", "philippines": "PH",
    "phi-líp-pin": "PH", "campuchia": "KH", "cam-pu-chia": "KH", "lào": "LA",
    "myanmar": "MM", "mi-an-ma": "MM", "brunei": "BN", "bru-nây": "BN",
    "arập xê út": "SA", "ả rập xê út": "SA", "ả-rập xê-út": "SA",
    "saudi arabia": "SA", "các tiểu vương quốc ả rập thống nhất": "AE",
    "uae": "AE", "israel": "IL", "iraq": "IQ", "iran": "IR", "ai cập": "EG",
    "nam phi": "ZA", "nigeria": "NG", "brazil": "BR", "bra-xin": "BR",
    "mexico": "MX", "mê-hi-cô": "MX", "argentina": "AR", "chile": "CL",
    "chi-lê": "CL", "peru": "PE", "pê-ru": "PE", "colombia": "CO",
    "bangladesh": "BD", "pakistan": "PK", "sri lanka": "LK",
    "triều tiên": "KP", "mông cổ": "MN", "kazakhstan": "KZ",
    # English
    "us": "US", "u.s.": "US", "united states": "US", "usa": "US",
    "america": "US", "european union": "EU", "europe": "EU",
    "china": "CN", "south korea": "KR", "republic of korea": "KR",
    "korea": "KR", "japan": "JP", "taiwan": "TW", "india": "IN",
    "uk": "GB", "united kingdom": "GB", "britain": "GB",
    "germany": "DE", "france": "FR", "spain": "ES", "portugal": "PT",
    "netherlands": "NL", "belgium": "BE", "poland": "PL", "russia": "RU",
    "thailand": "TH", "cambodia": "KH", "laos": "LA", "philippines": "PH",
    "turkey": "TR", "egypt": "EG", "south africa": "ZA",
}

# Cues for the flow of a number, most specific first. Matched left of a number.
FLOW_CUES: dict[str, tuple[str, ...]] = {
    "total": (
        "xuất nhập khẩu", "xuất, nhập khẩu", "xuất - nhập khẩu", "xuất-nhập khẩu",
        "xuất khẩu và nhập khẩu", "kim ngạch thương mại", "tổng kim ngạch thương mại",
        "thương mại hai chiều", "trade turnover", "two-way trade", "total trade",
        "import-export", "export-import",
    ),
    "balance": (
        "cán cân thương mại", "xuất siêu", "nhập siêu", "thặng dư thương mại",
        "thâm hụt thương mại", "thặng dư", "thâm hụt", "trade surplus",
        "trade deficit", "surplus", "deficit",
    ),
    "export": (
        "thị trường xuất khẩu", "kim ngạch xuất khẩu", "xuất khẩu", "xuất sang",
        "exports", "export", "exported", "shipments",
    ),
    "import": (
        "thị trường nhập khẩu", "kim ngạch nhập khẩu", "nhập khẩu", "nhập từ",
        "chi", "imports", "import", "imported",
    ),
}

# "Mỹ là nước nhập nhiều hàng hoá của Việt Nam nhất": a foreign buyer means a Vietnamese export.
BUYER_CUES: tuple[str, ...] = (
    "nước nhập", "nước nhập khẩu", "quốc gia nhập khẩu", "quốc gia nhập", "nhập khẩu",
    "nhập", "mua", "importer of vietnamese", "largest importer", "importer",
    "buyer", "bought", "purchased",
)
# "Việt Nam nhập khẩu ... từ X", "nhập siêu từ X": a foreign seller means an import.
SELLER_PREPOSITIONS: tuple[str, ...] = ("từ", "from")
BUYER_PREPOSITIONS: tuple[str, ...] = ("sang", "vào", "to")

# Sign of a balance.
SURPLUS_CUES: tuple[str, ...] = ("xuất siêu", "thặng dư", "surplus")
DEFICIT_CUES: tuple[str, ...] = ("nhập siêu", "thâm hụt", "deficit")

SECTOR_CUES: dict[str, tuple[str, ...]] = {
    "domestic": (
        "khu vực kinh tế trong nước", "khu vực doanh nghiệp trong nước",
        "doanh nghiệp trong nước", "khối trong nước", "khối doanh nghiệp trong nước",
        "khu vực trong nước", "domestic sector", "domestic enterprises",
        "domestic firms", "domestic",
    ),
    "fdi": (
        "khu vực có vốn đầu tư nước ngoài", "doanh nghiệp có vốn đầu tư trực tiếp nước ngoài",
        "doanh nghiệp có vốn đầu tư nước ngoài", "khu vực doanh nghiệp nước ngoài",
        "doanh nghiệp nước ngoài", "khối doanh nghiệp fdi", "doanh nghiệp fdi",
        "khối fdi", "khu vực fdi", "khối nước ngoài", "fdi sector", "foreign-invested",
        "foreign invested", "fdi",
    ),
}

SERVICES_CUES: tuple[str, ...] = ("dịch vụ", "services", "service")

# Words that say a percentage is a change and in which direction.
INCREASE_CUES: tuple[str, ...] = (
    "tăng trưởng", "tăng", "cao hơn", "nhiều hơn", "mức tăng", "up", "rose", "grew",
    "increased", "increase", "rise", "growth", "gain", "higher",
)
DECREASE_CUES: tuple[str, ...] = (
    "giảm", "sụt giảm", "thấp hơn", "ít hơn", "hụt", "down", "fell", "declined",
    "decreased", "decrease", "decline", "drop", "dropped", "lower", "declining",
)
SHARE_CUES: tuple[str, ...] = (
    "chiếm tỷ trọng", "chiếm tỉ trọng", "chiếm", "tỷ trọng", "tỉ trọng", "đóng góp",
    "accounting for", "accounted for", "share of", "making up",
)
# Words after a money amount that make it the absolute change, not the level.
ABS_CHANGE_CUES: tuple[str, ...] = ("tương ứng", "tương đương", "equivalent to")

BASIS_CUES: dict[str, tuple[str, ...]] = {
    "plan": ("kế hoạch", "mục tiêu", "chỉ tiêu", "target", "plan"),
    "yoy": (
        "cùng kỳ", "year-on-year", "year on year", "same period last year",
        "the same period", "a year earlier", "y/y", "yoy",
    ),
    "prev_period": (
        "tháng trước", "quý trước", "kỳ trước", "tháng liền trước", "previous month",
        "last month", "the previous quarter", "month-on-month",
    ),
}

# Words that end an item phrase read leftwards from a number.
ITEM_STOPS: tuple[str, ...] = (
    "đạt", "với", "trong", "sang", "từ", "tăng", "giảm", "chiếm", "ước", "là",
    "mang về", "thu về", "đem về", "đã", "cũng", "trị giá", "giá trị", "kim ngạch",
    "lên đến", "lên tới", "tới", "ở mức", "vẫn", "có", "của", "tiếp tục", "gần",
    "hơn", "trên", "khoảng", "xấp xỉ", "chỉ", "được", "riêng", "tính", "cả nước",
    "sụt giảm", "dù", "thì", "khi", "nhưng", "so với", "tại", "đứng", "dẫn đầu",
    "về", "vào", "thị trường", "tháng", "quý", "năm", "qua", "nêu trên",
    "with", "were", "was", "reached", "in", "at", "to",
)

# Words that carry no product meaning: a phrase of only these is no item.
GENERIC_WORDS: frozenset[str] = frozenset(
    ["hàng", "hóa", "hàng", "hoá", "kim", "ngạch", "xuất", "nhập", "khẩu", "tổng", "trị", "giá", "giá", "trị", "của", "việt", "nam", "cả", "nước", "đạt", "tính", "chung", "luỹ", "lũy", "kế", "hết", "đến", "trong", "đó", "cụ", "thể", "về", "theo", "chiều", "ngược", "lại", "ở", "nhìn", "chung", "các", "thị", "trường", "lớn", "khác", "nước", "là", "thị", "trường", "số", "liệu", "như", "vậy", "sơ", "bộ", "hải", "quan", "thống", "kê", "mới", "nhất", "cho", "biết", "tiếp", "đó", "qua", "riêng", "ước", "tính", "bộ", "công", "thương", "và", "quốc", "gia", "xuất", "siêu", "nhập", "siêu", "cán", "cân", "thương", "mại", "dịch", "vụ", "khu", "vực", "doanh", "nghiệp", "khối", "vốn", "đầu", "tư", "trực", "tiếp", "nước", "ngoài", "fdi", "kinh", "tế", "có", "kể", "cả", "dầu", "thô", "gồm", "một", "số", "ra", "được", "với", "nhóm", "mặt", "chung", "lại", "tăng", "giảm", "cao", "nhiều", "the", "of", "and", "total", "value", "turnover", "export", "exports", "import", "imports", "vietnam", "vietnamese", "goods", "sector", "s", "a", "an", "in", "its", "were", "was", "kết", "quả", "tốc", "độ", "mức", "con", "số", "sự", "thua", "sút", "trường", "hợp", "tình", "hình", "dấu", "hiệu", "xu", "hướng", "nguyên", "nhân", "thông", "tin", "báo", "cáo", "doanh", "số", "lượng", "posts", "posted", "recorded", "trở", "lại", "những", "này", "đó", "năm", "nay", "tháng", "quý", "đầu", "cuối", "thứ", "hai", "đứng", "nêu", "trên", "dù"]
)

# Starts of an item phrase: a list element or a product noun phrase after these.
ITEM_LEADS: tuple[str, ...] = (
    "nhóm hàng", "mặt hàng", "nhóm", "ngành hàng", "sản phẩm", "danh mục",
)

# "nhóm hàng này", "mặt hàng này": refer back to the last item named.
BACK_REFERENCES: tuple[str, ...] = (
    "nhóm hàng này", "mặt hàng này", "danh mục này", "sản phẩm này", "nhóm này",
    "ngành hàng này", "loại hàng này", "this group", "these products", "nêu trên", "kể trên",
)

# A subject that is the whole economy (no item): it ends the reach of an earlier item.
WHOLE_CUES: tuple[str, ...] = ("tổng kim ngạch", "tổng trị giá", "cả nước")
