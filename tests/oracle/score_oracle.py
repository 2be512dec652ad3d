#!/usr/bin/python3
"""Independent reference implementation of `branchscore score` (docs/reference/data-format.md, metrics.md, rubrics.md, cli.md).

Written from the contract only (then SPEC.md, now docs/reference/), with the Python 3 standard
library, to check the C++ library's numbers.  It assumes the dataset and rubric are valid (the
library validates them) but parses them exactly as the contract says.

Usage: score_oracle.py DATA_DIR [--rubric R.json] [--year Y | --from D --to D] [--detail]
Prints the CSV of docs/reference/results.md §2 (summary, or detail with --detail) on stdout.
"""

import csv
import datetime
import io
import json
import math
import os
import re
import sys

NAN = float("nan")
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RUBRIC = os.path.join(HERE, "rubrics", "default.json")

# --------------------------------------------------------------------------------------------
# Number formatting: std::to_chars(double) shortest round-trip, fixed or scientific, whichever
# is shorter (fixed on a tie), -0 as 0, NaN as the empty cell.  The choice is made on the
# shortest round-trip digits; a fixed integral value is then written with its exact digits.
# --------------------------------------------------------------------------------------------


def fmt_num(x):
    if x is None:
        return ""
    x = float(x)
    if math.isnan(x):
        return ""
    if x == 0:
        return "0"
    if math.isinf(x):
        return "-inf" if x < 0 else "inf"
    r = repr(x)  # shortest round-trip digits (David Gay / same digits as Ryu)
    neg = r.startswith("-")
    if neg:
        r = r[1:]
    if "e" in r:
        mant, exp = r.split("e")
        exp = int(exp)
    else:
        mant, exp = r, 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    digits = ip + fp
    # value = 0.digits... scaled: position of decimal point after len(ip) digits, times 10^exp
    point = len(ip) + exp  # decimal point lies after `point` digits of `digits`
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    if not digits:
        return "0"
    e = point - 1  # scientific exponent: d.ddd × 10^e
    # scientific form
    sci = digits[0]
    if len(digits) > 1:
        sci += "." + digits[1:]
    sci += "e" + ("-" if e < 0 else "+") + ("%02d" % abs(e))
    # fixed form
    if e >= 0:
        if len(digits) <= e + 1:
            # an integral value: std::to_chars prints the double's exact integer digits in the
            # fixed form (12345678901234567168, not 12345678901234567000); same length.
            fix = str(int(abs(x)))
        else:
            fix = digits[: e + 1] + "." + digits[e + 1:]
    else:
        fix = "0." + "0" * (-e - 1) + digits
    s = fix if len(fix) <= len(sci) else sci
    return ("-" + s) if neg else s


# --------------------------------------------------------------------------------------------
# CSV reading (docs/reference/data-format.md §2)
# --------------------------------------------------------------------------------------------

WS = " \t\u00a0\u3000"


