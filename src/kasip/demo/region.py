"""The demo region: Karaganda region with its cities and districts (КАТО codes of the
2023 classifier after Ulytau region was separated), and a synthetic set of colleges and
enterprises. Names of territories are real; colleges, enterprises, people and numbers are
synthetic and marked as such on every page.
"""

REGION = {"kato": "350000000", "name_kk": "Қарағанды облысы", "name_ru": "Карагандинская область",
          "name_en": "Karaganda Region"}

DISTRICTS = [
    ("351010000", "city", "Қарағанды", "Караганда", "Karaganda"),
    ("351610000", "city", "Балқаш", "Балхаш", "Balkhash"),
    ("351810000", "city", "Приозерск", "Приозерск", "Priozersk"),
    ("352210000", "city", "Саран", "Сарань", "Saran"),
    ("352410000", "city", "Теміртау", "Темиртау", "Temirtau"),
    ("352810000", "city", "Шахтинск", "Шахтинск", "Shakhtinsk"),
    ("353200000", "district", "Абай ауданы", "Абайский район", "Abay District"),
    ("353400000", "district", "Ақтоғай ауданы", "Актогайский район", "Aktogay District"),
    ("353600000", "district", "Бұқар жырау ауданы", "Бухар-Жырауский район", "Bukhar-Zhyrau District"),
    ("354400000", "district", "Қарқаралы ауданы", "Каркаралинский район", "Karkaraly District"),
    ("354800000", "district", "Нұра ауданы", "Нуринский район", "Nura District"),
    ("355200000", "district", "Осакаров ауданы", "Осакаровский район", "Osakarovka District"),
    ("356400000", "district", "Шет ауданы", "Шетский район", "Shet District"),
]

# (district КАТО, profile kk, profile ru, profile en, ownership, languages)
COLLEGES = [
    ("351010000", "жоғары политехникалық колледжі", "высший политехнический колледж", "Higher Polytechnic College", "state", "kk,ru"),
    ("351010000", "құрылыс-техникалық колледжі", "строительно-технический колледж", "Construction and Technical College", "state", "kk,ru"),
    ("351010000", "көлік және коммуникациялар колледжі", "колледж транспорта и коммуникаций", "College of Transport and Communications", "state", "kk,ru"),
    ("351010000", "тау-кен техникалық колледжі", "горно-технический колледж", "Mining Technical College", "state", "kk,ru"),
    ("351010000", "медициналық жоғары колледжі", "высший медицинский колледж", "Higher Medical College", "state", "kk,ru"),
    ("351010000", "педагогикалық колледжі", "педагогический колледж", "Pedagogical College", "state", "kk"),
    ("351010000", "технология және сервис колледжі", "колледж технологии и сервиса", "College of Technology and Service", "state", "kk,ru"),
    ("351010000", "бизнес және құқық колледжі", "колледж бизнеса и права", "College of Business and Law", "private", "ru"),
    ("351010000", "энергетикалық колледжі", "энергетический колледж", "Power Engineering College", "state", "kk,ru"),
    ("351010000", "ақпараттық технологиялар колледжі", "колледж информационных технологий", "College of Information Technology", "private", "kk,ru,en"),
    ("351010000", "өнер колледжі", "колледж искусств", "College of Arts", "state", "kk,ru"),
    ("351010000", "аграрлық-техникалық колледжі", "аграрно-технический колледж", "Agrarian Technical College", "state", "kk"),
    ("351010000", "экономика колледжі", "экономический колледж", "College of Economics", "private", "ru"),
    ("351010000", "машина жасау колледжі", "машиностроительный колледж", "Mechanical Engineering College", "state", "ru"),
    ("351010000", "сервис және тамақтану колледжі", "колледж сервиса и питания", "College of Service and Catering", "state", "kk,ru"),
    ("352410000", "жоғары политехникалық колледжі", "высший политехнический колледж", "Higher Polytechnic College", "state", "kk,ru"),
    ("352410000", "металлургия колледжі", "металлургический колледж", "Metallurgical College", "state", "kk,ru"),
    ("352410000", "медициналық колледжі", "медицинский колледж", "Medical College", "state", "kk,ru"),
    ("352410000", "құрылыс колледжі", "строительный колледж", "Construction College", "state", "ru"),
    ("352410000", "гуманитарлық-техникалық колледжі", "гуманитарно-технический колледж", "College of Humanities and Technology", "private", "kk,ru"),
    ("351610000", "гуманитарлық-техникалық колледжі", "гуманитарно-технический колледж", "College of Humanities and Technology", "state", "kk,ru"),
    ("351610000", "тау-кен металлургия колледжі", "горно-металлургический колледж", "Mining and Metallurgy College", "state", "kk,ru"),
    ("351610000", "медициналық колледжі", "медицинский колледж", "Medical College", "state", "kk,ru"),
    ("352810000", "технологиялық колледжі", "технологический колледж", "Technological College", "state", "kk,ru"),
    ("352810000", "политехникалық колледжі", "политехнический колледж", "Polytechnic College", "state", "ru"),
    ("352210000", "политехникалық колледжі", "политехнический колледж", "Polytechnic College", "state", "kk,ru"),
    ("352210000", "гуманитарлық колледжі", "гуманитарный колледж", "College of Humanities", "private", "kk,ru"),
    ("351810000", "көпсалалы колледжі", "многопрофильный колледж", "Multidisciplinary College", "state", "ru"),
    ("353200000", "агротехникалық колледжі", "агротехнический колледж", "Agrotechnical College", "state", "kk,ru"),
    ("353200000", "тау-кен колледжі", "горный колледж", "Mining College", "state", "kk,ru"),
    ("353400000", "аграрлық колледжі", "аграрный колледж", "Agrarian College", "state", "kk"),
    ("353600000", "агробизнес колледжі", "колледж агробизнеса", "Agribusiness College", "state", "kk,ru"),
    ("353600000", "көпсалалы колледжі", "многопрофильный колледж", "Multidisciplinary College", "state", "kk,ru"),
    ("354400000", "агротехникалық колледжі", "агротехнический колледж", "Agrotechnical College", "state", "kk"),
    ("354800000", "аграрлық-техникалық колледжі", "аграрно-технический колледж", "Agrarian Technical College", "state", "kk,ru"),
    ("355200000", "политехникалық колледжі", "политехнический колледж", "Polytechnic College", "state", "kk,ru"),
    ("356400000", "көпсалалы колледжі", "многопрофильный колледж", "Multidisciplinary College", "state", "kk"),
]

