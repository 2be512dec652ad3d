#!/usr/bin/python3
"""The default rubric (docs/reference/metrics.md, rubrics.md §9) written the way a good analyst writes it with pandas/numpy:
the baseline libbranch is measured against (issue 12, item 5).

    pandas_baseline.py DATA [--year Y] [--out SUMMARY.csv] [--save-frames F.pkl]
    pandas_baseline.py --frames F.pkl [--year Y] [--out SUMMARY.csv]

The first form reads the CSV dataset directory DATA (load stage) and scores it (score stage); the
second starts from frames pickled by --save-frames, unpickled before the clock starts, and times the
score stage alone. Either prints one line `mode=… branches=… load=… score=… peak_rss_mib=…` (this
process's getrusage; Linux counts in it the high-water mark of a large parent that forked it).

Strong, not clever: read_csv with the C engine, dtype hints and only the columns needed, in chunks
of a million rows; text with few distinct values read as categoricals and decoded once per distinct
value (dates, enums, sets, branch references); references resolved to row numbers once; then the
period's activities grouped by kind once and every metric an np.bincount over row numbers, peer
groups through groupby (transform, rank). Dates stay datetime64 in the frames.

It assumes a dataset the library accepts (no validation) written as the CSV writers of synth and
the examples write it: free white space around unique ids (activity_id, member_id) is not trimmed,
as trimming ten million strings is not what an analyst would pay for; every categorical column is.
"""

import argparse
import json
import pickle
import resource
import time
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RUBRIC = ROOT / "rubrics" / "default.json"

# docs/reference/data-format.md §3 trims these around every value; pandas' skipinitialspace knows
# only the ASCII space.
WS = " \t\u00a0\u3000"
EDUCATION = {"primary": 1, "junior_high": 2, "senior_high": 3, "vocational": 4, "associate": 5,
             "bachelor": 6, "master": 7, "doctorate": 8}
NO_DAY = np.iinfo(np.int64).max // 4  # "never": later than any date, still safe to add years to
START_OF_TIME = -NO_DAY

# ------------------------------------------------------------------------------------------------
# Load stage: CSV files -> typed frames with references resolved to row numbers.
# ------------------------------------------------------------------------------------------------

BRANCH_COLUMNS = {"branch_id": str, "name": str, "parent_id": str, "org_type": "category",
                  "last_election": "category", "internal_units": float, "units_covered": float,
                  "pioneer_posts": float, "brands": float, "facilities": "category",
                  "service_station": "category"}
MEMBER_COLUMNS = {"member_id": str, "branch_id": "category", "birth_date": "category",
                  "education": "category", "role": "category", "admission_date": "category",
                  "conversion_date": "category", "joined_branch": "category",
                  "left_branch": "category"}
ACTIVITY_COLUMNS = {"activity_id": str, "branch_id": "category", "kind": "category",
                    "date": "category", "mode": "category", "attendees": float,
                    "expected": float, "hours": float, "lecturer_id": "category",
                    "amount_yuan": float, "cases": float, "escalated": float}
ATTENDANCE_COLUMNS = {"activity_id": str}
OBSERVATION_COLUMNS = {"branch_id": "category", "indicator": "category", "date": "category",
                       "value": float}
# Rows per read_csv chunk: each chunk's text columns (ids, dates as strings) are reduced to
# compact arrays before the next is read, so ten million activity ids never live at once.
CHUNK_ROWS = 1_000_000


def chunks(path, columns):
    """The wanted columns of one CSV file, chunk by chunk; an absent file or column reads as empty."""
    if not path.exists():
        yield pd.DataFrame({name: pd.Series(dtype=dtype if dtype != str else object)
                            for name, dtype in columns.items()})
        return
    # keep_default_na=False: only the empty cell is absent (docs/reference/data-format.md §3), a
    # branch named "NA" is not.
    with pd.read_csv(path, engine="c", usecols=lambda c: c.strip(WS) in columns, dtype=columns,
                     keep_default_na=False, na_values=[""], skipinitialspace=True,
                     chunksize=CHUNK_ROWS) as reader:
        for chunk in reader:
            chunk.columns = [c.strip(WS) for c in chunk.columns]
            for name, dtype in columns.items():
                if name not in chunk:
                    chunk[name] = pd.Series(index=chunk.index, dtype=dtype if dtype != str else object)
            yield chunk


