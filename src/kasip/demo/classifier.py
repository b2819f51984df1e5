"""A compact table of TVET specialties and qualifications taught in the Karaganda region.

Source: the Classifier of specialties and qualifications of technical and vocational,
post-secondary education (Классификатор специальностей и квалификаций технического и
профессионального, послесреднего образования), approved by Order of the Minister of
Education and Science of the Republic of Kazakhstan No. 500 of 31 October 2018, as amended.
Codes follow its scheme: a specialty has 8 digits (4 digits of the ISCED-F 2013 field,
2 of the specialty, "00"); a qualification adds a level prefix (3W worker, 4S mid-level
specialist, 5AB applied bachelor) and replaces "00" with a 2-digit sequence.

The codes and titles were reconstructed from colleges' published lists of their specialties
and qualifications, not copied from the order's text. Rows marked ``False`` in the
``attested`` column (and listed in ``UNCERTAIN_CODES``) could not be checked against a
published list: the code or its sequence number is a best reconstruction; verify before
relying on it. The ISCO-08 unit group beside each qualification is Kasip's own mapping
(used by the demo's workforce needs and the supply side of the gap analysis).
"""

from __future__ import annotations

# (code, name_ru, name_kk, name_en, group-code abbreviation, share of women, dual-capable, attested)
SPECIALTIES: list[tuple[str, str, str, str, str, float, bool, bool]] = [
    # engineering and metal trades
    ("07150100", "Технология машиностроения (по видам)", "Машина жасау технологиясы (түрлері бойынша)",
     "Mechanical engineering technology", "ТМ", 0.10, True, True),
    ("07150300", "Токарное дело (по видам)", "Токарлық іс (түрлері бойынша)", "Turning", "ТД", 0.08, True, True),
    ("07150500", "Сварочное дело", "Дәнекерлеу ісі", "Welding", "СВ", 0.05, True, True),
    ("07150600", "Слесарное дело (по отраслям и видам)", "Слесарлық іс (салалар және түрлері бойынша)",
     "Fitting and maintenance", "СЛ", 0.05, True, True),
    ("07150800", "Металлургия черных металлов", "Қара металдар металлургиясы", "Ferrous metallurgy",
     "МЧ", 0.15, True, False),
    ("07150900", "Металлургия цветных металлов", "Түсті металдар металлургиясы", "Non-ferrous metallurgy",
     "МЦ", 0.18, True, False),
    ("07151100", "Эксплуатация и техническое обслуживание машин и оборудования (по отраслям промышленности)",
     "Машиналар мен жабдықтарды пайдалану және техникалық қызмет көрсету (өнеркәсіп салалары бойынша)",
     "Operation and maintenance of machines and equipment", "ЭО", 0.08, True, True),
    # electricity and energy
    ("07130100", "Электрооборудование (по видам и отраслям)", "Электр жабдықтары (түрлері және салалары бойынша)",
     "Electrical equipment", "ЭЛ", 0.10, True, True),
    ("07130200", "Электроснабжение (по отраслям)", "Электрмен жабдықтау (салалар бойынша)", "Power supply",
     "ЭС", 0.12, True, True),
    ("07130400", "Теплотехническое оборудование и системы теплоснабжения (по видам)",
     "Жылутехникалық жабдықтар және жылумен жабдықтау жүйелері (түрлері бойынша)",
     "Heat engineering equipment and heat supply systems", "ТТ", 0.15, True, True),
    ("07130700", "Техническое обслуживание, ремонт и эксплуатация электромеханического оборудования (по видам и отраслям)",
     "Электрмеханикалық жабдықтарға техникалық қызмет көрсету, жөндеу және пайдалану (түрлері және салалары бойынша)",
     "Maintenance, repair and operation of electromechanical equipment", "ЭМ", 0.08, True, True),
    # electronics and automation
    ("07140100", "Автоматизация и управление технологическими процессами (по профилю)",
     "Технологиялық процестерді автоматтандыру және басқару (бейін бойынша)",
     "Automation and process control", "АУ", 0.15, True, True),
    ("07140900", "Радиотехника, электроника и телекоммуникации", "Радиотехника, электроника және телекоммуникациялар",
     "Radio engineering, electronics and telecommunications", "РЭТ", 0.15, True, True),
    # ICT
    ("06120100", "Вычислительная техника и информационные сети (по видам)",
     "Есептеу техникасы және ақпараттық желілер (түрлері бойынша)",
     "Computer engineering and information networks", "ВТ", 0.25, True, True),
    ("06120200", "Системы информационной безопасности", "Ақпараттық қауіпсіздік жүйелері",
     "Information security systems", "ИБ", 0.25, False, True),
    ("06130100", "Программное обеспечение (по видам)", "Бағдарламалық қамтамасыз ету (түрлері бойынша)",
     "Software", "ПО", 0.30, True, True),
    # mining
    ("07240100", "Подземная разработка месторождений полезных ископаемых",
     "Пайдалы қазбалар кен орындарын жерасты игеру", "Underground mining", "ПРМ", 0.05, True, True),
    ("07240200", "Маркшейдерское дело", "Маркшейдерлік іс", "Mine surveying", "МШ", 0.35, False, True),
    ("07240300", "Открытая разработка месторождений полезных ископаемых",
     "Пайдалы қазбалар кен орындарын ашық игеру", "Open-pit mining", "ОРМ", 0.08, True, True),
    ("07240500", "Обогащение полезных ископаемых (рудообогащение)", "Пайдалы қазбаларды байыту (кен байыту)",
     "Mineral processing", "ОПИ", 0.20, True, True),
    # chemistry
    ("07110100", "Химическая технология и производство (по видам)", "Химиялық технология және өндіріс (түрлері бойынша)",
     "Chemical technology and production", "ХТ", 0.50, True, False),
    # transport
    ("07161300", "Техническое обслуживание, ремонт и эксплуатация автомобильного транспорта",
     "Автомобиль көлігіне техникалық қызмет көрсету, жөндеу және пайдалану",
     "Maintenance, repair and operation of motor vehicles", "АТ", 0.04, True, True),
    ("07161600", "Механизация сельского хозяйства", "Ауыл шаруашылығын механикаландыру",
     "Agricultural mechanisation", "МСХ", 0.03, True, True),
    ("07160500", "Эксплуатация, ремонт и техническое обслуживание тягового подвижного состава железных дорог",
     "Темір жолдың тартқыш жылжымалы құрамын пайдалану, жөндеу және техникалық қызмет көрсету",
     "Operation, repair and maintenance of railway traction rolling stock", "ПС", 0.04, True, True),
    ("10410200", "Организация перевозок и управление движением на железнодорожном транспорте",
     "Темір жол көлігінде тасымалдауды ұйымдастыру және қозғалысты басқару",
     "Railway transport operations and traffic control", "ОПД", 0.40, True, True),
    # construction
    ("07320100", "Строительство и эксплуатация зданий и сооружений", "Ғимараттар мен құрылыстарды салу және пайдалану",
     "Construction and operation of buildings and structures", "СЗ", 0.20, True, True),
    ("07320700", "Строительство и эксплуатация автомобильных дорог и аэродромов",
     "Автомобиль жолдары мен аэродромдарды салу және пайдалану",
     "Construction and operation of roads and airfields", "АД", 0.10, True, True),
    # health
    ("09120100", "Лечебное дело", "Емдеу ісі", "General medicine (feldsher)", "ЛД", 0.75, False, True),
    ("09130100", "Сестринское дело", "Мейіргер ісі", "Nursing", "МС", 0.90, True, True),
    ("09140100", "Лабораторная диагностика", "Зертханалық диагностика", "Laboratory diagnostics", "ЛБ", 0.85, False, True),
    ("09160100", "Фармация", "Фармация", "Pharmacy", "ФМ", 0.85, False, True),
    # education
    ("01120100", "Дошкольное воспитание и обучение", "Мектепке дейінгі тәрбие және оқыту",
     "Pre-school education", "ДВ", 0.97, False, True),
    ("01140100", "Педагогика и методика начального обучения", "Бастауыш оқытудың педагогикасы мен әдістемесі",
     "Primary teacher education", "НО", 0.90, False, True),
    ("01140500", "Физическая культура и спорт", "Дене шынықтыру және спорт", "Physical education and sport",
     "ФК", 0.35, False, True),
    # business, law, languages, arts
    ("04110100", "Учет и аудит", "Есеп және аудит", "Accounting and auditing", "УА", 0.80, False, True),
    ("04210100", "Правоведение", "Құқықтану", "Law", "ПВ", 0.60, False, True),
    ("02310100", "Переводческое дело (по видам)", "Аударма ісі (түрлері бойынша)", "Translation", "ПД", 0.75,
     False, True),
    ("02150100", "Инструментальное исполнительство (по видам инструментов)",
     "Аспаптық орындаушылық (аспаптар түрлері бойынша)", "Instrumental performance", "ИИ", 0.60, False, True),
    # services
    ("10130300", "Организация питания", "Тамақтандыруды ұйымдастыру", "Catering", "ОПТ", 0.60, True, True),
    ("10120100", "Парикмахерское искусство", "Шаштараз өнері", "Hairdressing", "ПИ", 0.85, False, True),
    ("07230100", "Швейное производство и моделирование одежды", "Тігін өндірісі және киімдерді үлгілеу",
     "Garment production and fashion design", "ШП", 0.95, True, True),
    ("10150100", "Туризм", "Туризм", "Tourism", "ТУР", 0.70, False, True),
    # agriculture
    ("08110100", "Агрономия", "Агрономия", "Agronomy", "АГ", 0.35, True, False),
    ("08410100", "Ветеринария", "Ветеринария", "Veterinary medicine", "ВЕТ", 0.40, True, True),
]

