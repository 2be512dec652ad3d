#!/usr/bin/env python3
"""Generate the bundled sample dataset ``examples/county_court``.

Eight party branches under the county organs working committee (县直机关工委): the branch of the
county people's court (县人民法院党支部), whose 2025 figures follow the court's annual party-building
report, and seven siblings of differing quality (see README.md).

Only the Python standard library is used and the output is deterministic (fixed seed, explicit
lists): running ``python3 make_sample.py`` rewrites branches.csv, members.csv, activities.csv,
attendance.csv and observations.csv next to this file and then re-reads them with an independent
checker of the docs/reference/data-format.md rules (plus the figures the sample promises); any violation raises.
"""

import csv
import datetime as dt
import io
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20251231
rng = random.Random(SEED)
D = dt.date
PARENT = "county_organs_committee"
YEARS = (2024, 2025)
LAST_DAY = D(2025, 12, 31)

# --------------------------------------------------------------------------------------------
# helpers


def add_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def days(n):
    return dt.timedelta(days=n)


def rdate(a, b):
    """A random day in [a, b]."""
    return a + days(rng.randint(0, (b - a).days))


def rday(y, m, lo=1, hi=28):
    return D(y, m, rng.randint(lo, hi))


def month_of_quarter(q):
    return 3 * (q - 1) + rng.randint(1, 3)


def all_months_but(*skip):
    return [m for m in range(1, 13) if m not in skip]


def spread(n, y, lo_month=1, hi_month=12):
    """n dates spread over the months lo..hi of year y (sorted)."""
    span = hi_month - lo_month + 1
    out = []
    for i in range(n):
        m = lo_month + (i * span) // n if n else lo_month
        if n < span and rng.random() < 0.4:
            m = min(hi_month, m + 1)
        out.append(rday(y, m))
    return sorted(out)


def fmt_num(x):
    if x is None or x == "":
        return ""
    if isinstance(x, int):
        return str(x)
    if float(x).is_integer():
        return str(int(x))
    return repr(float(x))


# --------------------------------------------------------------------------------------------
# branches

ALL_FACILITIES = "activity_room;library_corner;culture_corridor;gym;honor_wall;brand_wall"
ALL_STATION = "staffed;venue;team;activities;rules"

BRANCH_COLUMNS = ["branch_id", "name", "parent_id", "org_type", "last_election", "internal_units",
                  "units_covered", "fulltime_party_workers", "pioneer_posts", "brands", "facilities",
                  "service_station"]

BRANCHES = [
    dict(branch_id="court", name="县人民法院党支部", org_type="organ", last_election="2023-06-16",
         internal_units=8, units_covered=8, fulltime_party_workers=2, pioneer_posts=6, brands=2,
         facilities=ALL_FACILITIES, service_station=ALL_STATION),
    dict(branch_id="procuratorate", name="县人民检察院党支部", org_type="organ",
         last_election="2024-03-22", internal_units=6, units_covered=6, fulltime_party_workers=1,
         pioneer_posts=5, brands=1,
         facilities="activity_room;library_corner;culture_corridor;honor_wall;brand_wall",
         service_station=ALL_STATION),
    dict(branch_id="justice_bureau", name="县司法局机关党支部", org_type="organ",
         last_election="2023-04-18", internal_units=5, units_covered=4, fulltime_party_workers=1,
         pioneer_posts=2, brands=1, facilities="activity_room;library_corner;honor_wall",
         service_station="staffed;venue;activities;rules"),
    dict(branch_id="education_bureau", name="县教育局机关党支部", org_type="organ",
         last_election="2023-09-08", internal_units=7, units_covered=5, fulltime_party_workers=0,
         pioneer_posts=3, brands=1, facilities="activity_room;library_corner;culture_corridor",
         service_station="staffed;venue;team;activities"),
    dict(branch_id="finance_bureau", name="县财政局机关党支部", org_type="organ",
         last_election="2021-04-20", internal_units=8, units_covered=3, fulltime_party_workers=0,
         pioneer_posts=1, brands=0, facilities="activity_room", service_station="venue;rules"),
    dict(branch_id="media_center", name="县融媒体中心党支部", org_type="institution",
         last_election="2024-05-16", internal_units=3, units_covered=1, fulltime_party_workers=0,
         pioneer_posts=1, brands=1, facilities="activity_room;library_corner",
         service_station="staffed;venue;activities"),
    dict(branch_id="yingbage_village", name="英巴格村党支部", org_type="village",
         last_election="2021-01-20", internal_units=None, units_covered=None,
         fulltime_party_workers=0, pioneer_posts=3, brands=1,
         facilities="activity_room;library_corner;culture_corridor;honor_wall",
         service_station=ALL_STATION),
    dict(branch_id="xingfulu_community", name="幸福路社区党支部", org_type="community",
         last_election="2021-03-12", internal_units=4, units_covered=4, fulltime_party_workers=1,
         pioneer_posts=3, brands=1,
         facilities="activity_room;library_corner;culture_corridor;honor_wall;brand_wall",
         service_station=ALL_STATION),
]
for _b in BRANCHES:
    _b["parent_id"] = PARENT

PREFIX = {"court": "FY", "procuratorate": "JCY", "justice_bureau": "SFJ",
          "education_bureau": "JYJ", "finance_bureau": "CZJ", "media_center": "RMT",
          "yingbage_village": "YBG", "xingfulu_community": "XFL"}

# --------------------------------------------------------------------------------------------
# people: explicit name pools, drawn without repetition

HAN_SURNAMES = list("王李张刘陈杨赵黄周吴徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶贺顾毛郝龚邵万严武戴孔汤")
HAN_MALE = ["建国", "志强", "海涛", "立新", "国栋", "文斌", "晓东", "俊杰", "伟", "磊", "军", "勇",
            "涛", "斌", "鹏", "浩", "宇航", "子轩", "明", "亮", "新华", "振华", "卫东", "成林",
            "德明", "永刚", "红军", "学军", "春生", "建新", "国庆", "志刚", "长江", "天佑", "博文",
            "思远", "嘉豪", "晨阳", "一鸣", "泽宇", "建军", "振兴", "疆生", "卫国"]
HAN_FEMALE = ["秀英", "丽娟", "红梅", "晓燕", "静", "敏", "芳", "丽", "娜", "婷", "雪", "慧",
              "玉兰", "桂芳", "春燕", "海燕", "丽萍", "雅琴", "佳怡", "欣怡", "梦瑶", "思雨",
              "雨涵", "晓雯", "文静", "淑华", "美玲", "丽华", "凤英", "秋菊", "玉梅", "雪莲"]
UYGHUR_MALE = ["艾尔肯", "阿不都热合曼", "买买提江", "吐尔洪", "艾力", "努尔买买提", "亚森",
               "伊力哈木", "肉孜", "买合木提", "阿迪力", "热合曼", "艾克拜尔", "麦麦提敏", "吾买尔",
               "卡米力", "塔依尔", "阿力木江", "依明江", "祖农", "阿卜杜克里木", "米吉提"]
UYGHUR_FEMALE = ["古丽努尔", "热依拉", "阿依努尔", "帕提古丽", "迪丽努尔", "再努尔", "米热古丽",
                 "努尔尼沙", "阿提古丽", "玛依拉", "布热比亚", "阿孜古丽", "沙拉买提",
                 "古丽巴哈尔", "排孜古丽", "哈丽旦", "阿依先木", "热孜宛古丽"]
UYGHUR_FATHER = ["吐尔逊", "艾合买提", "阿不力孜", "依明", "买买提", "热合曼", "阿不都拉", "艾则孜",
                 "司马义", "吾守尔", "吐尔地", "卡德尔", "尼亚孜", "阿吉", "阿不都克力木", "玉素甫",
                 "哈斯木", "吐逊", "库尔班", "艾买提", "阿不力米提", "肉孜"]
KAZAKH_MALE = ["叶尔兰", "努尔江", "哈那提", "别克波拉提", "赛力克", "达吾列提", "叶尔波拉提",
               "阿斯哈尔", "巴合提别克", "加肯", "波拉提", "木合塔尔"]
KAZAKH_FEMALE = ["阿依古丽", "加娜尔", "古丽扎达", "阿娜尔", "沙尔达娜", "玛丽娜", "阿依达娜",
                 "古丽娜孜", "巴合提古丽"]
KAZAKH_FATHER = ["努尔兰", "别克", "吐尔洪", "加尔肯", "阿合买提", "木拉提", "哈布都", "努尔旦",
                 "托合塔尔", "哈力木", "赛力克", "叶尔兰"]
HUI_SURNAMES = ["马", "杨", "冶", "韩", "丁"]

_used_names = set()


def draw_name(ethnicity, gender):
    for _ in range(1000):
        if ethnicity == "维吾尔族":
            name = rng.choice(UYGHUR_MALE if gender == "M" else UYGHUR_FEMALE) + "·" + \
                rng.choice(UYGHUR_FATHER)
        elif ethnicity == "哈萨克族":
            name = rng.choice(KAZAKH_MALE if gender == "M" else KAZAKH_FEMALE) + "·" + \
                rng.choice(KAZAKH_FATHER)
        else:
            surnames = HUI_SURNAMES if ethnicity == "回族" else HAN_SURNAMES
            name = rng.choice(surnames) + rng.choice(HAN_MALE if gender == "M" else HAN_FEMALE)
        if name not in _used_names:
            _used_names.add(name)
            return name
    raise RuntimeError("name pool exhausted")