def joined(parts):
    """One column per name from the chunks' columns (categoricals with their categories merged)."""
    def join(pieces):
        if isinstance(pieces[0], pd.Categorical):
            return union_categoricals(pieces)
        return np.concatenate(pieces)
    return {name: join([p[name] for p in parts]) for name in parts[0]}


def read_table(path, columns, convert):
    """A DataFrame of convert(chunk) over the chunks of one CSV file. No consolidation copy
    (copy=False): the score stage reads the frames column by column, so merging same-dtype
    columns into 2-D blocks would only copy millions of rows."""
    return pd.DataFrame(joined([convert(c) for c in chunks(path, columns)]), copy=False)


def per_category(col, convert, absent):
    """convert() applied to the distinct values of a categorical column only, spread back over
    its rows (absent where the cell is empty): a few thousand dates instead of millions of cells."""
    cats = pd.Index(col.cat.categories.astype(str).str.strip(WS))
    values = np.append(np.asarray(convert(cats)), absent)
    return values[col.cat.codes.to_numpy()]  # code -1 (empty) picks the appended `absent`


def dates(col):
    return per_category(col, lambda c: pd.to_datetime(c, format="%Y-%m-%d").values, np.datetime64("NaT", "ns"))


def labels(col):
    """A categorical column with its categories trimmed, as plain strings or None."""
    return per_category(col, lambda c: c.to_numpy(dtype=object), None)


def categorical(col):
    """A categorical column with trimmed categories; re-encoded only when trimming merges some,
    since re-hashing millions of cells costs more than reading them."""
    cats = col.cat.categories.astype(str)
    clean = cats.str.strip(WS)
    if clean.equals(cats):
        return col.array
    if clean.is_unique:
        return col.array.rename_categories(clean)
    return pd.Categorical(labels(col))


def set_size(col):
    """Distinct non-empty items of a ;-separated set column (a repeated item counts once)."""
    def count(cats):
        return [len({item.strip(WS) for item in c.split(";")} - {""}) for c in cats]
    return per_category(col, count, 0)


def row_numbers(ids, index):
    """Row number in `index` (a pd.Index of unique keys, hashed once) of each value of the
    categorical `ids`, -1 for none: each chunk probes it with its distinct values only."""
    return per_category(ids, index.get_indexer, -1)


def attendance_counts(path):
    """Attendance rows per activity_id (docs/reference/data-format.md §7), counted chunk by chunk."""
    counts = [c["activity_id"].value_counts() for c in chunks(path, ATTENDANCE_COLUMNS)]
    return pd.concat(counts).groupby(level=0).sum() if len(counts) > 1 else counts[0]


def load(data_dir):
    d = Path(data_dir)
    branches = read_table(d / "branches.csv", BRANCH_COLUMNS, lambda c: {
        "branch_id": c["branch_id"].str.strip(WS).to_numpy(), "name": c["name"].str.strip(WS).to_numpy(),
        "parent_id": c["parent_id"].str.strip(WS).fillna("").to_numpy(),
        "org_type": labels(c["org_type"]), "last_election": dates(c["last_election"]),
        "internal_units": c["internal_units"].to_numpy(), "units_covered": c["units_covered"].to_numpy(),
        "pioneer_posts": c["pioneer_posts"].to_numpy(), "brands": c["brands"].to_numpy(),
        "facilities": set_size(c["facilities"]), "stations": set_size(c["service_station"])})
    branch_index = pd.Index(branches["branch_id"])
    member_ids = []

    def member(c):
        member_ids.append(c["member_id"].to_numpy())
        return {"b": row_numbers(c["branch_id"], branch_index), "birth": dates(c["birth_date"]),
                "edu": per_category(c["education"], lambda e: e.map(EDUCATION).to_numpy(float), np.nan),
                "role": categorical(c["role"]), "admission": dates(c["admission_date"]),
                "conversion": dates(c["conversion_date"]), "joined": dates(c["joined_branch"]),
                "left": dates(c["left_branch"])}
    members = read_table(d / "members.csv", MEMBER_COLUMNS, member)
    member_index = pd.Index(np.concatenate(member_ids))
    per_activity = attendance_counts(d / "attendance.csv")
    activities = read_table(d / "activities.csv", ACTIVITY_COLUMNS, lambda c: {
        "b": row_numbers(c["branch_id"], branch_index), "kind": categorical(c["kind"]),
        "date": dates(c["date"]),
        "online": per_category(c["mode"], lambda m: m.isin(["online", "hybrid"]), False),
        "attendees": c["attendees"].to_numpy(), "expected": c["expected"].to_numpy(),
        "hours": c["hours"].to_numpy(), "lecturer": row_numbers(c["lecturer_id"], member_index),
        "attendance_rows": c["activity_id"].map(per_activity).fillna(0).to_numpy(np.int64),
        "amount": c["amount_yuan"].to_numpy(), "cases": c["cases"].to_numpy(),
        "escalated": c["escalated"].to_numpy()})
    observations = read_table(d / "observations.csv", OBSERVATION_COLUMNS, lambda c: {
        "b": row_numbers(c["branch_id"], branch_index), "indicator": categorical(c["indicator"]),
        "date": dates(c["date"]), "value": c["value"].to_numpy()})
    return {"branches": branches, "members": members, "activities": activities,
            "observations": observations}


