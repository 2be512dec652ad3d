#!/usr/bin/python3
"""Writes the small hand-made edge-case datasets used by run_oracle_checks.sh.

The CSV files next to this script are its output and are committed; re-run it after editing:
    /usr/bin/python3 tests/oracle/datasets/make_datasets.py
Every case is described in ../README.md.  The data are laid out by hand (no randomness).
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

MEMBER_COLS = ("member_id,branch_id,name,gender,ethnicity,birth_date,education,role,party_group,"
               "application_date,activist_date,candidate_date,admission_date,conversion_date,"
               "joined_branch,left_branch")
ACT_COLS = ("activity_id,branch_id,kind,date,mode,platform,attendees,expected,hours,lecturer_id,"
            "amount_yuan,cases,escalated,title")


def write(ds, name, text, raw=False):
    d = os.path.join(HERE, ds)
    os.makedirs(d, exist_ok=True)
    data = text if raw else text.lstrip("\n")
    with open(os.path.join(d, name), "wb") as fh:
        fh.write(data.encode("utf-8"))


# ------------------------------------------------------------------------------------------------
# members_committee: membership on from/to, F(to) 6 vs 7, committee sizes, terms, conversions
# (29 February), secretary lectures, structure, escalations, participation, observation rules,
# rank ties, negative performance, peer groups (parent_id P1, P2, P3 and empty).
# ------------------------------------------------------------------------------------------------

def members_committee():
    ds = "members_committee"
    write(ds, "branches.csv", """