def weighted(pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


# Per-branch population: ethnicity weights, education weights, female share, birth years of
# ordinary members.
POPULATION = {
    "court": ([("汉族", 55), ("维吾尔族", 30), ("哈萨克族", 10), ("回族", 5)],
              [("master", 20), ("bachelor", 70), ("associate", 10)], 0.42, (1967, 1999)),
    "procuratorate": ([("汉族", 55), ("维吾尔族", 30), ("哈萨克族", 10), ("回族", 5)],
                      [("master", 15), ("bachelor", 75), ("associate", 10)], 0.40, (1968, 1999)),
    "justice_bureau": ([("汉族", 50), ("维吾尔族", 35), ("哈萨克族", 10), ("回族", 5)],
                       [("master", 5), ("bachelor", 70), ("associate", 25)], 0.35, (1966, 1998)),
    "education_bureau": ([("汉族", 50), ("维吾尔族", 35), ("哈萨克族", 10), ("回族", 5)],
                         [("master", 15), ("bachelor", 75), ("associate", 10)], 0.55, (1967, 1998)),
    "finance_bureau": ([("汉族", 60), ("维吾尔族", 30), ("哈萨克族", 10)],
                       [("bachelor", 60), ("associate", 35), ("senior_high", 5)], 0.40, (1966, 1996)),
    "media_center": ([("汉族", 50), ("维吾尔族", 40), ("哈萨克族", 10)],
                     [("bachelor", 80), ("associate", 20)], 0.50, (1980, 2000)),
    "yingbage_village": ([("维吾尔族", 80), ("汉族", 12), ("哈萨克族", 8)],
                         [("primary", 15), ("junior_high", 40), ("senior_high", 20),
                          ("vocational", 15), ("associate", 10)], 0.30, (1956, 1998)),
    "xingfulu_community": ([("汉族", 50), ("维吾尔族", 35), ("哈萨克族", 10), ("回族", 5)],
                           [("junior_high", 15), ("senior_high", 25), ("vocational", 10),
                            ("associate", 30), ("bachelor", 20)], 0.60, (1952, 1998)),
}

MEMBER_COLUMNS = ["member_id", "branch_id", "name", "gender", "ethnicity", "birth_date",
                  "education", "role", "party_group", "application_date", "activist_date",
                  "candidate_date", "admission_date", "conversion_date", "joined_branch",
                  "left_branch"]

GROUP_NAMES = ["第一党小组", "第二党小组", "第三党小组", "第四党小组", "第五党小组"]


def backward_chain(adm, full=True):
    """application, activist, candidate dates before an admission date."""
    if not full:
        return None, None, None
    cand = adm - days(rng.randint(60, 180))
    act = cand - days(rng.randint(365, 540))
    app = act - days(rng.randint(30, 300))
    return app, act, cand


def make_person(branch, kind, role="", group="", birth_years=None, education=None,
                ethnicity=None, gender=None, late=False, event=None):
    """One row of members.csv.

    kind: old (formal long ago), conv2024 (admitted 2023, converted 2024), conv2025 (admitted
    2024, converted 2025), new2025 (admitted 2025), join2025 (transferred in during 2025),
    left2025 (left during 2025; event = 'transfer' or 'retire'), activist / candidate (not yet
    party members).
    """
    eth_w, edu_w, female_share, (by_lo, by_hi) = POPULATION[branch]
    if gender is None:
        gender = "F" if rng.random() < female_share else "M"
    if ethnicity is None:
        ethnicity = weighted(eth_w)
    if education is None:
        education = weighted(edu_w)
    if kind == "left2025" and event == "retire":
        birth_years = (1965, 1965)
    if kind in ("conv2025", "new2025", "activist", "candidate", "conv2024") and birth_years is None:
        birth_years = (max(by_lo, 1990), min(2001, max(by_hi, 1996)))
    if birth_years is None:
        birth_years = (by_lo, by_hi)
    birth = D(rng.randint(*birth_years), rng.randint(1, 12), rng.randint(1, 28))
    app = act = cand = adm = conv = joined = left = None

    if kind in ("old", "join2025", "left2025"):
        adm_year = min(birth.year + rng.randint(21, 34), 2022)
        adm = D(adm_year, rng.randint(1, 12), rng.randint(1, 28))
        if adm < add_years(birth, 21):
            adm = add_years(birth, 21)
        conv = add_years(adm, 1) + days(rng.randint(0, 7))
        app, act, cand = backward_chain(adm, full=adm.year >= 2000 or rng.random() < 0.5)
        age_at_adm = (adm - birth).days / 365.2425
        if branch not in ("yingbage_village",) and (age_at_adm < 25 or rng.random() < 0.25):
            # admitted at university or in a former unit: transferred into this branch later
            lo = adm + days(200)
            hi = min(D(2023, 12, 31), add_years(adm, 12))
            if lo < hi:
                joined = rdate(lo, hi)
        if kind == "join2025":
            joined = rdate(D(2025, 2, 1), D(2025, 4, 30))
        if kind == "left2025":
            if event == "retire":
                left = add_years(birth, 60) + days(1)
            else:
                left = rdate(D(2025, 3, 1), D(2025, 6, 30))
    elif kind == "conv2024":
        adm = rdate(D(2023, 4, 1), D(2023, 11, 30))
        conv = add_years(adm, 1) + days(rng.randint(45, 80) if late else 0)
        app, act, cand = backward_chain(adm)
    elif kind == "conv2025":
        adm = rdate(D(2024, 3, 1), D(2024, 11, 30))
        conv = add_years(adm, 1) + days(rng.randint(45, 80) if late else 0)
        app, act, cand = backward_chain(adm)
    elif kind == "new2025":
        adm = event or rdate(D(2025, 5, 1), D(2025, 11, 30))
        app, act, cand = backward_chain(adm)
    elif kind in ("activist", "candidate"):
        act = rdate(D(2024, 3, 1), D(2024, 10, 31)) if kind == "candidate" \
            else rdate(D(2025, 1, 1), D(2025, 6, 30))
        app = act - days(rng.randint(60, 300))
        if kind == "candidate":
            cand = act + days(rng.randint(370, 420))
    else:
        raise ValueError(kind)
    return dict(branch_id=branch, name=draw_name(ethnicity, gender), gender=gender,
                ethnicity=ethnicity, birth_date=birth, education=education, role=role,
                party_group=group, application_date=app, activist_date=act,
                candidate_date=cand, admission_date=adm, conversion_date=conv,
                joined_branch=joined, left_branch=left, _kind=kind, _event=event)


# Membership plan per branch: officer roles (in order), number of party groups (one group
# leader each unless said otherwise), number of plain formal members, and the special cases.
PLANS = {
    "court": dict(roles=["secretary", "deputy_secretary", "committee_member", "committee_member",
                         "committee_member"], groups=5, leaders=5, old=30,
                  specials=[("conv2024", {}), ("conv2024", {"late": True}),
                            ("conv2025", {}), ("conv2025", {}), ("conv2025", {}),
                            ("new2025", {"event": D(2025, 6, 27)}),
                            ("new2025", {"event": D(2025, 6, 27)}),
                            ("join2025", {}),
                            ("left2025", {"event": "transfer"}),
                            ("left2025", {"event": "retire"}),
                            ("candidate", {}), ("activist", {})]),
    "procuratorate": dict(roles=["secretary", "deputy_secretary", "committee_member",
                                 "committee_member", "committee_member"], groups=3, leaders=3,
                          old=18,
                          specials=[("conv2024", {}), ("conv2025", {}), ("conv2025", {}),
                                    ("new2025", {}), ("join2025", {}),
                                    ("left2025", {"event": "transfer"})]),
    "justice_bureau": dict(roles=["secretary", "deputy_secretary", "committee_member"], groups=2,
                           leaders=2, old=10,
                           specials=[("conv2024", {}), ("conv2025", {}), ("new2025", {}),
                                     ("left2025", {"event": "retire"})]),
    "education_bureau": dict(roles=["secretary", "deputy_secretary", "committee_member",
                                    "committee_member"], groups=3, leaders=3, old=12,
                             specials=[("conv2024", {}), ("conv2025", {"late": True}),
                                       ("new2025", {}), ("join2025", {}),
                                       ("left2025", {"event": "transfer"})]),
    "finance_bureau": dict(roles=["secretary", "committee_member"], groups=2, leaders=1, old=11,
                           specials=[("conv2024", {}), ("left2025", {"event": "transfer"})]),
    "media_center": dict(roles=["secretary"], groups=1, leaders=0, old=4,
                         specials=[("conv2025", {}), ("new2025", {}), ("new2025", {})]),
    "yingbage_village": dict(roles=["secretary", "deputy_secretary", "committee_member",
                                    "committee_member", "committee_member"], groups=3, leaders=3,
                             old=14,
                             specials=[("conv2024", {}), ("conv2025", {"late": True}),
                                       ("new2025", {}), ("new2025", {}),
                                       ("left2025", {"event": "retire"})]),
    "xingfulu_community": dict(roles=["secretary", "deputy_secretary", "committee_member",
                                      "committee_member"], groups=2, leaders=2, old=6,
                               specials=[("conv2024", {}), ("conv2025", {}), ("new2025", {}),
                                         ("join2025", {})]),
}


def make_members():
    members = []
    for b in BRANCHES:
        bid = b["branch_id"]
        plan = PLANS[bid]
        groups = GROUP_NAMES[:plan["groups"]]
        rows = []
        officer_birth = (1968, 1982) if bid != "media_center" else (1978, 1986)
        for i, role in enumerate(plan["roles"]):
            edu = None
            if bid == "court" and role == "secretary":
                edu = "master"
            rows.append(make_person(bid, "old", role=role, group=groups[i % len(groups)],
                                    birth_years=officer_birth, education=edu))
        for i in range(plan["leaders"]):
            rows.append(make_person(bid, "old", role="group_leader", group=groups[i],
                                    birth_years=(1972, 1990) if bid != "media_center" else None))
        specials = [make_person(bid, k, **kw) for k, kw in plan["specials"]]
        plain = [make_person(bid, "old") for _ in range(plan["old"])]
        # spread the non-officers over the groups, round robin after a shuffle
        others = plain + [p for p in specials if p["_kind"] not in ("activist", "candidate")]
        rng.shuffle(others)
        for i, p in enumerate(others):
            p["party_group"] = groups[i % len(groups)]
        rows.extend(plain)
        rows.extend(specials)
        for n, p in enumerate(rows, 1):
            p["member_id"] = "%s%03d" % (PREFIX[bid], n)
        members.extend(rows)
    return members


# --------------------------------------------------------------------------------------------
# membership queries used while generating activities


def is_member(p, d):
    adm = p["admission_date"]
    if adm is None or adm > d:
        return False
    if p["joined_branch"] is not None and p["joined_branch"] > d:
        return False
    return p["left_branch"] is None or d < p["left_branch"]


def members_on(members, bid, d, group=None):
    return [p for p in members if p["branch_id"] == bid and is_member(p, d)
            and (group is None or p["party_group"] == group)]


# --------------------------------------------------------------------------------------------
# activity vocabulary: titles

ACTIVITY_COLUMNS = ["activity_id", "branch_id", "kind", "date", "mode", "platform", "attendees",
                    "expected", "hours", "lecturer_id", "amount_yuan", "cases", "escalated",
                    "title"]

HALL = {"court": "“天平”大讲堂", "procuratorate": "“检察”大讲堂", "justice_bureau": "“法润”大讲堂",
        "education_bureau": "“育人”大讲堂", "finance_bureau": "“财政”大讲堂",
        "media_center": "“融媒”大讲堂", "yingbage_village": "“农民夜校”大讲堂",
        "xingfulu_community": "“邻里”大讲堂"}
HALL_TOPICS = {
    "court": ["民法典婚姻家庭编适用", "裁判文书说理与写作", "执行工作规范化", "立案登记制与网上立案",
              "刑事审判中的证据审查", "行政诉讼实质性化解", "少年审判与未成年人保护", "诉源治理与“枫桥经验”",
              "司法公开与庭审直播", "审判流程节点管理", "涉农纠纷审理实务", "国家通用语言文字庭审",
              "类案检索与法律适用统一", "人民陪审员工作规范", "司法礼仪与作风建设", "审判质效指标解读",
              "铸牢中华民族共同体意识与民族团结", "保密工作与网络安全"],
    "procuratorate": ["认罪认罚从宽制度适用", "公益诉讼办案实务", "未成年人检察工作", "刑事执行检察",
                      "检察听证工作", "案件质量评查", "数字检察", "控告申诉检察"],
    "justice_bureau": ["人民调解实务", "社区矫正规范化", "公共法律服务", "行政复议法解读", "普法责任制"],
    "education_bureau": ["新时代师德师风建设", "国家通用语言文字教学", "校园安全管理", "教育督导实务",
                         "“双减”政策落实", "家校共育"],
    "finance_bureau": ["预算绩效管理", "政府采购法规", "财会监督实务"],
    "media_center": ["新闻采编规范", "网络舆情引导", "短视频制作"],
    "yingbage_village": ["庭院经济与林果管理", "国家通用语言", "农业保险政策"],
    "xingfulu_community": ["网格化管理服务", "养老政策解读", "垃圾分类"],
}

TITLES = {
    "legal_education": ["“法治主题日”线上普法：民法典婚姻家庭编", "线上普法：反电信网络诈骗法",
                        "线上普法：未成年人保护法", "线上普法：宪法知识答题", "线上普法：劳动合同与欠薪维权",
                        "线上普法：农村土地承包法", "线上普法：国家安全法", "线上普法：禁毒法",
                        "线上普法：反家庭暴力法", "线上普法：防范和处置非法集资条例",
                        "线上普法：新疆维吾尔自治区民族团结进步模范区创建条例", "线上普法：道路交通安全法",
                        "线上普法：保障农民工工资支付条例", "线上普法：妇女权益保障法"],
    "training": ["全员政治轮训", "党务干部业务培训", "国家通用语言文字培训", "信息化办公系统应用培训",
                 "学习贯彻党的二十届三中全会精神集中学习", "党纪学习教育集中学习",
                 "学习贯彻党的二十届四中全会精神集中学习", "深入贯彻中央八项规定精神学习教育集中学习"],
    "role_model_study": ["学习“时代楷模”先进事迹", "学习全国优秀共产党员先进事迹", "学习张富清同志先进事迹",
                         "学习黄文秀同志先进事迹", "学习“最美奋斗者”先进事迹", "学习“新疆好人”先进事迹",
                         "学习“七一勋章”获得者事迹", "学习全国民族团结进步模范事迹"],
    "warning_education": ["以案促改警示教育大会", "参观廉政教育基地", "违纪违法典型案例通报学习",
                          "“以案说纪”警示教育", "廉政谈话暨警示教育", "家庭助廉警示教育",
                          "纪律教育学习宣传月警示教育", "节前廉政提醒暨警示教育"],
    "warning_film": ["观看警示教育片《零容忍》", "观看警示教育片《持续发力 纵深推进》",
                     "观看警示教育片《反腐为了人民》", "观看警示教育片《一步不停歇 半步不退让》",
                     "观看警示教育片《永远吹冲锋号》", "观看警示教育片《围猎之害》", "观看警示教育片《蜕变之路》",
                     "观看警示教育片《贪欲之害》", "观看警示教育片《警钟长鸣》", "观看警示教育片《迷失的初心》",
                     "观看警示教育片《忏悔录》", "观看警示教育片《失守的底线》"],
    "home_visit": ["入户走访结对亲戚家庭", "走访困难群众", "入户宣讲惠民政策", "走访辖区群众征求意见建议",
                   "“访民情、惠民生、聚民心”入户走访", "入户走访独居老人"],
    "dispute_mediation": ["调解邻里纠纷", "调解婚姻家庭纠纷", "化解土地承包纠纷", "调解劳务报酬纠纷",
                          "化解民间借贷纠纷", "调处物业服务纠纷"],
    "pairing_activity": ["民族团结一家亲结对认亲活动", "“结亲周”入户走访", "与结对亲戚共度肉孜节",
                         "与结对亲戚共度古尔邦节", "帮助结对亲戚春耕", "帮助结对亲戚秋收", "与结对亲戚共度中秋",
                         "与结对亲戚同吃同住同劳动", "为结对亲戚子女辅导国家通用语言"],
    "publicity_talk": ["“民族团结”进村宣讲", "反电信网络诈骗宣讲进社区", "“法治进校园”宣讲",
                       "惠民政策宣讲", "“铸牢中华民族共同体意识”宣讲", "宪法宣讲进农村", "党的创新理论宣讲进企业",
                       "“新疆历史”宣讲", "禁毒知识宣讲", "《民法典》宣讲进家庭"],
    "volunteer_service": ["“我为群众办实事”志愿服务", "城市文明创建志愿服务", "义务植树", "清洁家园志愿服务",
                          "无偿献血", "关爱留守儿童志愿服务"],
    "identity_display": ["党员亮身份、践承诺", "党员先锋岗挂牌亮诺", "佩戴党徽亮身份", "“一名党员一面旗”亮身份"],
    "legal_consultation": ["“法律进乡村”义务法律咨询", "巴扎日义务法律咨询", "消费者权益保护义务咨询",
                           "“法律明白人”义务法律咨询", "农民工讨薪义务法律咨询"],
    "community_outreach": ["走进社区开展便民服务", "走进学校开展国家通用语言宣传", "走进企业开展惠企政策宣讲",
                           "走进社区开展政策宣传"],
    "education_base_visit": ["赴县爱国主义教育基地开展红色教育", "参观革命历史纪念馆", "参观民族团结进步教育基地"],
    "veteran_visit": ["春节慰问退休老党员", "“七一”走访慰问老党员", "重阳节慰问离退休老党员"],
    "competition": ["“我心中的党”演讲比赛", "“法治与公正”主题征文", "“民族团结一家亲”演讲比赛", "党史知识竞赛"],
    "heart_talk": ["支部书记与党员谈心谈话", "“一对一”谈心谈话", "新进人员谈心谈话", "节前廉政谈心谈话"],
    "brand_activity": ["党建品牌创建推进会", "党建品牌展示活动", "党建品牌进基层"],
}
# 民族团结一家亲 visits: titles by month (肉孜节 30 Mar 2025 / 10 Apr 2024,
# 古尔邦节 6 Jun 2025 / 16 Jun 2024, 中秋 6 Oct 2025 / 17 Sep 2024)
PAIRING = {
    0: {1: "春节前走访结对亲戚送温暖", 2: "“结亲周”入户走访", 3: "与结对亲戚共度肉孜节",
        4: "帮助结对亲戚春耕", 5: "民族团结一家亲结对认亲活动", 6: "与结对亲戚共度古尔邦节",
        7: "与结对亲戚同吃同住同劳动", 8: "为结对亲戚子女辅导国家通用语言", 9: "帮助结对亲戚秋收",
        10: "与结对亲戚共度中秋、国庆", 11: "“结亲周”入户走访", 12: "冬季走访结对亲戚送温暖"},
    2024: {3: "帮助结对亲戚春耕备耕", 4: "与结对亲戚共度肉孜节", 9: "与结对亲戚共度中秋",
           10: "帮助结对亲戚秋收"},
    2025: {},
}
BRAND_NAME = {"court": ["“石榴籽·法韵”", "“天平先锋”"], "procuratorate": ["“检心向党”"],
              "justice_bureau": ["“法润天山”"], "education_bureau": ["“红烛先锋”"],
              "media_center": ["“红色声音”"], "yingbage_village": ["“石榴红”"],
              "xingfulu_community": ["“幸福邻里”"], "finance_bureau": ["“财政先锋”"]}
COURT_OVERRIDES = {
    "dispute_mediation": ["诉前调解邻里纠纷", "巡回审判调解婚姻家庭纠纷", "诉前调解土地承包纠纷",
                          "诉前调解劳务报酬纠纷", "诉前化解民间借贷纠纷", "“法官进网格”调处物业纠纷"],
    "community_outreach": ["走进社区开展“法官进网格”", "走进学校开展模拟法庭", "走进企业开展法律体检",
                           "“法治副校长”进校园"],
    "role_model_study": ["学习全国模范法官邹碧华先进事迹", "学习“时代楷模”先进事迹", "学习张富清同志先进事迹",
                         "学习黄文秀同志先进事迹", "学习“人民满意的好法官”先进事迹", "学习“新疆好人”先进事迹",
                         "学习全国民族团结进步模范事迹"],
    "training": ["全员政治轮训", "审判业务能力提升培训", "国家通用语言文字培训", "网上立案与智慧法院系统应用培训",
                 "党务干部业务培训", "党纪学习教育集中学习", "学习贯彻党的二十届四中全会精神集中学习"],
}
THEME = {1: "新年新气象 学习再出发", 2: "学习全国两会精神", 3: "学雷锋 践初心", 4: "清明祭英烈",
         5: "民族团结一家亲", 6: "法治宣传进社区", 7: "庆祝建党{n}周年", 8: "学习贯彻中央八项规定精神",
         9: "铸牢中华民族共同体意识", 10: "{oct}", 11: "学习贯彻党的二十届{plenum}全会精神",
         12: "国家宪法日 弘扬宪法精神"}
THEME_2024 = {2: "学习全国两会精神", 8: "党纪学习教育专题学习"}
CONGRESS = {1: "传达学习上级会议精神 审议年度工作计划", 2: "讨论接收预备党员", 3: "专题学习 讨论预备党员转正",
            4: "年终工作总结"}
LECTURE = ["学习贯彻习近平新时代中国特色社会主义思想专题党课", "铸牢中华民族共同体意识专题党课",
           "深入贯彻中央八项规定精神专题党课", "以高质量党建引领高质量发展专题党课"]
COURT_LECTURE = ["坚持党对审判工作的绝对领导专题党课", "铸牢中华民族共同体意识 做公正司法的守护者",
                 "深入贯彻中央八项规定精神 锻造过硬法院队伍", "学习贯彻党的二十届四中全会精神专题党课"]

# titles that only fit a window of dates (plenums, campaigns, films' release)
DATED_TITLES = {
    "党纪学习教育集中学习": (D(2024, 4, 1), D(2024, 7, 31)),
    "学习贯彻党的二十届三中全会精神集中学习": (D(2024, 7, 22), D(2025, 6, 30)),
    "学习贯彻党的二十届四中全会精神集中学习": (D(2025, 10, 24), D(2025, 12, 31)),
    "深入贯彻中央八项规定精神学习教育集中学习": (D(2025, 3, 15), D(2025, 8, 31)),
    "观看警示教育片《一步不停歇 半步不退让》": (D(2025, 1, 10), D(2025, 12, 31)),
}

_title_state = {}


def title_for(bid, kind, date):
    pool = COURT_OVERRIDES.get(kind) if bid == "court" else None
    pool = pool or TITLES[kind]
    key = (bid, kind)
    st = _title_state.setdefault(key, {"order": rng.sample(pool, len(pool)), "i": 0})
    for _ in range(len(st["order"])):
        t = st["order"][st["i"] % len(st["order"])]
        st["i"] += 1
        lo, hi = DATED_TITLES.get(t, (D(1900, 1, 1), D(2100, 1, 1)))
        if lo <= date <= hi:
            return t
    raise RuntimeError("no title fits %s %s" % (kind, date))


# --------------------------------------------------------------------------------------------
# per branch and year: what was done (explicit numbers; months and quarters as lists)

ALL = list(range(1, 13))
Q4 = [1, 2, 3, 4]


def profile(**kw):
    base = dict(committee=ALL, congress=Q4, lectures=["secretary", "committee_member", "secretary",
                                                      "deputy_secretary"],
                theme=ALL, theme_online=3, group=ALL, org_life=True, review=True,
                legal=8, legal_online=4, hall=4, training=[30, 25, 20], training_hours=[8, 4, 3],
                integrity=4, warn=4, film=4, role_model=3, disclosure=Q4,
                home=10, mediation=[(2, 0), (1, 0)], pairing=all_months_but(2), pair_amounts=[],
                talks=12, volunteer=4, brand=2, identity=3, consult=4, outreach=4, base=2,
                veteran=2, competition=1, heart=4, birthday=ALL, oath=1,
                part=(0.85, 0.97), attendance=(), hybrid_share=0.3)
    base.update(kw)
    return base


PROFILES = {
    # the court: 2025 follows the annual report; 2024 somewhat weaker
    ("court", 2024): profile(committee=all_months_but(2), lectures=["secretary", "committee_member",
                                                                    "deputy_secretary"],
                             theme_online=3, legal=8, legal_online=8, hall=12,
                             training=[48, 40, 36, 35], training_hours=[8, 4, 3, 3], warn=5,
                             film=7, role_model=4, home=10,
                             mediation=[(3, 0), (2, 0), (4, 1), (2, 0), (3, 0)],
                             pairing=all_months_but(2, 5, 8), pair_amounts=[(4, 4800), (9, 4800)],
                             talks=15, volunteer=5, brand=3, identity=3, consult=8, outreach=5,
                             base=2, veteran=3, competition=1, heart=6, oath=1,
                             part=(0.86, 0.95), attendance=("branch_congress",)),
    ("court", 2025): profile(committee=ALL, lectures=["secretary", "committee_member", "secretary",
                                                      "deputy_secretary"],
                             theme_online=5, legal=12, legal_online=12, hall=17,
                             training=[52, 45, 41, 40, 38], training_hours=[16, 8, 4, 3, 3],
                             integrity=4, warn=7, film=11, role_model=6, home=14,
                             mediation=[(4, 0), (3, 0), (2, 0), (5, 0), (2, 0), (3, 0)],
                             pairing=all_months_but(8),
                             pair_amounts=[(3, 4800), (6, 4400), (10, 3200)],
                             talks=22, volunteer=6, brand=4, identity=4, consult=10, outreach=6,
                             base=2, veteran=3, competition=2, heart=8, oath=2,
                             part=(0.90, 0.98),
                             attendance=("branch_congress", "theme_day", "org_life_meeting",
                                         "party_lecture")),
    # strong, slightly down in 2025
    ("procuratorate", 2024): profile(theme_online=4, legal=11, legal_online=6, hall=10,
                                     training=[30, 28, 26, 25, 24], warn=5, film=6, role_model=4,
                                     home=12, mediation=[(2, 0), (1, 0), (3, 0)], pairing=ALL,
                                     pair_amounts=[(5, 3000), (11, 3000)], talks=18, volunteer=5,
                                     brand=3, identity=4, consult=8, outreach=5, veteran=2,
                                     competition=2, heart=5, part=(0.88, 0.97)),
    ("procuratorate", 2025): profile(group=all_months_but(2), theme_online=3, legal=10,
                                     legal_online=5, hall=9, training=[31, 27, 25, 24],
                                     warn=5, film=5, role_model=4, home=12,
                                     mediation=[(2, 0), (2, 0), (1, 0)], pairing=all_months_but(8),
                                     pair_amounts=[(6, 6500)], talks=20, volunteer=5, brand=3,
                                     identity=4, consult=9, outreach=5, veteran=2, competition=2,
                                     heart=5, part=(0.88, 0.97), attendance=("branch_congress",)),
    # average, improving
    ("justice_bureau", 2024): profile(committee=all_months_but(2, 7, 8), congress=[1, 2, 4],
                                      lectures=["secretary", "committee_member", "deputy_secretary"],
                                      theme=all_months_but(2, 8), theme_online=2,
                                      group=all_months_but(1, 2, 7, 8), legal=7, legal_online=2,
                                      hall=3, training=[16, 15, 14], warn=3, film=3, role_model=2,
                                      disclosure=[1, 2, 4], home=8,
                                      mediation=[(4, 0), (3, 1), (5, 0), (2, 0), (3, 0), (3, 0)],
                                      pairing=all_months_but(2, 7, 8, 12), pair_amounts=[(5, 2000)],
                                      talks=12, volunteer=3, identity=2, consult=6, outreach=3,
                                      base=1, veteran=1, part=(0.80, 0.92)),
    ("justice_bureau", 2025): profile(committee=all_months_but(2), lectures=["secretary",
                                                                             "committee_member",
                                                                             "deputy_secretary",
                                                                             "committee_member"],
                                      theme_online=4, group=all_months_but(2, 8), legal=10,
                                      legal_online=6, hall=5, training=[18, 17, 16, 15], warn=4,
                                      film=4, role_model=3, home=11,
                                      mediation=[(5, 0), (4, 0), (3, 0), (6, 0), (3, 0), (2, 0),
                                                 (3, 0)],
                                      pairing=all_months_but(2, 8), pair_amounts=[(6, 2600)],
                                      talks=16, volunteer=4, identity=3, consult=8, outreach=4,
                                      veteran=2, part=(0.84, 0.95)),
    # average, declining; a serious violation in 2025 (veto)
    ("education_bureau", 2024): profile(committee=all_months_but(8), theme_online=3,
                                        group=all_months_but(2, 8), legal=8, legal_online=3,
                                        hall=6, training=[22, 21, 20, 20], warn=4, film=4,
                                        role_model=3, home=10, mediation=[(2, 0), (1, 0)],
                                        pairing=all_months_but(2, 8), pair_amounts=[(9, 3000)],
                                        talks=14, volunteer=5, competition=2,
                                        part=(0.84, 0.95)),
    ("education_bureau", 2025): profile(committee=all_months_but(7, 8), congress=[1, 2, 4],
                                        lectures=["secretary", "committee_member",
                                                  "deputy_secretary"],
                                        theme=all_months_but(8), theme_online=2,
                                        group=all_months_but(1, 7, 8), legal=6, legal_online=2,
                                        hall=4, training=[21, 20, 19], warn=3, film=3,
                                        role_model=2, disclosure=[1, 2, 4], home=8,
                                        mediation=[(2, 0), (1, 0)],
                                        pairing=all_months_but(2, 7, 8), pair_amounts=[(9, 2400)],
                                        talks=11, volunteer=4, competition=2, part=(0.80, 0.92)),
    # weak: few meetings, incomplete committee, expired term, declining
    ("finance_bureau", 2024): profile(committee=[1, 3, 4, 6, 7, 9, 10, 12], congress=[1, 2, 4],
                                      lectures=["secretary", "committee_member"],
                                      theme=all_months_but(2, 5, 8), theme_online=1,
                                      group=[1, 3, 4, 6, 9, 10, 12], legal=4, legal_online=1,
                                      hall=2, training=[13, 12], training_hours=[4, 3],
                                      integrity=2, warn=2, film=2, role_model=1,
                                      disclosure=[2, 4], home=5, mediation=[(1, 0)],
                                      pairing=[3, 4, 6, 9, 10, 11], talks=5, volunteer=2, brand=0,
                                      identity=1, consult=1, outreach=1, base=1, veteran=1,
                                      competition=0, heart=2, birthday=[1, 4, 7, 10],
                                      part=(0.65, 0.85), hybrid_share=0.0),
    ("finance_bureau", 2025): profile(committee=[1, 3, 6, 7, 9, 12], congress=[1, 4],
                                      lectures=["committee_member"],
                                      theme=[1, 3, 4, 6, 7, 9, 12], theme_online=0,
                                      group=[1, 4, 6, 9, 12], org_life=True, review=False,
                                      legal=3, legal_online=0, hall=1, training=[12, 11],
                                      training_hours=[3, 2], integrity=2, warn=1, film=2,
                                      role_model=1, disclosure=[2, 4], home=4, mediation=[(2, 0)],
                                      pairing=[3, 6, 9, 10, 11], talks=4, volunteer=1, brand=0,
                                      identity=1, consult=0, outreach=1, base=0, veteran=1,
                                      competition=0, heart=2, birthday=[1, 7], oath=1,
                                      part=(0.60, 0.80), hybrid_share=0.0),
    # small institution: no committee (only a secretary), no dispute mediation at all
    ("media_center", 2024): profile(committee=[], lectures=["secretary", "secretary",
                                                            "secretary"],
                                    congress=Q4, theme_online=5, group=all_months_but(2, 8),
                                    legal=9, legal_online=9, hall=2, training=[7, 6, 6, 5],
                                    integrity=3, warn=3, film=3, role_model=2, home=6,
                                    mediation=[], pairing=all_months_but(2, 7, 8), talks=9,
                                    volunteer=3, brand=2, identity=2, consult=0, outreach=4,
                                    base=1, veteran=1, competition=2, heart=3,
                                    part=(0.80, 1.0)),
    ("media_center", 2025): profile(committee=[], lectures=["secretary", "secretary", "secretary",
                                                            "secretary"],
                                    theme_online=6, group=all_months_but(2), legal=11,
                                    legal_online=11, hall=2, training=[8, 8, 7, 7], integrity=4,
                                    warn=3, film=4, role_model=3, home=6, mediation=[],
                                    pairing=all_months_but(2, 8), talks=10, volunteer=3, brand=3,
                                    identity=3, consult=0, outreach=5, base=2, veteran=2,
                                    competition=3, heart=3, part=(0.80, 1.0)),
    # village: many disputes, some escalated; improving
    ("yingbage_village", 2024): profile(committee=all_months_but(9), theme_online=1,
                                        group=all_months_but(5, 9), legal=6, legal_online=1,
                                        hall=8, training=[20, 18, 15], warn=2, film=3,
                                        integrity=2, role_model=2, home=20,
                                        mediation=[(5, 1), (4, 0), (6, 1), (3, 0), (5, 1), (4, 0),
                                                   (3, 1), (4, 0), (2, 1), (4, 0)],
                                        pairing=ALL, talks=10, volunteer=4, brand=1, identity=2,
                                        consult=2, outreach=1, base=1, veteran=3, competition=1,
                                        heart=6, part=(0.75, 0.92), hybrid_share=0.0),
    ("yingbage_village", 2025): profile(committee=ALL, theme_online=2, group=all_months_but(9),
                                        legal=8, legal_online=2, hall=10, training=[22, 20, 18],
                                        integrity=3, warn=3, film=3, role_model=3, home=24,
                                        mediation=[(6, 0), (5, 1), (7, 0), (4, 0), (6, 1), (5, 0),
                                                   (4, 0), (6, 0), (5, 0)],
                                        pairing=ALL, talks=14, volunteer=5, brand=2, identity=3,
                                        consult=3, outreach=1, base=1, veteran=4, competition=1,
                                        heart=8, part=(0.80, 0.95), hybrid_share=0.0),
    # community: average, improving
    ("xingfulu_community", 2024): profile(committee=all_months_but(2, 8), lectures=[
                                              "secretary", "deputy_secretary", "committee_member"],
                                          theme=all_months_but(2), theme_online=2,
                                          group=all_months_but(1, 2, 8), legal=6, legal_online=3,
                                          hall=3, training=[14, 13, 12], integrity=3, warn=2,
                                          film=3, role_model=2, home=15,
                                          mediation=[(3, 0), (2, 0), (4, 0), (1, 0), (2, 0)],
                                          pairing=all_months_but(2, 8), talks=12, volunteer=8,
                                          brand=2, identity=3, consult=2, outreach=6, veteran=3,
                                          competition=1, heart=5, part=(0.80, 0.93)),
    ("xingfulu_community", 2025): profile(theme_online=3, group=all_months_but(2), legal=7,
                                          legal_online=3, hall=3, training=[15, 14, 14, 13],
                                          integrity=4, warn=3, film=3, role_model=3, home=18,
                                          mediation=[(3, 0), (2, 0), (4, 0), (2, 0), (3, 0),
                                                     (1, 0)],
                                          pairing=all_months_but(8), talks=15, volunteer=10,
                                          brand=3, identity=3, consult=3, outreach=8, veteran=3,
                                          competition=1, heart=6, part=(0.84, 0.96),
                                          attendance=("theme_day", "group_meeting")),
}


def make_activities(members):
    acts = []
    attendance = {}   # id(activity dict) -> list of member ids

    for b in BRANCHES:
        bid = b["branch_id"]
        mine = [p for p in members if p["branch_id"] == bid]
        role_holder = {}
        for p in mine:
            if p["role"] and p["role"] not in role_holder and p["left_branch"] is None:
                role_holder[p["role"]] = p["member_id"]
        groups = sorted({p["party_group"] for p in mine if p["party_group"]},
                        key=GROUP_NAMES.index)

        for y in YEARS:
            pr = PROFILES[(bid, y)]
            lo_part, hi_part = pr["part"]

            def add(kind, date, **f):
                row = dict(branch_id=bid, kind=kind, date=date)
                row.update(f)
                if "title" not in row:
                    row["title"] = title_for(bid, kind, date)
                acts.append(row)
                return row

            def meeting(kind, date, title, group=None, **f):
                """A meeting with expected = members due, attendees present (maybe as rows)."""
                due = members_on(members, bid, date, group)
                frac = rng.uniform(lo_part, hi_part)
                n_present = max(1, min(len(due), round(len(due) * frac)))
                present = sorted(rng.sample(due, n_present), key=lambda p: p["member_id"])
                row = add(kind, date, title=title, expected=len(due), **f)
                if kind in pr["attendance"]:
                    attendance[id(row)] = [p["member_id"] for p in present]
                    row["attendees"] = n_present if rng.random() < 0.5 else None
                else:
                    row["attendees"] = n_present
                return row

            def online_fields(online):
                if not online:
                    return {}
                mode = "hybrid" if rng.random() < pr["hybrid_share"] else "online"
                return dict(mode=mode, platform=rng.choice(["学习强国", "微信"]))

            # --- fortress -------------------------------------------------------------
            for m in pr["committee"]:
                add("committee_meeting", rday(y, m, 3, 12),
                    title="%d月支部委员会会议：研究部署当月党建工作" % m,
                    attendees=None, expected=None)
            for q in pr["congress"]:
                meeting("branch_congress", rday(y, 3 * q - 1, 5, 25),
                        "第%s季度支部党员大会：%s" % ("一二三四"[q - 1], CONGRESS[q]))
            lect_titles = COURT_LECTURE if bid == "court" else LECTURE
            for i, role in enumerate(pr["lectures"]):
                q = i + 1 if len(pr["lectures"]) == 4 else [1, 2, 4][i] if len(pr["lectures"]) == 3 \
                    else [2, 4][i] if len(pr["lectures"]) == 2 else 3
                lecturer = role_holder[role]
                m = rng.choice([11, 12]) if q == 4 else month_of_quarter(q)
                meeting("party_lecture", rday(y, m), lect_titles[i % 4],
                        lecturer_id=lecturer, hours=2)
            online_months = set(rng.sample(pr["theme"], min(pr["theme_online"], len(pr["theme"]))))
            for m in pr["theme"]:
                t = THEME[m].format(n=y - 1921, oct="喜迎新疆维吾尔自治区成立70周年" if y == 2025
                                    else "庆祝中华人民共和国成立75周年",
                                    plenum="四中" if y == 2025 else "三中")
                if y == 2024 and m in THEME_2024:
                    t = THEME_2024[m]
                meeting("theme_day", rday(y, m, 1, 10), "%d月主题党日：%s" % (m, t),
                        hours=2, **online_fields(m in online_months))
            for m in pr["group"]:
                for g in groups:
                    meeting("group_meeting", rday(y, m, 10, 25), "%s%d月党小组会" % (g, m),
                            group=g)
            if pr["org_life"]:
                meeting("org_life_meeting", rday(y, 1, 15, 28), "%d年度组织生活会" % (y - 1))
            if pr["review"]:
                n = len(members_on(members, bid, D(y, 2, 10)))
                add("democratic_review", rday(y, 2, 10, 25), title="%d年度民主评议党员" % (y - 1),
                    attendees=n, expected=n)
            for dte in spread(pr["heart"], y):
                add("heart_talk", dte, attendees=rng.randint(2, 6))
            for m in pr["birthday"]:
                add("political_birthday", rday(y, m, 20, 28),
                    title="%d月党员集体过“政治生日”" % m, attendees=rng.randint(2, 5))
            for i in range(pr["oath"]):
                if i == 0:
                    dte, t = D(y, 7, 1), "“七一”重温入党誓词"
                else:
                    dte, t = D(y, 6, 27), "新党员入党宣誓暨重温入党誓词"
                n = len(members_on(members, bid, dte))
                add("oath_renewal", dte, title=t, attendees=round(n * rng.uniform(lo_part, 1)))

            # --- rule of law ----------------------------------------------------------
            dates = spread(pr["legal"], y)
            online_idx = set(rng.sample(range(pr["legal"]), pr["legal_online"]))
            for i, dte in enumerate(dates):
                f = online_fields(i in online_idx)
                title = title_for(bid, "legal_education", dte)
                if not f:
                    title = title.replace("线上普法", "普法宣传").replace("线上", "")
                add("legal_education", dte, title=title, attendees=rng.randint(15, 45)
                    if bid == "court" else rng.randint(8, 30), hours=rng.choice([1, 1.5, 2]), **f)
            topics = HALL_TOPICS[bid]
            for i, dte in enumerate(spread(pr["hall"], y)):
                n_staff = len(members_on(members, bid, dte))
                add("lecture_hall", dte, title="%s第%d期：%s" % (HALL[bid], i + 1,
                                                                  topics[i % len(topics)]),
                    attendees=max(5, round(n_staff * rng.uniform(0.7, 1.1))), hours=2)
            for i, (att, dte) in enumerate(zip(pr["training"], spread(len(pr["training"]), y))):
                add("training", dte, attendees=att, hours=pr["training_hours"][i % len(
                    pr["training_hours"])])
            for q in range(1, pr["integrity"] + 1):
                add("integrity_meeting", rday(y, 3 * q - 2 if q > 1 else 2, 5, 25),
                    title=("%d年党风廉政建设和反腐败工作部署会" % y) if q == 1
                    else "第%s季度党风廉政建设工作部署会" % "一二三四"[q - 1])
            for dte in spread(pr["warn"], y):
                add("warning_education", dte, attendees=len(members_on(members, bid, dte)))
            for dte in spread(pr["film"], y):
                add("warning_film", dte, attendees=len(members_on(members, bid, dte)), hours=1.5)
            for dte in spread(pr["role_model"], y):
                add("role_model_study", dte)
            for q in pr["disclosure"]:
                add("disclosure", rday(y, 3 * q, 20, 28),
                    title="第%s季度党务、财务公开" % "一二三四"[q - 1])

            # --- cohesion -------------------------------------------------------------
            for dte in spread(pr["home"], y):
                add("home_visit", dte, attendees=rng.randint(2, 6))
            for (cases, esc), dte in zip(pr["mediation"], spread(len(pr["mediation"]), y)):
                add("dispute_mediation", dte, cases=cases, escalated=esc)
            for m in pr["pairing"]:
                add("pairing_activity", rday(y, m), attendees=rng.randint(3, 12),
                    title=PAIRING[y].get(m, PAIRING[0][m]))
            for m, amount in pr["pair_amounts"]:
                assert m in pr["pairing"]
                add("pairing_activity", rday(y, m), amount_yuan=amount,
                    title="为结对亲戚家庭购买意外伤害保险")
            for dte in spread(pr["talks"], y):
                add("publicity_talk", dte, attendees=rng.randint(30, 150))

            # --- civility / development -----------------------------------------------
            for dte in spread(pr["volunteer"], y, 3, 12):
                add("volunteer_service", dte, attendees=rng.randint(6, 20),
                    hours=rng.choice([2, 3, 4]))
            brands = BRAND_NAME[bid]
            for i, dte in enumerate(spread(pr["brand"], y)):
                add("brand_activity", dte, title="%s%s" % (brands[i % len(brands)],
                                                           title_for(bid, "brand_activity", dte)))
            for dte in spread(pr["identity"], y):
                add("identity_display", dte)
            for dte in spread(pr["consult"], y):
                add("legal_consultation", dte, attendees=rng.randint(3, 8))
            for dte in spread(pr["outreach"], y):
                add("community_outreach", dte)
            for dte in spread(pr["base"], y, 4, 10):
                add("education_base_visit", dte,
                    attendees=round(len(members_on(members, bid, dte)) * 0.8))
            vt = ["春节慰问退休老党员", "“七一”走访慰问老党员", "重阳节慰问离退休老党员", "冬季走访慰问困难老党员"]
            vd = [(1, 10, 25), (6, 24, 30), (10, 10, 20), (12, 1, 20)]
            for i in range(pr["veteran"]):
                m, lo, hi = vd[i]
                add("veteran_visit", rday(y, m, lo, hi), title=vt[i])
            for dte in spread(pr["competition"], y, 5, 11):
                add("competition", dte)

    # order: branch, then date, then generation order; ids PREFIX-YYYY-NNN
    border = {b["branch_id"]: i for i, b in enumerate(BRANCHES)}
    indexed = sorted(enumerate(acts), key=lambda t: (border[t[1]["branch_id"]], t[1]["date"], t[0]))
    counter = {}
    out, att_rows = [], []
    for _, row in indexed:
        key = (row["branch_id"], row["date"].year)
        counter[key] = counter.get(key, 0) + 1
        row["activity_id"] = "%s-%d-%03d" % (PREFIX[row["branch_id"]], row["date"].year,
                                            counter[key])
        out.append(row)
        for mid in attendance.get(id(row), []):
            att_rows.append((row["activity_id"], mid))
    return out, att_rows


# --------------------------------------------------------------------------------------------
# observations

def make_observations():
    obs = []

    def o(b, ind, date, value):
        obs.append((b, ind, date, value))

    for b in BRANCHES:
        bid = b["branch_id"]
        for y in YEARS:
            if not (bid == "education_bureau" and y == 2025):
                o(bid, "serious_violations", "%d-12-31" % y, "0")
    o("education_bureau", "serious_violations", "2025-08-20", "1")
    # 网上立案率 (for the court; 网上办理率 for the other organs) -- none for the media centre
    rates = {"court": ("0.91", "0.96"), "procuratorate": ("0.9", "0.93"),
             "justice_bureau": ("0.82", "0.88"), "education_bureau": ("0.85", "0.84"),
             "finance_bureau": ("0.7", "0.68"), "yingbage_village": ("0.55", "0.64"),
             "xingfulu_community": ("0.78", "0.86")}
    for bid, (r24, r25) in rates.items():
        o(bid, "online_filing_rate", "2024-12-31", r24)
        o(bid, "online_filing_rate", "2025-12-31", r25)
    perf = {"court": ("90", "96"), "procuratorate": ("94", "93"), "justice_bureau": ("84", "88"),
            "education_bureau": ("89", "88"), "finance_bureau": ("82", "79")}
    for bid, (p24, p25) in perf.items():
        o(bid, "business_performance", "2024-12-31", p24)
        o(bid, "business_performance", "2025-12-31", p25)
    honors = [("court", "2024-12-20", "1"), ("court", "2025-06-28", "1"),
              ("court", "2025-12-18", "1"), ("procuratorate", "2024-06-28", "1"),
              ("procuratorate", "2025-06-28", "1"), ("procuratorate", "2025-11-26", "1"),
              ("justice_bureau", "2025-12-10", "1"), ("yingbage_village", "2025-09-28", "1"),
              ("xingfulu_community", "2024-09-25", "1"), ("xingfulu_community", "2025-12-15", "1")]
    for bid, date, v in honors:
        o(bid, "honors", date, v)
    # a non-standard indicator (reachable as obs.case_closure_rate), undated
    o("court", "case_closure_rate", "", "0.962")
    obs.sort(key=lambda t: ([b["branch_id"] for b in BRANCHES].index(t[0]), t[1], t[2]))
    return obs


# --------------------------------------------------------------------------------------------
# writing


def cell(v):
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (int, float)):
        return fmt_num(v)
    return str(v)