# ------------------------------------------------------------------------------------------------
# Score stage: metrics (docs/reference/metrics.md) for one period.
# ------------------------------------------------------------------------------------------------

def day_numbers(col, absent):
    """datetime64 column -> int64 days since 1970, `absent` where NaT."""
    days = col.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.where(col.isna().to_numpy(), absent, days)


def add_years(days, years):
    """docs/reference/metrics.md §9 "+ n years": same month and day, 29 February -> 28 February in a common year."""
    d = days.astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    target = month + 12 * years
    month_length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    day = np.minimum((d - month.astype("datetime64[D]")).astype(np.int64), month_length - 1)
    return target.astype("datetime64[D]").astype(np.int64) + day


def default_year(frames):
    """The latest calendar year that has activities (docs/reference/cli.md §1.3)."""
    return frames["activities"]["date"].max().year


def attendee_count(rows):
    """docs/reference/data-format.md §7: the attendance rows when there are any, else `attendees` (NaN when absent)."""
    listed = rows["attendance_rows"]
    return np.where(listed > 0, listed, rows["attendees"])


def activity_day(rows):
    return rows["date"].astype("datetime64[D]").astype(np.int64)


class Rows:
    """Some rows of a table of numpy columns (index None: all of them, as views), each column
    gathered on first use, derived ones computed on the rows only: a subset by kind copies the
    two or three columns its metric reads, not the whole frame."""

    DERIVED = {"count": attendee_count, "day": activity_day}

    def __init__(self, columns, index):
        self.columns, self.index, self._taken = columns, index, {}

    def __getitem__(self, name):
        if name not in self._taken:
            if name in self.DERIVED:
                self._taken[name] = self.DERIVED[name](self)
            else:
                self._taken[name] = self.columns[name] if self.index is None else self.columns[name][self.index]
        return self._taken[name]

    def positions(self, order):
        """Row numbers in `columns` of the rows at positions `order` of this subset."""
        return order if self.index is None else self.index[order]

    def where(self, mask):
        return Rows(self.columns, self.positions(np.flatnonzero(mask)))