branch_id,name,parent_id,org_type,last_election,internal_units,units_covered,fulltime_party_workers,pioneer_posts,brands,facilities,service_station
c6,F(to)=6 secretary only,P1,organ,2022-01-01,4,2,,3,1,gym;honor_wall,staffed;venue;team;activities;rules
c6b,F(to)=6 conversion on 2025-01-01,P1,organ,2021-12-31,0,,,,0,,staffed;venue
c7,F(to)=7 secretary only,P1,organ,2024-12-31,,,,5,,activity_room,staffed
c7b,F(to)=7 conversion on to,P1,institution,2025-01-01,3,3,,0,2,,staffed;venue;team
c3,committee of 3,P2,institution,2024-12-31,6,5,1,2,0,activity_room;library_corner;culture_corridor;honor_wall;brand_wall;gym,staffed;venue;team;activities
c7c,committee of 7,P2,enterprise,2023-03-01,2,1,,1,3,library_corner,rules
c8,committee of 8,,enterprise,,5,0,,4,1,,
c2,committee of 2,,village,2019-12-31,,,,,,,
c2b,village elected 2020-01-01,,village,2020-01-01,1,1,,,,,
cd,two deputies,P3,community,2020-02-29,,,,,,,
cv,two secretaries,P3,school,2021-06-30,,,,,,,
cs,secretary leaves on to,P3,social,2023-01-01,,,,,,,
ce,no members,P3,other,2024-01-01,,,,,,,
cm,membership boundaries,P1,organ,2022-06-30,,,,2,,,
cc,conversions,P1,organ,,,,,,,,
st1,structure equal means,,,,,,,,,,
st2,structure improves,,,,,,,,,,
st3,education only on to,,,,3,,,,,,
st4a,equal mean age of 3 vs 1,,,,,,,,,,
st4b,equal mean age of 7 vs 3,,,,,,,,,,
st4c,equal mean age of 3 vs 1 (b),,,,,,,,,,
st4d,equal mean age of 6 vs 5,,,,,,,,,,
st4e,equal mean age (sum of double ages says younger),,,,,,,,,,
st4f,equal mean age (sum/365.2425/n says younger),,,,,,,,,,
""")

    rows = []
    n = [0]

    def mem(branch, role="", birth="1980-01-01", edu="bachelor", adm="2010-01-01",
            conv="2011-01-01", joined="", left="", mid=None):
        n[0] += 1
        mid = mid or "%s_%02d" % (branch, n[0])
        rows.append(",".join([mid, branch, "name " + mid, "", "", birth, edu, role, "", "", "", "",
                              adm, conv, joined, left]))
        return mid

    # c6: secretary + 5 formal + 1 probationary -> F(to) = 6, no committee required
    c6_sec = mem("c6", "secretary")
    for _ in range(5):
        mem("c6")
    mem("c6", adm="2024-06-01", conv="")
    # c6b: secretary + 5 formal + one converting 2025-01-01 (not formal on 2024-12-31)
    mem("c6b", "secretary")
    for _ in range(5):
        mem("c6b")
    mem("c6b", adm="2024-01-01", conv="2025-01-01")
    # c7: secretary + 6 formal -> F(to) = 7, committee of 1 -> incomplete
    mem("c7", "secretary")
    for _ in range(6):
        mem("c7")
    # c7b: secretary + 5 formal + one converting on 2024-12-31 (formal on that day)
    mem("c7b", "secretary")
    for _ in range(5):
        mem("c7b")
    mem("c7b", adm="2023-12-31", conv="2024-12-31")
    # c3: secretary, deputy, committee member + 5 formal -> committee of 3 with F = 8
    mem("c3", "secretary", mid="c3_sec")
    mem("c3", "deputy_secretary", mid="c3_dep")
    mem("c3", "committee_member", mid="c3_com")
    for _ in range(5):
        mem("c3", "group_leader")
    # c7c: secretary + deputy + 5 committee members = 7, F = 7
    mem("c7c", "secretary")
    mem("c7c", "deputy_secretary")
    for _ in range(5):
        mem("c7c", "committee_member")
    # c8: secretary + 7 committee members + 1 formal -> committee of 8 with F = 9
    mem("c8", "secretary")
    for _ in range(7):
        mem("c8", "committee_member")
    mem("c8")
    # c2: secretary + deputy + 5 formal -> committee of 2 with F = 7
    mem("c2", "secretary")
    mem("c2", "deputy_secretary")
    for _ in range(5):
        mem("c2")
    # c2b: a committee member who left (not counted), secretary, 5 formal + 1 probationary
    mem("c2b", "secretary")
    mem("c2b", "committee_member", left="2024-06-30")
    for _ in range(5):
        mem("c2b")
    mem("c2b", "deputy_secretary", adm="2024-05-05", conv="")
    # cd: secretary + two deputies (F = 5)
    mem("cd", "secretary")
    mem("cd", "deputy_secretary")
    mem("cd", "deputy_secretary")
    mem("cd")
    mem("cd")
    # cv: two secretaries
    mem("cv", "secretary")
    mem("cv", "secretary", edu="")
    mem("cv", edu="")
    # cs: the secretary leaves on 2024-12-31 (not a member on that day); another joins 2025-01-01
    mem("cs", "secretary", left="2024-12-31")
    mem("cs", "secretary", joined="2025-01-01", birth="1990-05-05")
    mem("cs", "committee_member", birth="1985-01-01", edu="master")
    # ce: none
    # cm: membership boundaries (period 2024 and 2024-03-01..2025-02-28)
    mem("cm", "secretary", mid="cm_sec", birth="1970-03-01", edu="master")
    mem("cm", joined="2024-01-01", birth="1990-01-01")              # joins on from
    mem("cm", joined="2015-01-01", left="2024-01-01")               # leaves on from
    mem("cm", left="2024-12-31", birth="1960-01-01", edu="primary")  # leaves on to
    mem("cm", adm="2024-12-31", conv="", birth="1999-12-31", edu="doctorate")  # admitted on to
    mem("cm", adm="2024-01-01", conv="", birth="1995-06-15", edu="")            # admitted on from
    mem("cm", adm="2023-12-31", conv="", joined="2025-01-01")        # joins after the year
    mem("cm", adm="2024-03-01", conv="", birth="2000-02-29", edu="associate")  # admitted on from'
    mem("cm", "secretary", mid="cm_sec2", joined="2024-06-01")       # a second secretary, later
    mem("cm", "group_leader", adm="2025-02-28", conv="", birth="2001-01-01")  # admitted on to'
    mem("cm", left="2024-03-01", birth="1950-01-01", edu="senior_high")  # leaves on from'
    # cc: conversions; limit = (admission + 1 year) + grace days
    mem("cc", "secretary")
    mem("cc", adm="2024-02-29", conv="2025-03-30")  # 2025-02-28 + 30 = 2025-03-30: on time
    mem("cc", adm="2024-02-29", conv="2025-03-31")  # late
    mem("cc", adm="2023-06-15", conv="2024-07-15")  # 2024-06-15 + 30: on time (grace 0: late)
    mem("cc", adm="2023-06-15", conv="2024-07-16")  # late
    mem("cc", adm="2023-01-01", conv="2024-01-01")  # on time, also with grace 0
    mem("cc", adm="2024-02-29", conv="2025-02-28")  # on time even with grace 0
    mem("cc", adm="2023-02-28", conv="2024-02-29", left="2024-03-01")  # left, still counted
    # st1: the member who leaves on to is replaced by one with the same age on to -> equal means
    mem("st1", birth="1980-01-01", left="2024-12-31")
    mem("st1", birth="1980-12-31", joined="2024-06-01")
    # st2: replaced by a younger, better educated member, plus one without education
    mem("st2", birth="1980-01-01", left="2024-12-31", edu="senior_high")
    mem("st2", birth="1981-01-01", joined="2024-06-01", edu="master")
    mem("st2", birth="1985-01-01", adm="2024-06-01", conv="", edu="")
    # st3: no educated member on from, one on to -> the education comparison adds 0
    mem("st3", birth="1980-01-01", left="2024-12-31", edu="")
    mem("st3", birth="1980-01-01", joined="2024-06-01", edu="master")
    # st4*: the mean age on to equals the mean age on from exactly (integer days), though the
    # means as doubles (days / 365.2425 / n) need not compare equal; education means equal too
    import datetime as _dt
    F, T = _dt.date(2024, 1, 1), _dt.date(2024, 12, 31)
    for br, b_to, offs_from, offs_to in (
            ("st4a", [_dt.date(1987, 3, 17)], [-1, 0, 1], [0]),
            ("st4b", [_dt.date(1963, 7, 9), _dt.date(1971, 11, 30), _dt.date(1990, 2, 28)],
             [-5, -3, -1, 0, 1, 3, 5], [0, 0, 0]),
            ("st4c", [_dt.date(1958, 10, 1)], [-400, 100, 300], [0]),
            ("st4d", [_dt.date(1975, 5, 5), _dt.date(1976, 6, 6), _dt.date(1981, 8, 8),
                      _dt.date(1992, 9, 9), _dt.date(1999, 12, 12)],
             [-2, -1, 0, 0, 1, 2], [0] * 5),
            # found by search: equal exactly, but Σ(days/365.2425)/n compares "younger"
            ("st4e", [_dt.date(1950, 1, 1), _dt.date(1950, 3, 20)], [-3, 0, 2, 5], [0, 0]),
            # found by search: equal exactly, but Σdays/365.2425/n compares "younger"
            ("st4f", [_dt.date(1950, 1, 23), _dt.date(1950, 4, 30), _dt.date(1950, 8, 5),
                      _dt.date(1950, 11, 10), _dt.date(1951, 2, 15)], [-1, 0, 1], [0] * 5)):
        n_f = len(offs_from)
        while (sum((T - b).days for b in b_to) * n_f) % len(b_to):
            b_to[-1] -= _dt.timedelta(days=1)  # make the exact mean reachable
        total = sum((T - b).days for b in b_to)
        # from-side members: ages (days on F) average exactly total / len(b_to)
        assert (total * n_f) % len(b_to) == 0, br
        base = total * n_f // len(b_to) // n_f
        ages = [base + o for o in offs_from]
        ages[-1] += total * n_f // len(b_to) - sum(ages)
        assert sum(ages) * len(b_to) == total * n_f
        edus = ["associate", "bachelor", "master"]
        for i, a in enumerate(ages):
            mem(br, birth=(F - _dt.timedelta(days=a)).isoformat(), left="2024-12-31",
                edu=edus[i % 3] if n_f % 3 == 0 else "bachelor")
        for b in b_to:
            mem(br, birth=b.isoformat(), joined="2024-06-01", edu="bachelor")
    # c3: an activist (not a party member) whose role says deputy_secretary
    rows.append("c3_act,c3,activist,,,1995-01-01,bachelor,deputy_secretary,,2023-01-01,"
                "2023-06-01,,,,,")
    write(ds, "members.csv", MEMBER_COLS + "\n" + "\n".join(rows) + "\n")

    acts = []
    k = [0]

    def act(branch, kind, date, mode="", attendees="", expected="", hours="", lecturer="",
            amount="", cases="", escalated="", aid=None):
        k[0] += 1
        aid = aid or "a%03d" % k[0]
        acts.append(",".join([aid, branch, kind, date, mode, "", str(attendees), str(expected),
                              str(hours), lecturer, str(amount), str(cases), str(escalated),
                              "t" + aid]))
        return aid

    # cm: lectures and lecturers
    act("cm", "party_lecture", "2024-03-01", lecturer="cm_sec", attendees=5, expected=6, hours=1)
    act("cm", "party_lecture", "2024-05-01", lecturer="cm_sec2")   # not yet in the branch
    act("cm", "party_lecture", "2024-07-01", lecturer="cm_sec2")   # in the branch by then
    act("cm", "party_lecture", "2024-08-01", lecturer=c6_sec)      # secretary of another branch
    act("cm", "party_lecture", "2024-09-01")
    lec_att = act("cm", "party_lecture", "2025-01-10", lecturer="cm_sec", expected=4)
    act("cm", "party_lecture", "2025-03-01", lecturer="cm_sec")
    # cm: participation (expected 0 and no-attendee rows are left out)
    act("cm", "branch_congress", "2024-02-01", attendees=8, expected=10)
    act("cm", "group_meeting", "2024-02-02", attendees=3, expected=0)
    act("cm", "theme_day", "2024-02-03", expected=5, mode="online")
    act("cm", "theme_day", "2024-12-31", attendees=0, expected=7, mode="hybrid")
    act("cm", "org_life_meeting", "2024-12-30", attendees=9, expected=9)
    act("cm", "democratic_review", "2024-12-30")
    act("cm", "training", "2024-01-01", attendees=7, hours=2.5)
    act("cm", "legal_education", "2024-06-01", attendees=3, hours=0.1, mode="online")
    act("cm", "legal_education", "2024-06-02", attendees=3, hours=0.2)
    act("cm", "lecture_hall", "2025-02-28", attendees=4, hours=1.7)
    act("cm", "volunteer_service", "2024-04-04", attendees=6, hours=0.3, amount=100.1)
    act("cm", "volunteer_service", "2024-04-05", attendees=6, amount=0.2)
    act("cm", "home_visit", "2024-04-06", amount=0.1)
    # cm: disputes: 2 escalated of 15 (a row without cases counts 0)
    act("cm", "dispute_mediation", "2024-05-05", cases=10, escalated=2)
    act("cm", "dispute_mediation", "2024-05-06", cases=5)
    act("cm", "dispute_mediation", "2024-05-07")
    # c7: cases 0 only -> escalation rate NaN; c3: all escalated
    act("c7", "dispute_mediation", "2024-05-05", cases=0, escalated=0)
    act("c3", "dispute_mediation", "2024-05-05", cases=4, escalated=4)
    act("c3", "dispute_mediation", "2025-01-05", cases=3, escalated=0)
    # disclosure quarters and months covered (quarter boundaries)
    for d in ("2024-03-31", "2024-04-01", "2024-06-30", "2024-07-01", "2024-12-31", "2025-01-01"):
        act("c6", "disclosure", d)
        act("c6", "committee_meeting", d)
        act("c6", "pairing_activity", d)
        act("c6", "branch_congress", d, attendees=6, expected=7)
    act("c6", "theme_day", "2024-01-31", mode="offline")
    act("c6", "theme_day", "2024-02-01", mode="online")
    act("c6", "org_life_meeting", "2024-11-11")               # no democratic review
    act("c6", "volunteer_service", "2024-04-04", attendees=7, hours=1)
    act("c7", "volunteer_service", "2024-04-04", attendees=7, hours=1)
    act("c7b", "volunteer_service", "2024-04-04", attendees=7, hours=1)
    act("c6b", "volunteer_service", "2024-04-04", attendees=14, hours=0.5)
    act("c3", "volunteer_service", "2024-04-04", attendees=8, hours=2)
    act("c7c", "volunteer_service", "2024-04-04", attendees=1, hours=0.5)
    act("st1", "training", "2024-06-01", attendees=1, hours=1)
    # attendee counts from attendance.csv in hours-weighted sums
    c3_vol = act("c3", "volunteer_service", "2024-08-08", hours=1.5)
    c3_tr = act("c3", "training", "2024-08-09", attendees=2, hours=0.75)
    act("c3", "party_lecture", "2024-08-10", lecturer="c3_act", attendees=1, expected=8)
    # one activity in 2025 for cs (the period by default is 2025)
    act("cs", "theme_day", "2025-06-01", attendees=1, expected=1)
    # a member of the branch present at the 2025-01-10 lecture recorded in attendance.csv only
    write(ds, "activities.csv", ACT_COLS + "\n" + "\n".join(acts) + "\n")
    att = ["activity_id,member_id", "%s,cm_sec" % lec_att, "%s,cm_sec2" % lec_att,
           "%s,%s" % (lec_att, c6_sec)]
    att += ["%s,%s" % (c3_vol, m) for m in ("c3_act", "c3_sec", "c3_com")]
    att += ["%s,%s" % (c3_tr, m) for m in ("c3_dep", "c3_act")]
    write(ds, "attendance.csv", "\n".join(att) + "\n")

    write(ds, "observations.csv", """