# (district КАТО, name kk, name ru, name en, ОКЭД, headcount)
ENTERPRISES = [
    ("352410000", "«Теміртау металлургия комбинаты» ЖШС (демо)", "ТОО «Темиртауский металлургический комбинат» (демо)", "Temirtau Steel Works LLP (demo)", "24100", 11000),
    ("351010000", "«Қарағанды көмір» ЖШС (демо)", "ТОО «Карагандинский уголь» (демо)", "Karaganda Coal LLP (demo)", "05100", 6500),
    ("351610000", "«Балқаш мыс» ЖШС (демо)", "ТОО «Балхашская медь» (демо)", "Balkhash Copper LLP (demo)", "24440", 4800),
    ("351010000", "«Қарағанды энергия орталығы» ЖШС (демо)", "ТОО «Карагандинский энергоцентр» (демо)", "Karaganda Energy Centre LLP (demo)", "35110", 2100),
    ("351010000", "«Сарыарқа машина жасау» ЖШС (демо)", "ТОО «Сарыарка машиностроение» (демо)", "Saryarka Engineering LLP (demo)", "28920", 900),
    ("352810000", "«Шахтинск кен басқармасы» ЖШС (демо)", "ТОО «Шахтинское шахтоуправление» (демо)", "Shakhtinsk Mine Administration LLP (demo)", "05100", 1600),
    ("351010000", "«Қарағанды дәрі-дәрмек» ЖШС (демо)", "ТОО «Карагандинская фармацевтика» (демо)", "Karaganda Pharmaceuticals LLP (demo)", "21200", 350),
    ("353600000", "«Бұқар жырау агро» ЖШС (демо)", "ТОО «Бухар-Жырау агро» (демо)", "Bukhar-Zhyrau Agro LLP (demo)", "01110", 240),
    ("351010000", "«Қарағанды құрылыс» ЖШС (демо)", "ТОО «Карагандастрой» (демо)", "Karaganda Construction LLP (demo)", "41201", 780),
    ("352210000", "«Саран автосервис» ЖШС (демо)", "ТОО «Сарань автосервис» (демо)", "Saran Car Service LLP (demo)", "45201", 60),
]