class Period:
    """One period's inputs to the metrics, each computed once and shared by the metrics using it."""

    def __init__(self, frames, year):
        self.branches = frames["branches"]
        self.n = len(self.branches)
        self.first = int(np.datetime64(f"{year:04d}-01-01", "D").astype(np.int64))
        self.last = int(np.datetime64(f"{year:04d}-12-31", "D").astype(np.int64))
        self.first_month = (year - 1970) * 12
        self._acts = frames["activities"]
        self.kind_code = {k: i for i, k in enumerate(self._acts["kind"].array.categories)}
        self._members = frames["members"]
        self._obs = frames["observations"]
        self._cache = {}

    def _once(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def per_branch(self, b, weights=None):
        return np.bincount(b, weights=weights, minlength=self.n).astype(float)

    # --- activities --------------------------------------------------------------------------

    @property
    def acts(self):
        """The period's activities. datetime64 compares with NaT as false, so no day numbers are
        needed to find them; a period holding every activity keeps the columns as views."""
        def compute():
            a = self._acts
            columns = {c: a[c].to_numpy() for c in ("b", "date", "online", "attendance_rows", "attendees",
                                                     "expected", "hours", "amount", "cases", "escalated",
                                                     "lecturer")}
            columns["kind"] = a["kind"].array.codes
            date = columns["date"]
            inside = (date >= np.datetime64(self.first, "D")) & (date <= np.datetime64(self.last, "D"))
            return Rows(columns, None if inside.all() else np.flatnonzero(inside))
        return self._once("acts", compute)

    def by_kind(self):
        """The period's row numbers grouped by kind once (a stable sort keeps file order inside a
        kind), so A(k) is a slice instead of a mask over every activity."""
        def compute():
            acts = self.acts
            order = np.argsort(acts["kind"], kind="stable")
            ends = np.cumsum(np.bincount(acts["kind"], minlength=len(self.kind_code)))
            return acts.positions(order), np.concatenate([[0], ends])
        return self._once("by_kind", compute)

    def kind_rows(self, kinds):
        rows, bounds = self.by_kind()
        return [rows[bounds[c]:bounds[c + 1]] for c in (self.kind_code[k] for k in kinds if k in self.kind_code)]

    def of_kinds(self, *kinds):
        parts = self.kind_rows(kinds)
        index = np.sort(np.concatenate(parts)) if len(parts) > 1 else (parts[0] if parts else np.arange(0))
        return Rows(self.acts.columns, index)  # sorted back: sums run in file order

    def count(self, *kinds):
        """|A(k1)| + |A(k2)| + … per branch, from each kind's rows only."""
        b = self.acts.columns["b"]
        return sum((self.per_branch(b[rows]) for rows in self.kind_rows(kinds)), np.zeros(self.n))

    def sum_over(self, acts, values):
        """Per-branch Σ values over `acts`, an absent cell counting 0; np.bincount adds in row
        order, which is file order, as docs/reference/metrics.md §1.3 asks of every sum."""
        return self.per_branch(acts["b"], np.nan_to_num(values))

    def covered(self, kind, months_per_slot):
        """Distinct (year, month) or (year, quarter) slots of A(kind) per branch."""
        acts = self.of_kinds(kind)
        months = acts["day"].astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
        # The period starts on 1 January, so slots counted from its month align with quarters.
        slot = (months - self.first_month) // months_per_slot
        width = int(slot.max()) + 1 if len(slot) else 1
        seen = np.zeros(self.n * width, dtype=bool)
        seen[acts["b"] * width + slot] = True
        return seen.reshape(self.n, width).sum(axis=1).astype(float)

    def per_member(self, total):
        """total / N̄, NaN for a branch without members on either day."""
        nbar = (self.members_on(self.first) + self.members_on(self.last)) / 2
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(nbar == 0, np.nan, total / nbar)

    # --- members -----------------------------------------------------------------------------

    @property
    def member_days(self):
        def compute():
            m = self._members
            admission = day_numbers(m["admission"], NO_DAY)
            # An absent joined_branch defaults to the admission
            # (docs/reference/data-format.md §5.1), already required.
            return {"b": m["b"].to_numpy(), "admission": admission,
                    "joined": day_numbers(m["joined"], START_OF_TIME),
                    "left": day_numbers(m["left"], NO_DAY),
                    "conversion": day_numbers(m["conversion"], NO_DAY),
                    "birth": day_numbers(m["birth"], NO_DAY), "edu": m["edu"].to_numpy(),
                    "role": m["role"].array}
        return self._once("member_days", compute)

    def is_member(self, day, rows=slice(None)):
        m = self.member_days
        return ((m["admission"][rows] <= day) & (m["joined"][rows] <= day)
                & (day < m["left"][rows]))

    def on(self, day):
        """Mask of the members who are party members of their branch on `day` (docs/reference/data-format.md §5.2)."""
        return self._once(("on", day), lambda: self.is_member(day))

    def members_on(self, day):
        """N(day) per branch."""
        return self._once(("N", day), lambda: self.per_branch(self.member_days["b"][self.on(day)]))

    def role_count(self, on, *roles):
        m = self.member_days
        return self.per_branch(m["b"][on & m["role"].isin(roles)])

    # --- observations ------------------------------------------------------------------------

    def observations(self, indicator):
        """The observations used for `indicator`: those dated in the period, or for a branch with
        none of those its undated ones (docs/reference/metrics.md)."""
        o = self._obs[self._obs["indicator"] == indicator]
        days = day_numbers(o["date"], NO_DAY)
        dated = (days >= self.first) & (days <= self.last)
        undated = o["date"].isna().to_numpy()
        has_dated = np.bincount(o["b"].to_numpy()[dated], minlength=self.n) > 0
        return o[dated | (undated & ~has_dated[o["b"].to_numpy()])]

    def obs_sum(self, indicator):
        o = self.observations(indicator)
        return self.per_branch(o["b"].to_numpy(), o["value"].to_numpy())

    def obs_last(self, indicator):
        # Latest date, the later row on a tie: a stable sort by date, keep each branch's last.
        o = self.observations(indicator).sort_values("date", kind="stable")
        last = o.drop_duplicates("b", keep="last")
        out = np.full(self.n, np.nan)
        out[last["b"].to_numpy()] = last["value"].to_numpy()
        return out


def ratio_or_nan(num, den):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den == 0, np.nan, num / den)