branch_id,indicator,date,value
cm,business_performance,2024-12-31,-5
c6,business_performance,2024-12-31,80
c7,business_performance,2024-12-31,80
c3,business_performance,2024-12-31,70
c7b,business_performance,2024-12-31,70
c6b,business_performance,2024-12-31,81
c8,business_performance,2024-12-31,-10
c2,business_performance,,60
c2,business_performance,2023-12-31,90
c2b,business_performance,2024-12-31,10
cd,business_performance,2024-12-31,-3
cd,business_performance,2024-06-30,100
cv,business_performance,2024-12-31,-7
cv,business_performance,2024-12-31,-7
cs,business_performance,2024-12-31,-7
cs,business_performance,2025-03-01,5
c8,serious_violations,2024-05-05,1
c2,serious_violations,,0
cd,serious_violations,2024-01-01,0
cd,serious_violations,2025-02-01,2
c6,online_filing_rate,2024-12-31,0.95
c7,online_filing_rate,2024-06-30,0.5
c7,online_filing_rate,,0.99
cm,online_filing_rate,,0.45
c6,honors,2024-02-01,2
c6,honors,2024-03-01,4
c3,honors,,1
c3,honors,2025-01-01,1
cm,score_x,2024-01-01,1.5
cm,score_x,2024-02-01,3.25
cm,score_x,2024-02-01,0.1
cm,score_x,,9
c6,score_x,,2
c6,score_x,,-1
c7,score_x,2024-05-05,0.1
c7,score_x,2024-05-06,0.2
c7,score_x,2024-05-07,0.3
""")


# ------------------------------------------------------------------------------------------------
# format_quirks: BOM, CRLF, spaces outside quotes, U+00A0 / U+3000 trimming, white-space-only
# lines, quoted newlines, column order, unknown columns, repeated set items, "" as absent,
# names needing CSV quoting in the output.
# ------------------------------------------------------------------------------------------------

def format_quirks():
    ds = "format_quirks"
    nb, ideo = "\u00a0", "\u3000"
    write(ds, "branches.csv",
          "\ufeff branch_id , name ,org_type, parent_id,internal_units,units_covered,"
          "service_station,facilities,pioneer_posts,brands,last_election,note\r\n"
          "q1," + ideo + "\"Quirk, one\"" + ideo + ",organ, \"P\" ,\"\",,"
          "\" staffed ; venue ;; staffed\",gym;gym; honor_wall ," + nb + "3" + nb + ",\"\","
          "2024-01-01,ignored\r\n"
          "   \r\n"
          "\t\r\n"
          "q2,\"Quirk \"\"two\"\"\",village,P,4,\t1\t,,,,1,2020-02-29,x\r\n"
          "q3,  plain three  ,,\"  \t \",,,,,,,,\r\n"
          "\r\n", raw=True)
    write(ds, "members.csv",
          "\ufeffbranch_id,member_id,birth_date,admission_date,conversion_date,role,education,"
          "joined_branch,left_branch\n"
          "q1,m1," + ideo + "1970-01-01" + ideo + ",2000-01-01,2001-01-01,secretary, master ,,\n"
          "q1,m2,1980-01-01,2000-01-01,\"\",,\"\",,\n"
          "q2, m3 ,1990-01-01,2024-01-01,,secretary,,,\n"
          "q2,m4,1991-01-01,2024-02-29,,,primary,,\n"
          "\n"
          "q3,m5,1960-01-01,1990-01-01,1991-01-01,deputy_secretary,,,\n", raw=True)
    write(ds, "activities.csv",
          "kind,activity_id,branch_id,date,attendees,hours,mode,expected,title,amount_yuan\r\n"
          "training,x1,q1,2024-03-03,2,1.5,,,\"multi\r\nline, title\",\r\n"
          "legal_education , x2 , q1 ,2024-03-04,,,hybrid,,\"\"\"quoted\"\"\",\" 12.5 \"\r\n"
          "theme_day,x3,q1,2024-03-05," + nb + "2" + nb + ",,online,3,,\r\n"
          "   \t  \r\n"
          "theme_day,x4,q2,2024-03-05,,,,2,,\r\n"
          "legal_education,x5,q2,2024-03-06,1,2,  offline  ,,,1e2\r\n"
          "training,x6,q3,2023-05-05,3,2,,,,\r\n", raw=True)
    write(ds, "attendance.csv",
          "member_id, activity_id\n m3 ,x4\nm4,x4\n", raw=True)
    write(ds, "observations.csv",
          "indicator,branch_id,value,date\n"
          "business_performance,q1, 1.5e1 ,2024-12-31\n"
          "business_performance,q2,15.0,2024-06-30\n"
          "online_filing_rate,q2,0.5,\n"
          "honors,q1,2," + ideo + "\n", raw=True)


# ------------------------------------------------------------------------------------------------
# ratings_boundary: totals right at the rating thresholds (used with rubrics/ratings_boundary.json,
# whose only indicator is obs.total_x with linear_cap 1 and P 100).
# ------------------------------------------------------------------------------------------------

def ratings_boundary():
    ds = "ratings_boundary"
    vals = [("r90", "90"), ("r90m", repr(90 - 1e-9)), ("r90in", "89.9999999995"),
            ("r90out", "89.999999998"), ("r80m", "79.99999999900001"), ("r80", "80"),
            ("r60in", "59.9999999991"), ("r60out", "59.9999999989"), ("r0", "0"),
            ("r100", "100"), ("rneg", "-3"), ("rbig", "1e5"), ("rnan", None), ("rveto", "95")]
    write(ds, "branches.csv", "branch_id,name\n" + "".join("%s,%s\n" % (b, b) for b, _ in vals))
    obs = ["branch_id,indicator,date,value"]
    for b, v in vals:
        if v is not None:
            obs.append("%s,total_x,2024-12-31,%s" % (b, v))
    obs.append("rveto,flag,2024-12-31,1")
    obs.append("r90,flag,2024-12-31,0")
    write(ds, "observations.csv", "\n".join(obs) + "\n")
    write(ds, "activities.csv", "activity_id,branch_id,kind,date\nz1,r0,theme_day,2024-05-05\n")


# ------------------------------------------------------------------------------------------------
# empty_and_small: no members anywhere (N̄ = 0 -> NaN metrics), one activity per branch,
# a branch alone in its peer group, activities spanning two years (default period = latest).
# ------------------------------------------------------------------------------------------------

def empty_and_small():
    ds = "empty_and_small"
    write(ds, "branches.csv", """