def parse_csv_text(text):
    """Return a list of records (lists of trimmed field values)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    records = []
    i = 0
    n = len(text)
    while i < n:
        j = text.find("\n", i)
        line_end = n if j < 0 else j
        if text[i:line_end].strip(WS + "\r") == "":
            i = line_end + 1
            continue
        fields = []
        while True:
            k = i
            while k < n and text[k] in WS:
                k += 1
            if k < n and text[k] == '"':
                k += 1
                buf = []
                while True:
                    q = text.find('"', k)
                    if q < 0:
                        raise ValueError("unterminated quote")
                    buf.append(text[k:q])
                    if q + 1 < n and text[q + 1] == '"':
                        buf.append('"')
                        k = q + 2
                    else:
                        k = q + 1
                        break
                val = "".join(buf)
                while k < n and text[k] not in ",\r\n":
                    k += 1  # only white space may follow the closing quote
            else:
                m = k
                while m < n and text[m] not in ",\r\n":
                    m += 1
                val = text[k:m]
                k = m
            fields.append(val.strip(WS))
            if k < n and text[k] == ",":
                i = k + 1
                continue
            if k < n and text[k] == "\r":
                k += 1
            if k < n and text[k] == "\n":
                k += 1
            i = k
            break
        records.append(fields)
    return records


def read_table(path):
    """Rows as dicts (column name -> trimmed string); None when the file is absent."""
    if not os.path.exists(path):
        return []
    with open(path, "rb") as fh:
        text = fh.read().decode("utf-8")
    recs = parse_csv_text(text)
    if not recs:
        return []
    header = recs[0]
    rows = []
    for r in recs[1:]:
        rows.append({h: (r[idx] if idx < len(r) else "") for idx, h in enumerate(header)})
    return rows


def pdate(s):
    if s is None or s == "":
        return None
    return datetime.date(int(s[0:4]), int(s[5:7]), int(s[8:10]))


def pint(s):
    if s is None or s == "":
        return None
    return int(s)


def pfloat(s):
    if s is None or s == "":
        return None
    return float(s)


def pset(s):
    if s is None or s == "":
        return set()
    return {it.strip(WS) for it in s.split(";") if it.strip(WS) != ""}


EDU = {"primary": 1, "junior_high": 2, "senior_high": 3, "vocational": 4, "associate": 5,
       "bachelor": 6, "master": 7, "doctorate": 8}


class Dataset:
    def __init__(self, d):
        self.branches = []
        for r in read_table(os.path.join(d, "branches.csv")):
            self.branches.append({
                "id": r.get("branch_id", ""),
                "name": r.get("name", ""),
                "parent_id": r.get("parent_id", ""),
                "org_type": r.get("org_type", ""),
                "last_election": pdate(r.get("last_election")),
                "internal_units": pint(r.get("internal_units")),
                "units_covered": pint(r.get("units_covered")),
                "pioneer_posts": pint(r.get("pioneer_posts")),
                "brands": pint(r.get("brands")),
                "facilities": pset(r.get("facilities")),
                "service_station": pset(r.get("service_station")),
            })
        self.members = {b["id"]: [] for b in self.branches}
        self.member_by_id = {}
        for r in read_table(os.path.join(d, "members.csv")):
            adm = pdate(r.get("admission_date"))
            joined = pdate(r.get("joined_branch"))
            m = {
                "id": r["member_id"],
                "branch": r["branch_id"],
                "birth": pdate(r.get("birth_date")),
                "edu": EDU.get(r.get("education", "") or "", None),
                "role": r.get("role", ""),
                "admission": adm,
                "conversion": pdate(r.get("conversion_date")),
                "joined": joined if joined is not None else adm,  # None = start of time
                "left": pdate(r.get("left_branch")),
            }
            self.members[m["branch"]].append(m)
            self.member_by_id[m["id"]] = m
        att = {}
        for r in read_table(os.path.join(d, "attendance.csv")):
            att[r["activity_id"]] = att.get(r["activity_id"], 0) + 1
        self.activities = {b["id"]: [] for b in self.branches}
        self.all_activity_dates = []
        for r in read_table(os.path.join(d, "activities.csv")):
            given = pint(r.get("attendees"))
            cnt = att.get(r["activity_id"], 0)
            a = {
                "id": r["activity_id"],
                "kind": r["kind"],
                "date": pdate(r["date"]),
                "mode": r.get("mode", "") or "offline",
                "attendees": cnt if cnt > 0 else given,  # None = no attendee count
                "expected": pint(r.get("expected")),
                "hours": pfloat(r.get("hours")),
                "lecturer": r.get("lecturer_id", ""),
                "amount": pfloat(r.get("amount_yuan")),
                "cases": pint(r.get("cases")),
                "escalated": pint(r.get("escalated")),
            }
            self.activities[r["branch_id"]].append(a)
            self.all_activity_dates.append(a["date"])
        self.obs = {b["id"]: [] for b in self.branches}
        for r in read_table(os.path.join(d, "observations.csv")):
            self.obs[r["branch_id"]].append(
                (r["indicator"], pdate(r.get("date")), float(r["value"])))


# --------------------------------------------------------------------------------------------
# Metrics (docs/reference/metrics.md)
# --------------------------------------------------------------------------------------------


def add_years(d, n):
    y = d.year + n
    try:
        return datetime.date(y, d.month, d.day)
    except ValueError:  # 29 February in a year without one
        return datetime.date(y, d.month, 28)


def is_member(m, d):
    if m["admission"] is None or m["admission"] > d:
        return False
    if m["joined"] is not None and m["joined"] > d:
        return False
    if m["left"] is not None and not (d < m["left"]):
        return False
    return True


def is_formal(m, d):
    return is_member(m, d) and m["conversion"] is not None and m["conversion"] <= d


def z(x):
    return 0 if x is None else x


KNOWN = {
    "rule_of_law.legal_education", "rule_of_law.lecture_hall", "rule_of_law.training_per_member",
    "rule_of_law.training_hours_per_member", "rule_of_law.integrity_meetings",
    "rule_of_law.warning_education", "rule_of_law.role_model_study", "rule_of_law.online_share",
    "rule_of_law.disclosure_quarters", "rule_of_law.serious_violations",
    "cohesion.home_visits", "cohesion.disputes_resolved", "cohesion.escalation_rate",
    "cohesion.pairing_months", "cohesion.publicity_talks", "cohesion.aid_per_member",
    "cohesion.participation_rate",
    "civility.group_coverage", "civility.service_station", "civility.brands",
    "civility.pioneer_posts_per_10", "civility.volunteer_hours_per_member", "civility.facilities",
    "development.identity_activities", "development.outreach_services",
    "development.education_base_visits", "development.veteran_visits", "development.competitions",
    "development.online_filing_rate", "development.business_performance",
    "fortress.committee_meeting_months", "fortress.congress_quarters",
    "fortress.group_meeting_months", "fortress.lecture_quarters", "fortress.theme_day_months",
    "fortress.org_life_and_review", "fortress.secretary_lectures", "fortress.committee_complete",
    "fortress.term_current", "fortress.on_time_conversion_rate", "fortress.new_probationary",
    "fortress.structure_improvements",
}
OBS_RE = re.compile(r"^obs\.[a-z0-9_]+$")


class Ctx:
    """One branch over one period."""

    def __init__(self, ds, b, f, t):
        self.ds, self.b, self.f, self.t = ds, b, f, t
        self.members = ds.members[b["id"]]
        self.acts = [a for a in ds.activities[b["id"]] if f <= a["date"] <= t]
        self.n_from = sum(1 for m in self.members if is_member(m, f))
        self.n_to = sum(1 for m in self.members if is_member(m, t))
        self.nbar = (self.n_from + self.n_to) / 2

    def A(self, *kinds):
        return [a for a in self.acts if a["kind"] in kinds]

    def months(self, kind):
        return float(len({(a["date"].year, a["date"].month) for a in self.A(kind)}))

    def quarters(self, kind):
        return float(len({(a["date"].year, (a["date"].month - 1) // 3) for a in self.A(kind)}))

    def obs(self, ind, agg):
        f, t = self.f, self.t
        rows = [(d, v) for (i, d, v) in self.ds.obs[self.b["id"]] if i == ind]
        dated = [(d, v) for (d, v) in rows if d is not None and f <= d <= t]
        use = dated if dated else [(d, v) for (d, v) in rows if d is None]
        if not use:
            return 0.0 if agg == "sum" else NAN
        if agg == "sum":
            s = 0.0
            for _, v in use:
                s += v
            return s
        if agg == "mean":
            s = 0.0
            for _, v in use:
                s += v
            return s / len(use)
        if agg == "max":
            return max(v for _, v in use)
        # last: latest date, the later row among equal dates (or among undated ones)
        best = None
        for d, v in use:
            if best is None or d is None or d >= best[0]:
                best = (d, v)
        return best[1]

    def per_nbar(self, num):
        if self.nbar == 0:
            return NAN
        return num / self.nbar

    def metric(self, mid, params):
        params = params or {}
        b = self.b
        if mid.startswith("obs."):
            return self.obs(mid[4:], params.get("agg", "last"))
        s, name = mid.split(".", 1)
        A = self.A
        if mid == "rule_of_law.legal_education":
            return float(len(A("legal_education")))
        if mid == "rule_of_law.lecture_hall":
            return float(len(A("lecture_hall")))
        if mid == "rule_of_law.training_per_member":
            tot = 0
            for a in A("training", "legal_education", "lecture_hall"):
                tot += z(a["attendees"])
            return self.per_nbar(tot)
        if mid == "rule_of_law.training_hours_per_member":
            tot = 0.0
            for a in A("training", "legal_education", "lecture_hall"):
                tot += z(a["hours"]) * z(a["attendees"])
            return self.per_nbar(tot)
        if mid == "rule_of_law.integrity_meetings":
            return float(len(A("integrity_meeting")))
        if mid == "rule_of_law.warning_education":
            return float(len(A("warning_education")) + len(A("warning_film")))
        if mid == "rule_of_law.role_model_study":
            return float(len(A("role_model_study")))
        if mid == "rule_of_law.online_share":
            acts = A("theme_day", "legal_education")
            if not acts:
                return NAN
            return sum(1 for a in acts if a["mode"] in ("online", "hybrid")) / len(acts)
        if mid == "rule_of_law.disclosure_quarters":
            return self.quarters("disclosure")
        if mid == "rule_of_law.serious_violations":
            return self.obs("serious_violations", "sum")
        if mid == "cohesion.home_visits":
            return float(len(A("home_visit")))
        if mid == "cohesion.disputes_resolved":
            tot = 0
            for a in A("dispute_mediation"):
                tot += z(a["cases"]) - z(a["escalated"])
            return float(tot)
        if mid == "cohesion.escalation_rate":
            c = e = 0
            for a in A("dispute_mediation"):
                c += z(a["cases"])
                e += z(a["escalated"])
            return NAN if c == 0 else e / c
        if mid == "cohesion.pairing_months":
            return self.months("pairing_activity")
        if mid == "cohesion.publicity_talks":
            return float(len(A("publicity_talk")))
        if mid == "cohesion.aid_per_member":
            tot = 0.0
            for a in self.acts:
                tot += z(a["amount"])
            return self.per_nbar(tot)
        if mid == "cohesion.participation_rate":
            at = ex = 0
            any_ = False
            for a in A("branch_congress", "group_meeting", "party_lecture", "theme_day",
                       "org_life_meeting"):
                if a["expected"] is not None and a["expected"] > 0 and a["attendees"] is not None:
                    any_ = True
                    at += a["attendees"]
                    ex += a["expected"]
            return at / ex if any_ else NAN
        if mid == "civility.group_coverage":
            iu = b["internal_units"]
            if iu is None or iu == 0:
                return 1.0
            return z(b["units_covered"]) / iu
        if mid == "civility.service_station":
            return float(len(b["service_station"]))
        if mid == "civility.brands":
            return float(z(b["brands"]))
        if mid == "civility.pioneer_posts_per_10":
            if self.n_to == 0:
                return NAN
            return 10.0 * z(b["pioneer_posts"]) / self.n_to
        if mid == "civility.volunteer_hours_per_member":
            tot = 0.0
            for a in A("volunteer_service"):
                tot += z(a["hours"]) * z(a["attendees"])
            return self.per_nbar(tot)
        if mid == "civility.facilities":
            return float(len(b["facilities"]))
        if mid == "development.identity_activities":
            return float(len(A("identity_display")))
        if mid == "development.outreach_services":
            return float(len(A("legal_consultation")) + len(A("community_outreach")))
        if mid == "development.education_base_visits":
            return float(len(A("education_base_visit")))
        if mid == "development.veteran_visits":
            return float(len(A("veteran_visit")))
        if mid == "development.competitions":
            return float(len(A("competition")))
        if mid == "development.online_filing_rate":
            return self.obs("online_filing_rate", "last")
        if mid == "development.business_performance":
            return self.obs("business_performance", "last")
        if mid == "fortress.committee_meeting_months":
            return self.months("committee_meeting")
        if mid == "fortress.congress_quarters":
            return self.quarters("branch_congress")
        if mid == "fortress.group_meeting_months":
            return self.months("group_meeting")
        if mid == "fortress.lecture_quarters":
            return self.quarters("party_lecture")
        if mid == "fortress.theme_day_months":
            return self.months("theme_day")
        if mid == "fortress.org_life_and_review":
            return 1.0 if (A("org_life_meeting") and A("democratic_review")) else 0.0
        if mid == "fortress.secretary_lectures":
            cnt = 0
            for a in A("party_lecture"):
                m = self.ds.member_by_id.get(a["lecturer"]) if a["lecturer"] else None
                if (m is not None and m["branch"] == b["id"] and m["role"] == "secretary"
                        and is_member(m, a["date"])):
                    cnt += 1
            return float(cnt)
        if mid == "fortress.committee_complete":
            t = self.t
            cur = [m for m in self.members if is_member(m, t)]
            sec = sum(1 for m in cur if m["role"] == "secretary")
            dep = sum(1 for m in cur if m["role"] == "deputy_secretary")
            com = sum(1 for m in cur
                      if m["role"] in ("secretary", "deputy_secretary", "committee_member"))
            formal = sum(1 for m in self.members if is_formal(m, t))
            ok = sec == 1 and dep <= 1
            if formal >= 7 and not (3 <= com <= 7):
                ok = False
            return 1.0 if ok else 0.0
        if mid == "fortress.term_current":
            le = b["last_election"]
            if le is None:
                return 0.0
            ty = params.get("term_years")
            if ty is None:
                ty = 5 if b["org_type"] in ("village", "community") else 3
            return 1.0 if le <= self.t < add_years(le, int(ty)) else 0.0
        if mid == "fortress.on_time_conversion_rate":
            g = int(params.get("grace_days", 30))
            tot = ok = 0
            for m in self.members:
                c = m["conversion"]
                if c is not None and self.f <= c <= self.t:
                    tot += 1
                    lim = add_years(m["admission"], 1) + datetime.timedelta(days=g)
                    if c <= lim:
                        ok += 1
            return NAN if tot == 0 else ok / tot
        if mid == "fortress.new_probationary":
            return float(sum(1 for m in self.members
                             if m["admission"] is not None and self.f <= m["admission"] <= self.t))
        if mid == "fortress.structure_improvements":
            f, t = self.f, self.t
            mf = [m for m in self.members if is_member(m, f)]
            mt = [m for m in self.members if is_member(m, t)]
            score = 0
            if mf and mt:
                af = sum((f - m["birth"]).days for m in mf)
                at = sum((t - m["birth"]).days for m in mt)
                if at * len(mf) < af * len(mt):
                    score += 1
            if len(mt) > len(mf):
                score += 1
            ef = [m["edu"] for m in mf if m["edu"] is not None]
            et = [m["edu"] for m in mt if m["edu"] is not None]
            if ef and et:
                if sum(et) * len(ef) > sum(ef) * len(et):
                    score += 1
            return float(score)
        raise KeyError("unknown metric " + mid)


# --------------------------------------------------------------------------------------------
# Rubric scoring (docs/reference/rubrics.md)
# --------------------------------------------------------------------------------------------

RELATIVE = ("rank", "relative_to_best", "minmax")


def clamp(x, P):
    if x < 0:
        x = 0.0
    if x > P:
        x = P
    return x


def apply_rule(rule, P, v, peers):
    """Points of a non-NaN value v; peers = non-NaN values of the peer group (v included)."""
    typ = rule["type"]
    if typ == "linear_cap":
        x = float(rule["per_unit"]) * v
    elif typ == "target":
        x = P - float(rule["deduct_per_unit"]) * max(0.0, float(rule["target"]) - v)
    elif typ == "ratio":
        x = P * v / float(rule["target"])
    elif typ == "bands":
        x = 0.0
        for band in rule["bands"]:
            lo, hi = band.get("min"), band.get("max")
            if (lo is None or v >= lo) and (hi is None or v < hi):
                x = float(band["points"])
                break
    elif typ == "boolean":
        x = P if v > 0 else 0.0
    elif typ == "deduction":
        x = P - float(rule["per_unit"]) * v
    elif typ == "rank":
        order = rule.get("order", "desc")
        if order == "asc":
            k = 1 + sum(1 for u in peers if u < v)
        else:
            k = 1 + sum(1 for u in peers if u > v)
        pbr = rule["points_by_rank"]
        x = float(pbr[k - 1]) if k <= len(pbr) else float(rule.get("otherwise", 0) or 0)
    elif typ == "relative_to_best":
        order = rule.get("order", "desc")
        vv = max(v, 0.0)
        pv = [max(u, 0.0) for u in peers]
        if order == "asc":
            mn = min(pv)
            x = P if vv <= mn else P * mn / vv
        else:
            mx = max(pv)
            x = 0.0 if mx == 0 else P * vv / mx
    elif typ == "minmax":
        order = rule.get("order", "desc")
        mn, mx = min(peers), max(peers)
        if mx == mn:
            x = P
        elif order == "asc":
            x = P * (mx - v) / (mx - mn)
        else:
            x = P * (v - mn) / (mx - mn)
    else:
        raise ValueError("unknown rule type " + typ)
    return clamp(x, P)


def check_metric(mid):
    if mid not in KNOWN and not OBS_RE.match(mid):
        raise SystemExit("oracle: unknown metric " + mid)


def score(ds, rubric, f, t):
    ctxs = [Ctx(ds, b, f, t) for b in ds.branches]
    cache = {}

    def values(mid, params):
        key = (mid, json.dumps(params or {}, sort_keys=True))
        if key not in cache:
            check_metric(mid)
            cache[key] = [c.metric(mid, params) for c in ctxs]
        return cache[key]

    def group_key(b, group_by):
        if group_by is None:
            return ""
        return b.get(group_by, "") or ""

    def indicator_rows(ind, is_bonus, rubric_missing):
        """List over branches of (value, points, flags, excluded)."""
        P = float(ind["points"])
        vals = values(ind["metric"], ind.get("params"))
        rule = ind["rule"]
        policy = ind.get("missing") or rubric_missing or "zero"
        gb = ind.get("group_by")
        groups = {}
        if rule["type"] in RELATIVE:
            for b, v in zip(ds.branches, vals):
                if not math.isnan(v):
                    groups.setdefault(group_key(b, gb), []).append(v)
        out = []
        for b, v in zip(ds.branches, vals):
            if math.isnan(v):
                if is_bonus:
                    out.append((v, 0.0, ["missing", "bonus"], False))
                elif policy == "full":
                    out.append((v, P, ["missing"], False))
                elif policy == "exclude":
                    out.append((v, 0.0, ["missing", "excluded"], True))
                else:
                    out.append((v, 0.0, ["missing"], False))
            else:
                peers = groups.get(group_key(b, gb), []) if rule["type"] in RELATIVE else None
                pts = apply_rule(rule, P, v, peers)
                out.append((v, pts, ["bonus"] if is_bonus else [], False))
        return out

    rmiss = rubric.get("missing", "zero")
    std_rows = []  # (std, [ (ind, rows) ])
    for st in rubric["standards"]:
        std_rows.append((st, [(ind, indicator_rows(ind, False, rmiss))
                              for ind in st.get("indicators", [])]))
    bonus_rows = [(ind, indicator_rows(ind, True, rmiss)) for ind in rubric.get("bonuses", [])]
    veto_vals = [values(v["metric"], v.get("params")) for v in rubric.get("vetoes", [])]
    labels = [r["label"] for r in rubric["ratings"]]

    summary, detail = [], []
    for bi, b in enumerate(ds.branches):
        std_scores = []
        for st, inds in std_rows:
            earned = 0.0
            ptot = 0.0
            pinc = 0.0
            any_excl = False
            for ind, rows in inds:
                v, pts, flags, excl = rows[bi]
                P = float(ind["points"])
                ptot += P
                if excl:
                    any_excl = True
                else:
                    earned += pts
                    pinc += P
                detail.append([b["id"], st["id"], ind["id"], ind["metric"], fmt_num(v),
                               fmt_num(pts), fmt_num(P), ind["rule"]["type"], ";".join(flags)])
            if any_excl:
                s = 0.0 if pinc == 0 else earned * ptot / pinc
            else:
                s = earned
            std_scores.append(s)
        total = 0.0
        for s in std_scores:
            total += s
        bonus = 0.0
        for ind, rows in bonus_rows:
            v, pts, flags, _ = rows[bi]
            total += pts
            bonus += pts
            detail.append([b["id"], "", ind["id"], ind["metric"], fmt_num(v), fmt_num(pts),
                           fmt_num(float(ind["points"])), ind["rule"]["type"], ";".join(flags)])
        ri = len(labels) - 1
        for i, r in enumerate(rubric["ratings"]):
            if r.get("min") is None or total >= float(r["min"]) - 1e-9:
                ri = i
                break
        fired = []
        for veto, vals in zip(rubric.get("vetoes", []), veto_vals):
            v = vals[bi]
            if math.isnan(v):
                continue
            x = float(veto["value"])
            op = veto["op"]
            hit = {">": v > x, ">=": v >= x, "<": v < x, "<=": v <= x, "==": v == x,
                   "!=": v != x}[op]
            if hit:
                fired.append(veto["metric"])
                ri = max(ri, labels.index(veto["rating"]))
        summary.append([b["id"], b["name"], fmt_num(total), labels[ri]]
                       + [fmt_num(s) for s in std_scores] + [fmt_num(bonus), ";".join(fired)])
    header = (["branch_id", "name", "total", "rating"] + [st["id"] for st in rubric["standards"]]
              + ["bonus", "vetoes"])
    dheader = ["branch_id", "standard", "indicator", "metric", "value", "points", "max_points",
               "rule", "flags"]
    return header, summary, dheader, detail


def write_csv(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    sys.stdout.write(buf.getvalue())


def main(argv):
    args = argv[1:]
    data = None
    rubric_path = DEFAULT_RUBRIC
    year = f = t = None
    detail = False
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--rubric":
            rubric_path = args[i + 1]
            i += 2
        elif a == "--year":
            year = int(args[i + 1])
            i += 2
        elif a == "--from":
            f = pdate(args[i + 1])
            i += 2
        elif a == "--to":
            t = pdate(args[i + 1])
            i += 2
        elif a == "--detail":
            detail = True
            i += 1
        elif data is None:
            data = a
            i += 1
        else:
            sys.exit("usage: score_oracle.py DATA_DIR [--rubric R] [--year Y | --from D --to D]"
                     " [--detail]")
    if data is None:
        sys.exit("usage: score_oracle.py DATA_DIR [--rubric R] [--year Y | --from D --to D]"
                 " [--detail]")
    ds = Dataset(data)
    if year is not None:
        f, t = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    elif f is None or t is None:
        if not ds.all_activity_dates:
            sys.exit("oracle: no activities, no default period")
        y = max(d.year for d in ds.all_activity_dates)
        f, t = datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    with open(rubric_path, encoding="utf-8") as fh:
        rubric = json.load(fh)
    header, summary, dheader, drows = score(ds, rubric, f, t)
    if detail:
        write_csv(dheader, drows)
    else:
        write_csv(header, summary)


if __name__ == "__main__":
    main(sys.argv)