def training(p):
    acts = p.of_kinds("training", "legal_education", "lecture_hall")
    return p.per_member(p.sum_over(acts, acts["count"]))


def online_share(p):
    acts = p.of_kinds("theme_day", "legal_education")
    return ratio_or_nan(p.sum_over(acts, acts["online"].astype(float)), p.count("theme_day", "legal_education"))


def escalation_rate(p):
    acts = p.of_kinds("dispute_mediation")
    return ratio_or_nan(p.sum_over(acts, acts["escalated"]), p.sum_over(acts, acts["cases"]))


def participation_rate(p):
    acts = p.of_kinds("branch_congress", "group_meeting", "party_lecture", "theme_day", "org_life_meeting")
    acts = acts.where((acts["expected"] > 0) & ~np.isnan(acts["count"]))
    rate = ratio_or_nan(p.sum_over(acts, acts["count"]), p.sum_over(acts, acts["expected"]))
    return np.where(p.per_branch(acts["b"]) == 0, np.nan, rate)


def group_coverage(p):
    units = p.branches["internal_units"].fillna(0).to_numpy()
    covered = p.branches["units_covered"].fillna(0).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(units == 0, 1.0, covered / units)


def pioneer_posts(p):
    posts = p.branches["pioneer_posts"].fillna(0).to_numpy()
    return ratio_or_nan(10.0 * posts, p.members_on(p.last))


def volunteer_hours(p):
    acts = p.of_kinds("volunteer_service")
    return p.per_member(p.sum_over(acts, acts["hours"] * acts["count"]))


def secretary_lectures(p):
    acts = p.of_kinds("party_lecture")
    acts = acts.where(acts["lecturer"] >= 0)
    who = acts["lecturer"]
    m = p.member_days
    by_secretary = ((m["b"][who] == acts["b"]) & (m["role"][who] == "secretary")
                    & p.is_member(acts["day"], who))
    return p.per_branch(acts["b"][by_secretary])


def committee_complete(p):
    m = p.member_days
    on = p.on(p.last)
    formal = p.per_branch(m["b"][on & (m["conversion"] <= p.last)])
    committee = p.role_count(on, "secretary", "deputy_secretary", "committee_member")
    ok = ((p.role_count(on, "secretary") == 1) & (p.role_count(on, "deputy_secretary") <= 1)
          & ((formal < 7) | ((committee >= 3) & (committee <= 7))))
    return ok.astype(float)


def term_current(p):
    b = p.branches
    elected = day_numbers(b["last_election"], NO_DAY)
    term = np.where(b["org_type"].isin(["village", "community"]), 5, 3)
    current = (elected <= p.last) & (p.last < add_years(np.where(elected == NO_DAY, 0, elected), term))
    return current.astype(float)


def on_time_conversion(p, grace_days=30):
    m = p.member_days
    converted = (m["conversion"] >= p.first) & (m["conversion"] <= p.last)
    limit = add_years(m["admission"][converted], 1) + grace_days
    on_time = m["conversion"][converted] <= limit
    b = m["b"][converted]
    return ratio_or_nan(p.per_branch(b[on_time]), p.per_branch(b))