branch_id,name,parent_id,org_type,internal_units
e1,alone,PX,organ,0
e2,pair one,PY,village,
e3,pair two,PY,village,3
e4,no group,,,
""")
    write(ds, "members.csv", MEMBER_COLS + "\n"
          "em1,e2,,,,1950-01-01,,secretary,,,,,1980-01-01,1981-01-01,,2023-06-30\n"
          "em2,e3,,,,1990-01-01,master,,,,,,2024-05-05,,,\n")
    def row(aid, b, kind, date, attendees="", expected="", hours="", amount=""):
        return ",".join([aid, b, kind, date, "", "", attendees, expected, hours, "", amount,
                         "", "", ""])
    write(ds, "activities.csv", "\n".join([
        ACT_COLS,
        row("y1", "e1", "volunteer_service", "2023-05-05", attendees="3", hours="2"),
        row("y2", "e2", "volunteer_service", "2024-05-05", attendees="2", hours="7.5"),
        row("y3", "e3", "home_visit", "2025-01-01", amount="3.5"),
        row("y4", "e4", "training", "2025-12-31", attendees="5", expected="5"),
        row("y5", "e2", "theme_day", "2025-02-02", attendees="1", expected="1"),
    ]) + "\n")


if __name__ == "__main__":
    members_committee()
    format_quirks()
    ratings_boundary()
    empty_and_small()