# (code, name_ru, name_kk, name_en, ISCO-08 unit group, attested)
QUALIFICATIONS: list[tuple[str, str, str, str, str, bool]] = [
    ("3W07150102", "Станочник широкого профиля", "Кең бейінді станокшы", "Multi-skilled machine tool operator",
     "7223", True),
    ("4S07150103", "Техник-механик", "Техник-механик", "Mechanical technician", "3115", False),
    ("3W07150301", "Токарь", "Токарь", "Turner", "7223", True),
    ("3W07150501", "Электрогазосварщик", "Электргазбен дәнекерлеуші", "Electric and gas welder", "7212", True),
    ("4S07150503", "Техник-технолог сварочного производства", "Дәнекерлеу өндірісінің технигі-технологы",
     "Welding technician", "3115", False),
    ("3W07150601", "Слесарь-ремонтник", "Слесарь-жөндеуші", "Maintenance fitter", "7233", True),
    ("3W07150801", "Сталевар", "Болат балқытушы", "Steelmaker", "8121", False),
    ("3W07150802", "Вальцовщик", "Білікші", "Rolling mill operator", "8121", False),
    ("4S07150803", "Техник-металлург", "Техник-металлург", "Metallurgical technician", "3117", False),
    ("3W07150901", "Плавильщик", "Балқытушы", "Smelter", "8121", False),
    ("4S07150903", "Техник-металлург", "Техник-металлург", "Metallurgical technician", "3117", False),
    ("4S07151102", "Техник-механик", "Техник-механик", "Mechanical technician", "3115", True),
    ("3W07130101", "Электромонтер по ремонту и обслуживанию электрооборудования",
     "Электр жабдықтарын жөндеу және оған қызмет көрсету жөніндегі электр монтері",
     "Electrician (repair and maintenance of electrical equipment)", "7412", True),
    ("4S07130103", "Техник-электрик", "Техник-электрик", "Electrical technician", "3113", True),
    ("3W07130201", "Электромонтажник по электрическим сетям и электрооборудованию",
     "Электр желілері және электр жабдықтары бойынша электр монтаждаушы",
     "Electrical fitter (power networks and equipment)", "7411", True),
    ("3W07130401", "Машинист котлов", "Қазандықтар машинисі", "Boiler operator", "8182", False),
    ("4S07130403", "Техник-теплотехник", "Техник-жылутехник", "Heat engineering technician", "3131", True),
    ("3W07130702", "Электрослесарь по обслуживанию и ремонту электромеханического оборудования",
     "Электрмеханикалық жабдықтарға қызмет көрсету және жөндеу жөніндегі электр слесарі",
     "Electrical fitter (electromechanical equipment)", "7412", True),
    ("4S07130704", "Техник-электромеханик", "Техник-электромеханик", "Electromechanical technician", "3113", True),
    ("3W07140101", "Слесарь по контрольно-измерительным приборам и автоматике",
     "Бақылау-өлшеу аспаптары және автоматика жөніндегі слесарь", "Instrumentation and automation fitter",
     "7421", True),
    ("4S07140103", "Техник по автоматизации технологических процессов",
     "Технологиялық процестерді автоматтандыру технигі", "Process automation technician", "3139", False),
    ("3W07140901", "Электромонтажник-наладчик телекоммуникационного оборудования и каналов связи",
     "Телекоммуникациялық жабдықтар мен байланыс арналарын монтаждаушы-баптаушы",
     "Telecommunications equipment installer and adjuster", "7422", True),
    ("4S07140902", "Техник телекоммуникационных систем связи", "Телекоммуникациялық байланыс жүйелерінің технигі",
     "Telecommunications systems technician", "3522", True),
    ("3W06120101", "Оператор компьютерного аппаратного обеспечения", "Компьютерлік аппараттық қамтамасыз ету операторы",
     "Computer hardware operator", "3511", True),
    ("4S06120102", "Техник сетевого и системного администрирования", "Желілік және жүйелік әкімшілендіру технигі",
     "Network and system administration technician", "3513", True),
    ("4S06120202", "Техник по информационной безопасности", "Ақпараттық қауіпсіздік технигі",
     "Information security technician", "3513", True),
    ("3W06130102", "Web-дизайнер", "Web-дизайнер", "Web designer", "3514", True),
    ("4S06130103", "Разработчик программного обеспечения", "Бағдарламалық қамтамасыз етуді әзірлеуші",
     "Software developer", "2512", True),
    ("4S06130105", "Техник информационных систем", "Ақпараттық жүйелер технигі", "Information systems technician",
     "3512", True),
    ("3W07240101", "Горнорабочий очистного забоя", "Тазарту кенжарының кен жұмысшысы", "Longwall face miner",
     "8111", False),
    ("4S07240105", "Техник-технолог", "Техник-технолог", "Mining technician (underground)", "3117", True),
    ("4S07240203", "Техник-маркшейдер", "Техник-маркшейдер", "Mine surveying technician", "3112", True),
    ("3W07240301", "Машинист экскаватора", "Экскаватор машинисі", "Excavator operator", "8342", False),
    ("4S07240303", "Техник-технолог", "Техник-технолог", "Mining technician (open pit)", "3117", True),
    ("3W07240501", "Оператор дробильно-сортировочного оборудования", "Ұсату-сұрыптау жабдығының операторы",
     "Crushing and screening plant operator", "8112", True),
    ("4S07240503", "Техник-технолог", "Техник-технолог", "Mineral processing technician", "3117", True),
    ("3W07110101", "Аппаратчик химического производства", "Химиялық өндіріс аппаратшысы",
     "Chemical process operator", "8131", False),
    ("3W07110102", "Лаборант химического анализа", "Химиялық талдау зертханашысы", "Chemical analysis laboratory assistant",
     "3111", False),
    ("4S07110103", "Техник-технолог", "Техник-технолог", "Chemical technician", "3116", False),
    ("3W07161301", "Слесарь по ремонту автомобилей", "Автомобильдерді жөндеу слесарі", "Motor vehicle mechanic",
     "7231", True),
    ("3W07161303", "Мастер по ремонту автомобильного транспорта", "Автомобиль көлігін жөндеу шебері",
     "Motor vehicle repair master", "7231", True),
    ("4S07161304", "Техник-механик", "Техник-механик", "Motor vehicle technician", "3115", True),
    ("3W07161601", "Слесарь-ремонтник", "Слесарь-жөндеуші", "Agricultural machinery fitter", "7233", True),
    ("3W07161603", "Тракторист-машинист сельскохозяйственного производства",
     "Ауыл шаруашылығы өндірісінің тракторшы-машинисі", "Agricultural tractor and machine operator", "8341", True),
    ("3W07160501", "Помощник машиниста локомотива", "Локомотив машинисінің көмекшісі", "Assistant locomotive driver",
     "8311", True),
    ("3W10410201", "Дежурный по железнодорожной станции", "Темір жол станциясының кезекшісі",
     "Railway station duty officer", "4323", True),
    ("4S10410205", "Техник-организатор перевозок", "Тасымалдауды ұйымдастырушы техник",
     "Railway transport operations technician", "4323", True),
    ("3W07320103", "Мастер сухого строительства", "Құрғақ құрылыс шебері", "Drywall and finishing worker", "7123",
     True),
    ("3W07320104", "Мастер-строитель широкого профиля", "Кең бейінді құрылысшы шебер", "General builder", "7111",
     True),
    ("4S07320105", "Техник-строитель", "Техник-құрылысшы", "Construction technician", "3112", False),
    ("3W07320702", "Машинист дорожно-строительных машин", "Жол-құрылыс машиналарының машинисі",
     "Road construction machine operator", "8342", True),
    ("4S09120101", "Фельдшер", "Фельдшер", "Feldsher (paramedical practitioner)", "2240", True),
    ("4S09130103", "Медицинская сестра общей практики", "Жалпы практикадағы мейіргер", "General practice nurse",
     "3221", True),
    ("5AB09130104", "Прикладной бакалавр сестринского дела", "Мейіргер ісінің қолданбалы бакалавры",
     "Applied bachelor of nursing", "2221", False),
    ("4S09140101", "Медицинский лаборант", "Медициналық зертханашы", "Medical laboratory technician", "3212", True),
    ("4S09160101", "Фармацевт", "Фармацевт", "Pharmaceutical technician", "3213", True),
    ("4S01120102", "Воспитатель организации дошкольного воспитания и обучения",
     "Мектепке дейінгі тәрбие және оқыту ұйымының тәрбиешісі", "Pre-school teacher", "2342", True),
    ("4S01140101", "Учитель начального образования", "Бастауыш білім беру мұғалімі", "Primary school teacher", "2341",
     True),
    ("4S01140501", "Учитель физической культуры", "Дене шынықтыру мұғалімі", "Physical education teacher", "2330",
     True),
    ("4S04110102", "Бухгалтер", "Бухгалтер", "Accountant", "3313", True),
    ("4S04210101", "Юрист", "Заңгер", "Legal associate", "3411", True),
    ("4S02310101", "Переводчик", "Аудармашы", "Translator", "2643", True),
    ("4S02150101", "Концертмейстер, преподаватель детской музыкальной школы",
     "Концертмейстер, балалар музыка мектебінің оқытушысы", "Accompanist and children's music school teacher",
     "2354", True),
    ("3W10130301", "Кондитер-оформитель", "Кондитер-безендіруші", "Pastry cook and decorator", "7512", True),
    ("3W10130302", "Повар", "Аспаз", "Cook", "5120", True),
    ("3W10120101", "Парикмахер-стилист", "Шаштараз-стилист", "Hairdresser and stylist", "5141", True),
    ("3W07230101", "Швея", "Тігінші", "Sewing machinist", "8153", True),
    ("4S10150104", "Менеджер по туризму", "Туризм жөніндегі менеджер", "Tourism manager", "4221", True),
    ("4S08110103", "Агроном", "Агроном", "Agronomy technician", "3142", False),
    ("4S08410104", "Ветеринарный техник", "Ветеринариялық техник", "Veterinary technician", "3240", True),
    ("4S08410105", "Ветеринарный фельдшер", "Ветеринариялық фельдшер", "Veterinary feldsher", "3240", True),
]

UNCERTAIN_CODES = frozenset(
    [row[0] for row in SPECIALTIES if not row[7]] + [row[0] for row in QUALIFICATIONS if not row[5]]
)

SPECIALTY_BY_CODE = {row[0]: row for row in SPECIALTIES}
QUALIFICATION_BY_CODE = {row[0]: row for row in QUALIFICATIONS}
ISCO_BY_QUALIFICATION = {row[0]: row[4] for row in QUALIFICATIONS}


def specialty_of(qualification_code: str) -> str:
    """The specialty code a qualification code belongs to: 3W07150501 -> 07150500."""
    return qualification_code[-8:-2] + "00"


def qualifications_of(specialty_code: str) -> list[str]:
    return [row[0] for row in QUALIFICATIONS if specialty_of(row[0]) == specialty_code]