def structure_improvements(p):
    """一降一增一升, the means compared exactly as integer sums cross-multiplied by counts."""
    m = p.member_days
    sides = []
    for day in (p.first, p.last):
        on = p.on(day)
        b = m["b"][on]
        edu = m["edu"][on]
        known = ~np.isnan(edu)
        sides.append({"n": np.bincount(b, minlength=p.n),
                      "age": np.bincount(b, weights=day - m["birth"][on], minlength=p.n).astype(np.int64),
                      "edu_n": np.bincount(b[known], minlength=p.n),
                      "edu": np.bincount(b[known], weights=edu[known], minlength=p.n).astype(np.int64)})
    f, t = sides
    younger = (f["n"] > 0) & (t["n"] > 0) & (t["age"] * f["n"] < f["age"] * t["n"])
    grew = t["n"] > f["n"]
    educated = (f["edu_n"] > 0) & (t["edu_n"] > 0) & (t["edu"] * f["edu_n"] > f["edu"] * t["edu_n"])
    return younger.astype(float) + grew + educated


def months(kind):
    return lambda p: p.covered(kind, 1)


def quarters(kind):
    return lambda p: p.covered(kind, 3)


def count(*kinds):
    return lambda p: p.count(*kinds)


METRICS = {
    "rule_of_law.legal_education": count("legal_education"),
    "rule_of_law.lecture_hall": count("lecture_hall"),
    "rule_of_law.training_per_member": training,
    "rule_of_law.integrity_meetings": count("integrity_meeting"),
    "rule_of_law.warning_education": count("warning_education", "warning_film"),
    "rule_of_law.role_model_study": count("role_model_study"),
    "rule_of_law.online_share": online_share,
    "rule_of_law.disclosure_quarters": quarters("disclosure"),
    "rule_of_law.serious_violations": lambda p: p.obs_sum("serious_violations"),
    "cohesion.home_visits": count("home_visit"),
    "cohesion.escalation_rate": escalation_rate,
    "cohesion.pairing_months": months("pairing_activity"),
    "cohesion.publicity_talks": count("publicity_talk"),
    "cohesion.aid_per_member": lambda p: p.per_member(p.sum_over(p.acts, p.acts["amount"])),
    "cohesion.participation_rate": participation_rate,
    "civility.group_coverage": group_coverage,
    "civility.service_station": lambda p: p.branches["stations"].to_numpy(float),
    "civility.brands": lambda p: p.branches["brands"].fillna(0).to_numpy(),
    "civility.pioneer_posts_per_10": pioneer_posts,
    "civility.volunteer_hours_per_member": volunteer_hours,
    "civility.facilities": lambda p: p.branches["facilities"].to_numpy(float),
    "development.identity_activities": count("identity_display"),
    "development.outreach_services": count("legal_consultation", "community_outreach"),
    "development.education_base_visits": count("education_base_visit"),
    "development.veteran_visits": count("veteran_visit"),
    "development.competitions": count("competition"),
    "development.online_filing_rate": lambda p: p.obs_last("online_filing_rate"),
    "development.business_performance": lambda p: p.obs_last("business_performance"),
    "fortress.committee_meeting_months": months("committee_meeting"),
    "fortress.congress_quarters": quarters("branch_congress"),
    "fortress.group_meeting_months": months("group_meeting"),
    "fortress.lecture_quarters": quarters("party_lecture"),
    "fortress.theme_day_months": months("theme_day"),
    "fortress.org_life_and_review": lambda p: ((p.count("org_life_meeting") >= 1)
                                               & (p.count("democratic_review") >= 1)).astype(float),
    "fortress.secretary_lectures": secretary_lectures,
    "fortress.committee_complete": committee_complete,
    "fortress.term_current": term_current,
    "fortress.on_time_conversion_rate": on_time_conversion,
    "fortress.structure_improvements": structure_improvements,
}

OBS_AGGREGATES = {"sum": Period.obs_sum, "last": Period.obs_last}


def metric(p, metric_id, params):
    if metric_id.startswith("obs."):
        return OBS_AGGREGATES[params.get("agg", "last")](p, metric_id[4:])
    if params:
        raise ValueError(f"{metric_id}: parameters {params} are not part of the default rubric")
    return METRICS[metric_id](p)


# ------------------------------------------------------------------------------------------------
# Score stage: points, standards, total, rating, vetoes (docs/reference/rubrics.md).
# ------------------------------------------------------------------------------------------------

def linear_cap(rule, P, v, peers):
    return rule["per_unit"] * v


def target(rule, P, v, peers):
    return P - rule["deduct_per_unit"] * np.maximum(0.0, rule["target"] - v)


def ratio(rule, P, v, peers):
    return P * v / rule["target"]