def write_csv(name, columns, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        if isinstance(r, dict):
            w.writerow([cell(r.get(c)) for c in columns])
        else:
            w.writerow([cell(v) for v in r])
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def generate():
    members = make_members()
    acts, att = make_activities(members)
    obs = make_observations()
    write_csv("branches.csv", BRANCH_COLUMNS, BRANCHES)
    write_csv("members.csv", MEMBER_COLUMNS, members)
    write_csv("activities.csv", ACTIVITY_COLUMNS, acts)
    write_csv("attendance.csv", ["activity_id", "member_id"], att)
    write_csv("observations.csv", ["branch_id", "indicator", "date", "value"], obs)


# ============================================================================================
# Independent checker: re-reads the files from disk and checks the docs/reference/data-format.md
# rules and the figures this sample promises. Raises AssertionError listing every violation.

KINDS = ["branch_congress", "committee_meeting", "group_meeting", "party_lecture", "theme_day",
         "org_life_meeting", "democratic_review", "heart_talk", "political_birthday",
         "oath_renewal", "legal_education", "lecture_hall", "training", "integrity_meeting",
         "warning_education", "warning_film", "role_model_study", "disclosure", "home_visit",
         "dispute_mediation", "pairing_activity", "publicity_talk", "volunteer_service",
         "brand_activity", "identity_display", "legal_consultation", "community_outreach",
         "education_base_visit", "veteran_visit", "competition"]
ORG_TYPES = {"organ", "institution", "enterprise", "village", "community", "school", "social",
             "other"}
EDUCATION = {"primary": 1, "junior_high": 2, "senior_high": 3, "vocational": 4, "associate": 5,
             "bachelor": 6, "master": 7, "doctorate": 8}
ROLES = {"secretary", "deputy_secretary", "committee_member", "group_leader"}
FACILITIES = {"activity_room", "library_corner", "culture_corridor", "honor_wall", "brand_wall",
              "gym"}
STATION = {"staffed", "venue", "team", "activities", "rules"}
MODES = {"offline", "online", "hybrid"}
INT_RE = re.compile(r"^-?[0-9]+$")
NUM_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
TRIM = " \t\u00a0\u3000"

EXPECTED_COLUMNS = {
    "branches.csv": BRANCH_COLUMNS,
    "members.csv": MEMBER_COLUMNS,
    "activities.csv": ACTIVITY_COLUMNS,
    "attendance.csv": ["activity_id", "member_id"],
    "observations.csv": ["branch_id", "indicator", "date", "value"],
}


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    def read(self, name):
        path = os.path.join(HERE, name)
        raw = open(path, "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            self.err(name, "BOM present")
        if b"\r" in raw:
            self.err(name, "CR in file (want LF line ends)")
        if not raw.endswith(b"\n"):
            self.err(name, "no final newline")
        text = raw.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        header = rows[0]
        if header != EXPECTED_COLUMNS[name]:
            self.err(name, "header %r" % header)
        if len(set(header)) != len(header):
            self.err(name, "repeated column")
        out = []
        for ln, r in enumerate(rows[1:], 2):
            if not r or all(not c.strip(TRIM) for c in r):
                self.err("%s:%d" % (name, ln), "blank line")
                continue
            if len(r) != len(header):
                self.err("%s:%d" % (name, ln), "field count %d" % len(r))
                continue
            for c, v in zip(header, r):
                if v != v.strip(TRIM):
                    self.err("%s:%d" % (name, ln), "%s untrimmed %r" % (c, v))
            rec = dict(zip(header, r))
            rec["_line"] = ln
            out.append(rec)
        return out

    def date(self, where, col, v):
        if v == "":
            return None
        if not DATE_RE.match(v):
            self.err(where, "%s bad date %r" % (col, v))
            return None
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            self.err(where, "%s not a calendar date %r" % (col, v))
            return None

    def int_(self, where, col, v, minimum=0):
        if v == "":
            return None
        if not INT_RE.match(v):
            self.err(where, "%s not an integer %r" % (col, v))
            return None
        x = int(v)
        if minimum is not None and x < minimum:
            self.err(where, "%s below %d: %r" % (col, minimum, v))
        if not -2 ** 63 <= x < 2 ** 63:
            self.err(where, "%s out of 64-bit range" % col)
        return x

    def num(self, where, col, v, minimum=0.0):
        if v == "":
            return None
        if not NUM_RE.match(v):
            self.err(where, "%s not a number %r" % (col, v))
            return None
        x = float(v)
        if minimum is not None and x < minimum:
            self.err(where, "%s below %s: %r" % (col, minimum, v))
        return x

    def set_(self, where, col, v, allowed):
        items = [i.strip(TRIM) for i in v.split(";")]
        items = [i for i in items if i]
        for i in items:
            if i not in allowed:
                self.err(where, "%s unknown item %r" % (col, i))
        if len(items) != len(set(items)):
            self.err(where, "%s repeated item (warning) %r" % (col, v))
        return set(items)

    def run(self):
        br = self.read("branches.csv")
        mem = self.read("members.csv")
        act = self.read("activities.csv")
        att = self.read("attendance.csv")
        obs = self.read("observations.csv")

        # branches
        B = {}
        for r in br:
            w = "branches.csv:%d" % r["_line"]
            if not r["branch_id"] or not r["name"]:
                self.err(w, "branch_id and name required")
            if r["branch_id"] in B:
                self.err(w, "duplicate branch_id")
            if r["org_type"] and r["org_type"] not in ORG_TYPES:
                self.err(w, "org_type %r" % r["org_type"])
            r["last_election_d"] = self.date(w, "last_election", r["last_election"])
            iu = self.int_(w, "internal_units", r["internal_units"])
            uc = self.int_(w, "units_covered", r["units_covered"])
            if uc is not None and (iu is None or uc > iu):
                self.err(w, "units_covered requires internal_units and must be <= it")
            for c in ("fulltime_party_workers", "pioneer_posts", "brands"):
                r[c + "_i"] = self.int_(w, c, r[c])
            r["fac"] = self.set_(w, "facilities", r["facilities"], FACILITIES)
            r["sta"] = self.set_(w, "service_station", r["service_station"], STATION)
            r["iu"], r["uc"] = iu, uc
            B[r["branch_id"]] = r

        # members
        M = {}
        for r in mem:
            w = "members.csv:%d" % r["_line"]
            if not r["member_id"]:
                self.err(w, "member_id required")
            if r["member_id"] in M:
                self.err(w, "duplicate member_id %r" % r["member_id"])
            if r["branch_id"] not in B:
                self.err(w, "unknown branch %r" % r["branch_id"])
            if r["gender"] not in ("", "M", "F"):
                self.err(w, "gender %r" % r["gender"])
            if r["education"] and r["education"] not in EDUCATION:
                self.err(w, "education %r" % r["education"])
            if r["role"] and r["role"] not in ROLES:
                self.err(w, "role %r" % r["role"])
            dcols = ["birth_date", "application_date", "activist_date", "candidate_date",
                     "admission_date", "conversion_date", "joined_branch", "left_branch"]
            d = {c: self.date(w, c, r[c]) for c in dcols}
            if d["birth_date"] is None:
                self.err(w, "birth_date required")
            else:
                for c in dcols[1:]:
                    if d[c] is not None and not d["birth_date"] < d[c]:
                        self.err(w, "birth_date not before %s" % c)
            chain = [d[c] for c in dcols[1:6] if d[c] is not None]
            if any(a > b for i, a in enumerate(chain) for b in chain[i + 1:]):
                self.err(w, "application..conversion out of order")
            if d["conversion_date"] is not None and d["admission_date"] is None:
                self.err(w, "conversion without admission")
            start = d["joined_branch"] or d["admission_date"]
            if d["left_branch"] is not None and start is not None and not start < d["left_branch"]:
                self.err(w, "joined_branch not before left_branch")
            r.update({"_" + c: d[c] for c in dcols})
            M[r["member_id"]] = r

        def member_on(p, day):
            if p["_admission_date"] is None or p["_admission_date"] > day:
                return False
            if p["_joined_branch"] is not None and p["_joined_branch"] > day:
                return False
            return p["_left_branch"] is None or day < p["_left_branch"]

        # attendance (first, to know the counts)
        A_rows = {}
        seen = set()
        for r in att:
            w = "attendance.csv:%d" % r["_line"]
            key = (r["activity_id"], r["member_id"])
            if key in seen:
                self.err(w, "repeated pair")
            seen.add(key)
            if r["member_id"] not in M:
                self.err(w, "unknown member %r" % r["member_id"])
            A_rows.setdefault(r["activity_id"], []).append(r["member_id"])

        # activities
        A = {}
        for r in act:
            w = "activities.csv:%d" % r["_line"]
            if not r["activity_id"] or r["activity_id"] in A:
                self.err(w, "missing or duplicate activity_id %r" % r["activity_id"])
            if r["branch_id"] not in B:
                self.err(w, "unknown branch %r" % r["branch_id"])
            if r["kind"] not in KINDS:
                self.err(w, "unknown kind %r" % r["kind"])
            r["_date"] = self.date(w, "date", r["date"])
            if r["_date"] is None:
                self.err(w, "date required")
            elif r["_date"] > LAST_DAY:
                self.err(w, "activity after 2025-12-31")
            if r["mode"] and r["mode"] not in MODES:
                self.err(w, "mode %r" % r["mode"])
            r["_att"] = self.int_(w, "attendees", r["attendees"])
            r["_exp"] = self.int_(w, "expected", r["expected"])
            r["_hours"] = self.num(w, "hours", r["hours"])
            r["_amount"] = self.num(w, "amount_yuan", r["amount_yuan"])
            r["_cases"] = self.int_(w, "cases", r["cases"])
            r["_esc"] = self.int_(w, "escalated", r["escalated"])
            if r["_esc"] is not None and (r["_cases"] is None or r["_esc"] > r["_cases"]):
                self.err(w, "escalated requires cases and must be <= it")
            if r["lecturer_id"]:
                lec = M.get(r["lecturer_id"])
                if lec is None:
                    self.err(w, "unknown lecturer %r" % r["lecturer_id"])
                elif lec["branch_id"] != r["branch_id"]:
                    self.err(w, "lecturer of another branch (warning)")
            rows = A_rows.get(r["activity_id"])
            if rows:
                if r["_att"] is not None and r["_att"] != len(rows):
                    self.err(w, "attendees %d != %d attendance rows" % (r["_att"], len(rows)))
                r["_count"] = len(rows)
            else:
                r["_count"] = r["_att"]
            A[r["activity_id"]] = r
        for r in att:
            w = "attendance.csv:%d" % r["_line"]
            a = A.get(r["activity_id"])
            if a is None:
                self.err(w, "unknown activity %r" % r["activity_id"])
                continue
            p = M.get(r["member_id"])
            if p is None:
                continue
            if p["branch_id"] != a["branch_id"]:
                self.err(w, "member of another branch (warning)")
            if a["_date"] and not member_on(p, a["_date"]):
                self.err(w, "%s not a party member of the branch on %s" % (p["member_id"],
                                                                           a["date"]))

        # observations
        for r in obs:
            w = "observations.csv:%d" % r["_line"]
            if r["branch_id"] not in B:
                self.err(w, "unknown branch")
            if not re.match(r"^[a-z0-9_]+$", r["indicator"]):
                self.err(w, "indicator %r" % r["indicator"])
            self.date(w, "date", r["date"])
            if r["value"] == "":
                self.err(w, "value required")
                continue
            if r["indicator"] in ("serious_violations", "honors"):
                self.int_(w, "value", r["value"])
            else:
                v = self.num(w, "value", r["value"], minimum=None)
                if r["indicator"] == "online_filing_rate" and v is not None and not 0 <= v <= 1:
                    self.err(w, "online_filing_rate outside [0,1]")

        if self.errors:
            raise AssertionError("dataset invalid:\n  " + "\n  ".join(self.errors))
        self.B, self.M, self.A, self.O = B, M, list(A.values()), obs
        self.check_story()
        if self.errors:
            raise AssertionError("dataset does not tell its story:\n  " + "\n  ".join(self.errors))
        return self

    # ---------------------------------------------------------------- promised figures
    def acts(self, bid, kind, y=2025):
        return [a for a in self.A if a["branch_id"] == bid and a["kind"] == kind
                and a["_date"].year == y]

    def months(self, bid, kind, y=2025):
        return {a["_date"].month for a in self.acts(bid, kind, y)}

    def quarters(self, bid, kind, y=2025):
        return {(a["_date"].month - 1) // 3 for a in self.acts(bid, kind, y)}

    def figures(self, bid, y=2025):
        """The court-report figures for one branch and year (also used for the README)."""
        M = [p for p in self.M.values() if p["branch_id"] == bid]
        frm, to = D(y, 1, 1), D(y, 12, 31)

        def party(day):
            return [p for p in M if p["_admission_date"] and p["_admission_date"] <= day
                    and (p["_joined_branch"] is None or p["_joined_branch"] <= day)
                    and (p["_left_branch"] is None or day < p["_left_branch"])]
        train = [a for k in ("training", "legal_education", "lecture_hall")
                 for a in self.acts(bid, k, y)]
        sec = {p["member_id"] for p in M if p["role"] == "secretary"}
        conv = [p for p in M if p["_conversion_date"] and p["_conversion_date"].year == y]
        on_time = [p for p in conv if p["_conversion_date"] <=
                   add_years(p["_admission_date"], 1) + days(30)]
        med = self.acts(bid, "dispute_mediation", y)
        f = {
            "legal_education": len(self.acts(bid, "legal_education", y)),
            "legal_education_online": sum(1 for a in self.acts(bid, "legal_education", y)
                                          if a["mode"] in ("online", "hybrid") and a["platform"]),
            "theme_day": len(self.acts(bid, "theme_day", y)),
            "theme_day_online": sum(1 for a in self.acts(bid, "theme_day", y)
                                    if a["mode"] in ("online", "hybrid")),
            "lecture_hall": len(self.acts(bid, "lecture_hall", y)),
            "training_person_times": sum(a["_count"] or 0 for a in train),
            "training_kind_person_times": sum(a["_count"] or 0
                                              for a in self.acts(bid, "training", y)),
            "training_hours": sum((a["_hours"] or 0) * (a["_count"] or 0) for a in train),
            "integrity_meeting": len(self.acts(bid, "integrity_meeting", y)),
            "warning_education": len(self.acts(bid, "warning_education", y)),
            "warning_film": len(self.acts(bid, "warning_film", y)),
            "role_model_study": len(self.acts(bid, "role_model_study", y)),
            "publicity_talk": len(self.acts(bid, "publicity_talk", y)),
            "amount_yuan": sum(a["_amount"] or 0 for a in self.A
                               if a["branch_id"] == bid and a["_date"].year == y),
            "pairing_months": len(self.months(bid, "pairing_activity", y)),
            "home_visit": len(self.acts(bid, "home_visit", y)),
            "mediation_rows": len(med),
            "cases": sum(a["_cases"] or 0 for a in med),
            "escalated": sum(a["_esc"] or 0 for a in med),
            "committee_months": len(self.months(bid, "committee_meeting", y)),
            "congress_quarters": len(self.quarters(bid, "branch_congress", y)),
            "lecture_quarters": len(self.quarters(bid, "party_lecture", y)),
            "secretary_lectures": sum(1 for a in self.acts(bid, "party_lecture", y)
                                      if a["lecturer_id"] in sec),
            "theme_months": len(self.months(bid, "theme_day", y)),
            "group_months": len(self.months(bid, "group_meeting", y)),
            "group_meetings": len(self.acts(bid, "group_meeting", y)),
            "org_life_meeting": len(self.acts(bid, "org_life_meeting", y)),
            "democratic_review": len(self.acts(bid, "democratic_review", y)),
            "political_birthday": len(self.acts(bid, "political_birthday", y)),
            "oath_renewal": len(self.acts(bid, "oath_renewal", y)),
            "disclosure_quarters": len(self.quarters(bid, "disclosure", y)),
            "conversions": len(conv), "on_time": len(on_time),
            "new_probationary": sum(1 for p in M if p["_admission_date"]
                                    and p["_admission_date"].year == y),
            "N_from": len(party(frm)), "N_to": len(party(to)),
            "F_to": sum(1 for p in party(to) if p["_conversion_date"]
                        and p["_conversion_date"] <= to),
            "committee_roles_to": sum(1 for p in party(to) if p["role"] in
                                      ("secretary", "deputy_secretary", "committee_member")),
            "secretaries_to": sum(1 for p in party(to) if p["role"] == "secretary"),
            "activities": sum(1 for a in self.A if a["branch_id"] == bid and a["_date"].year == y),
        }
        for k in ("heart_talk", "identity_display", "legal_consultation", "community_outreach",
                  "education_base_visit", "veteran_visit", "competition", "volunteer_service",
                  "brand_activity"):
            f[k] = len(self.acts(bid, k, y))
        f["volunteer_hours"] = sum((a["_hours"] or 0) * (a["_count"] or 0)
                                   for a in self.acts(bid, "volunteer_service", y))
        for ind in ("serious_violations", "honors"):
            f[ind] = sum(int(o["value"]) for o in self.O if o["branch_id"] == bid
                         and o["indicator"] == ind and o["date"][:4] == str(y))
        vals = [o for o in self.O if o["branch_id"] == bid and o["indicator"] ==
                "online_filing_rate" and o["date"][:4] == str(y)]
        f["online_filing_rate"] = vals[-1]["value"] if vals else None
        return f

    def expect(self, cond, msg):
        if not cond:
            self.err("story", msg)

    def check_story(self):
        E = self.expect
        f = self.figures("court")
        b = self.B["court"]
        E(f["legal_education"] >= 11 and f["legal_education_online"] == f["legal_education"],
          "court: >10 legal-education days, all online/hybrid with a platform")
        E(f["theme_months"] == 12 and f["theme_day_online"] >= 3, "court: monthly theme days")
        E(f["lecture_hall"] == 17, "court: 17 lecture halls")
        E(f["training_person_times"] > 200 and f["training_kind_person_times"] > 200,
          "court: 200+ training person-times")
        E(f["integrity_meeting"] == 4, "court: 4 integrity meetings")
        E(f["warning_education"] == 7 and f["warning_film"] >= 10, "court: 7 + 10+ warnings")
        E(f["role_model_study"] == 6, "court: 6 role-model studies")
        E(f["publicity_talk"] >= 20, "court: 20+ talks")
        E(f["amount_yuan"] == 12400, "court: 12400 yuan")
        E(10 <= f["pairing_months"] <= 12, "court: pairing in most months")
        E(f["home_visit"] >= 12, "court: home visits")
        E(f["cases"] > 0 and f["escalated"] == 0, "court: disputes, none escalated")
        E(f["committee_months"] == 12 and f["congress_quarters"] == 4 and
          f["lecture_quarters"] == 4 and f["secretary_lectures"] >= 2 and
          f["group_months"] == 12 and f["org_life_meeting"] >= 1 and
          f["democratic_review"] >= 1 and f["disclosure_quarters"] == 4, "court: 三会一课")
        E(f["political_birthday"] >= 1 and f["oath_renewal"] >= 1, "court: birthdays/oaths")
        E(f["conversions"] >= 1 and f["on_time"] == f["conversions"], "court: on-time conversions")
        E(f["new_probationary"] == 2, "court: 2 new probationary members")
        E(40 <= f["N_to"] <= 60 and f["N_to"] > f["N_from"], "court: 40-60 members, growing")
        E(f["secretaries_to"] == 1 and f["committee_roles_to"] == 5 and f["F_to"] >= 7,
          "court: full committee of 5")
        E(f["serious_violations"] == 0 and f["honors"] == 2 and f["online_filing_rate"] == "0.96",
          "court: observations")
        E(b["iu"] == 8 and b["uc"] == 8 and b["fulltime_party_workers_i"] == 2 and
          b["pioneer_posts_i"] == 6 and len(b["sta"]) == 5 and len(b["fac"]) == 6 and
          b["brands_i"] in (1, 2), "court: branch row")
        groups = {p["party_group"] for p in self.M.values() if p["branch_id"] == "court"
                  and p["party_group"]}
        E(len(groups) == 5, "court: 5 party groups")
        left = [p for p in self.M.values() if p["branch_id"] == "court" and p["_left_branch"]
                and p["_left_branch"].year == 2025]
        joined = [p for p in self.M.values() if p["branch_id"] == "court" and p["_joined_branch"]
                  and p["_joined_branch"].year == 2025]
        E(1 <= len(left) <= 2 and len(joined) == 1, "court: left / joined in 2025")
        f24 = self.figures("court", 2024)
        E(f24["legal_education"] < f["legal_education"] and f24["lecture_hall"] < 17 and
          f24["committee_months"] < 12, "court weaker in 2024")

        # every branch has 2024 and 2025 activities; sizes; siblings' characters
        for bid in self.B:
            g24, g25 = self.figures(bid, 2024), self.figures(bid, 2025)
            E(g24["activities"] > 0 and g25["activities"] > 0, "%s: both years" % bid)
            if bid != "court":
                E(8 <= g25["N_to"] <= 45, "%s: size %d" % (bid, g25["N_to"]))
            E(g25["secretaries_to"] == 1, "%s: one secretary" % bid)
        fin = self.figures("finance_bureau")
        E(fin["F_to"] >= 7 and fin["committee_roles_to"] < 3, "finance: incomplete committee")
        E(add_years(self.B["finance_bureau"]["last_election_d"], 3) <= LAST_DAY,
          "finance: expired term")
        E(fin["committee_months"] <= 6 and fin["congress_quarters"] <= 2, "finance: weak")
        med = self.figures("media_center")
        E(med["F_to"] < 7 and med["committee_roles_to"] == 1, "media: small, only a secretary")
        E(self.figures("media_center", 2024)["mediation_rows"] == 0 and med["mediation_rows"] == 0,
          "media: no mediation")
        vil = self.figures("yingbage_village")
        E(vil["escalated"] > 0, "village: escalated disputes")
        E(self.B["yingbage_village"]["iu"] is None, "village: no internal_units")
        E(self.figures("education_bureau")["serious_violations"] == 1, "education: veto")
        E(not any(o["branch_id"] == "media_center" and o["indicator"] == "online_filing_rate"
                  for o in self.O), "media: no online filing rate")
        perf = [o["value"] for o in self.O if o["indicator"] == "business_performance"
                and o["date"].startswith("2025")]
        E(len(perf) != len(set(perf)), "a tie in business_performance")
        E(len({b["parent_id"] for b in self.B.values()}) == 1, "one parent")


def main():
    generate()
    chk = Checker().run()
    n = {name: len(open(os.path.join(HERE, name), encoding="utf-8").read().splitlines()) - 1
         for name in EXPECTED_COLUMNS}
    print("wrote " + ", ".join("%s (%d rows)" % kv for kv in n.items()))
    f = chk.figures("court")
    print("court 2025: " + ", ".join("%s=%s" % kv for kv in f.items()))
    print("checks passed")


if __name__ == "__main__":
    main()