def bands(rule, P, v, peers):
    points = np.zeros(len(v))
    matched = np.zeros(len(v), dtype=bool)
    for band in rule["bands"]:  # the first band containing v wins
        lo = -np.inf if band.get("min") is None else band["min"]
        hi = np.inf if band.get("max") is None else band["max"]
        hit = ~matched & (v >= lo) & (v < hi)
        points[hit] = band["points"]
        matched |= hit
    return points


def boolean(rule, P, v, peers):
    return np.where(v > 0, P, 0.0)


def deduction(rule, P, v, peers):
    return P - rule["per_unit"] * v


def rank(rule, P, v, peers):
    """Competition ranking (1, 2, 2, 4) inside the peer group; groupby rank skips NaN."""
    k = peers(v).rank(method="min", ascending=rule.get("order", "desc") == "asc").to_numpy()
    by_rank = np.append(np.asarray(rule["points_by_rank"], float), rule.get("otherwise") or 0.0)
    k = np.nan_to_num(k, nan=1).astype(np.int64)
    return by_rank[np.minimum(k, len(by_rank)) - 1]


def relative_to_best(rule, P, v, peers):
    v = np.maximum(v, 0.0)  # NaN stays NaN, so it stays out of the peer statistics
    with np.errstate(divide="ignore", invalid="ignore"):
        if rule.get("order", "desc") == "asc":
            low = peers(v).transform("min").to_numpy()
            return np.where(v <= low, P, P * low / v)
        best = peers(v).transform("max").to_numpy()
        return np.where(best == 0, 0.0, P * v / best)


def minmax(rule, P, v, peers):
    low = peers(v).transform("min").to_numpy()
    high = peers(v).transform("max").to_numpy()
    spread = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        x = P * (high - v) / spread if rule.get("order", "desc") == "asc" else P * (v - low) / spread
    return np.where(spread == 0, P, x)


RULES = {f.__name__: f for f in (linear_cap, target, ratio, bands, boolean, deduction, rank,
                                 relative_to_best, minmax)}


def peer_groups(branches, group_by):
    """A function grouping a per-branch array by the peer group (all empty values form one)."""
    keys = np.zeros(len(branches), dtype=np.int64) if group_by is None else \
        pd.factorize(branches[group_by].fillna(""))[0]
    return lambda v: pd.Series(v).groupby(keys)


def indicator_points(p, ind, policy, bonus):
    """(points, excluded) of one indicator for every branch."""
    P = float(ind["points"])
    v = metric(p, ind["metric"], ind.get("params") or {})
    rule = ind["rule"]
    earned = np.clip(RULES[rule["type"]](rule, P, v, peer_groups(p.branches, ind.get("group_by"))), 0.0, P)
    policy = "zero" if bonus else (ind.get("missing") or policy or "zero")
    missing = np.isnan(v)
    earned = np.where(missing, P if policy == "full" else 0.0, earned)
    return earned, missing & (policy == "exclude")


def standard_score(p, standard, policy):
    earned = np.zeros(p.n)
    included = np.zeros(p.n)
    excluded_any = np.zeros(p.n, dtype=bool)
    possible = 0.0
    for ind in standard["indicators"]:
        points, excluded = indicator_points(p, ind, policy, bonus=False)
        earned = earned + np.where(excluded, 0.0, points)
        included = included + np.where(excluded, 0.0, float(ind["points"]))
        excluded_any |= excluded
        possible += float(ind["points"])
    with np.errstate(divide="ignore", invalid="ignore"):
        rescaled = np.where(included == 0, 0.0, earned * possible / included)
    return np.where(excluded_any, rescaled, earned)


OPS = {">": np.greater, ">=": np.greater_equal, "<": np.less, "<=": np.less_equal,
       "==": np.equal, "!=": np.not_equal}


def rating_index(ratings, total):
    index = np.full(len(total), len(ratings) - 1)
    for i in reversed(range(len(ratings))):  # the first matching entry wins
        low = ratings[i]["min"]
        index = np.where(True if low is None else total >= low - 1e-9, i, index)
    return index


def score(frames, rubric=None, year=None):
    """The summary of docs/reference/results.md §2 as a DataFrame, one row per branch in branches.csv order."""
    rubric = rubric or json.loads(DEFAULT_RUBRIC.read_text(encoding="utf-8"))
    p = Period(frames, default_year(frames) if year is None else year)
    policy = rubric.get("missing", "zero")
    summary = pd.DataFrame({"branch_id": p.branches["branch_id"].to_numpy(),
                            "name": p.branches["name"].to_numpy()})
    total = np.zeros(p.n)
    for standard in rubric["standards"]:
        summary[standard["id"]] = standard_score(p, standard, policy)
        total = total + summary[standard["id"]].to_numpy()
    bonus = np.zeros(p.n)
    for ind in rubric.get("bonuses", []):
        points, _ = indicator_points(p, ind, policy, bonus=True)
        total, bonus = total + points, bonus + points
    rating_labels = [r["label"] for r in rubric["ratings"]]
    worst = rating_index(rubric["ratings"], total)
    fired = pd.Series([""] * p.n)
    for veto in rubric.get("vetoes", []):
        v = metric(p, veto["metric"], veto.get("params") or {})
        hit = ~np.isnan(v) & OPS[veto["op"]](v, float(veto["value"]))  # NaN never fires
        worst = np.where(hit, np.maximum(worst, rating_labels.index(veto["rating"])), worst)
        fired = fired.where(~hit, np.where(fired == "", veto["metric"], fired + ";" + veto["metric"]))
    summary.insert(2, "total", total)
    summary.insert(3, "rating", np.asarray(rating_labels, dtype=object)[worst])
    summary["bonus"] = bonus
    summary["vetoes"] = fired.to_numpy()
    return summary


# ------------------------------------------------------------------------------------------------
# Comparison with the library's summary (used by the test and the benchmark).
# ------------------------------------------------------------------------------------------------

def summary_differences(ours, theirs, tol=1e-9, limit=10):
    """Where two summaries differ: numbers beyond tol, any text (rating, vetoes, ids, names)."""
    theirs = theirs.reset_index() if "branch_id" not in theirs.columns else theirs
    problems = []
    if list(ours.columns) != list(theirs.columns) or len(ours) != len(theirs):
        return [f"shape: {list(ours.columns)} x {len(ours)} vs {list(theirs.columns)} x {len(theirs)}"]
    for col in ours.columns:
        a = ours[col].to_numpy()
        b = theirs[col].to_numpy()
        if pd.api.types.is_numeric_dtype(ours[col]):
            b = b.astype(float)
            bad = ~((np.abs(a - b) <= tol) | (np.isnan(a) & np.isnan(b)))
        else:
            bad = pd.Series(a).fillna("").astype(str).to_numpy() != pd.Series(b).fillna("").astype(str).to_numpy()
        for i in np.flatnonzero(bad)[:limit]:
            problems.append(f"{ours['branch_id'].iloc[i]}: {col}: pandas {a[i]!r} vs libbranch {b[i]!r}")
    return problems


def read_summary_csv(path):
    """A summary CSV of `branchscore score --format csv` (or --out of this script)."""
    return pd.read_csv(path, dtype={"branch_id": str, "name": str, "rating": str, "vetoes": str},
                       keep_default_na=False, na_values={"vetoes": []})


# ------------------------------------------------------------------------------------------------
# Command line
# ------------------------------------------------------------------------------------------------

def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", help="dataset directory (CSV)")
    ap.add_argument("--frames", help="score frames pickled by --save-frames (score stage only)")
    ap.add_argument("--save-frames", help="pickle the loaded frames here (after timing)")
    ap.add_argument("--year", type=int, help="calendar year (default: the latest with activities)")
    ap.add_argument("--out", help="write the summary CSV here (after timing)")
    args = ap.parse_args(argv)
    if (args.data is None) == (args.frames is None):
        ap.error("give DATA or --frames")
    if args.frames:
        with open(args.frames, "rb") as fh:
            frames = pickle.load(fh)
        load_s = float("nan")
    else:
        start = time.perf_counter()
        frames = load(args.data)
        load_s = time.perf_counter() - start
    start = time.perf_counter()
    summary = score(frames, year=args.year)
    score_s = time.perf_counter() - start
    print(f"mode={'frames' if args.frames else 'csv'} branches={len(summary)} load={load_s:.3f} "
          f"score={score_s:.3f} peak_rss_mib={peak_rss_mib():.1f}", flush=True)
    if args.save_frames:
        with open(args.save_frames, "wb") as fh:
            pickle.dump(frames, fh, protocol=pickle.HIGHEST_PROTOCOL)
    if args.out:
        summary.to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
