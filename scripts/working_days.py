#!/usr/bin/env python3
"""England and Wales working days for the hand-worked fixtures in this directory.

Independent of the crate: the bank holidays are typed in from the table of
`/work/shared/spec/domain.md` ("England and Wales bank holidays"), one-offs included.
Counting follows the contract (`timeline-format.md`): N working days *from* a day start
the day after it (day 1 is the first working day after the basis day).

Run it to see the self-checks pass and the figures the fixtures use:

    python3 scripts/working_days.py
"""
import datetime as dt

HOLIDAYS = {
    2016: "01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27",
    2017: "01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26",
    2018: "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26",
    2019: "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
}
BANK = {
    dt.date(y, int(md[:2]), int(md[3:]))
    for y, days in HOLIDAYS.items()
    for md in days.split()
}


def d(s):
    return dt.date.fromisoformat(s)


def is_working(day):
    if not (2016 <= day.year <= 2026):
        raise ValueError(f"{day}: outside the table (2016-2026)")
    return day.weekday() < 5 and day not in BANK


def add_working_days(start, n):
    """The n-th working day after `start` (start itself not counted)."""
    day, count = start, 0
    while count < n:
        day += dt.timedelta(days=1)
        if is_working(day):
            count += 1
    return day


def working_days_between(a, b):
    """Working days after a, up to and including b."""
    count, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        if is_working(day):
            count += 1
    return count


def working_days_inclusive(a, b):
    return working_days_between(a, b) + (1 if is_working(a) else 0)


def add_months(day, months):
    """Calendar months later, clamped to the month's last day (chrono's checked_add_months)."""
    y, m = divmod(day.month - 1 + months, 12)
    y += day.year
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(day.day, last))


def self_checks():
    # The table: 8 holidays a year, 10 in 2022 (Jubilee, State Funeral), 9 in 2023 (Coronation).
    for y in HOLIDAYS:
        n = sum(1 for b in BANK if b.year == y)
        assert n == {2022: 10, 2023: 9}.get(y, 8), (y, n)
    # domain.md's worked figures.
    assert add_working_days(d("2020-03-27"), 70) == d("2020-07-09")
    assert add_working_days(d("2020-05-15"), 70) == d("2020-08-24")
    # One-offs are not working days.
    for s in ["2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08"]:
        assert not is_working(d(s)), s
    assert is_working(d("2020-05-04")) and is_working(d("2022-05-30"))
    # Inclusive fieldwork counts: Leicestershire 3-7 February 2020 is 5 working days.
    assert working_days_inclusive(d("2020-02-03"), d("2020-02-07")) == 5
    # Months: 16 October 2020 + 18 months = 16 April 2022; clamping.
    assert add_months(d("2020-10-16"), 18) == d("2022-04-16")
    assert add_months(d("2024-08-31"), 6) == d("2025-02-28")
    assert add_months(d("2023-12-31"), 6) == d("2024-06-30")


FIGURES = [
    # (label, basis, working days)
    ("Bury 2016 WSoA: 70 WD from publication 31 Jul 2017", "2017-07-31", 70),
    ("Oxfordshire 2016 WSoA: 70 WD from publication 4 Dec 2017", "2017-12-04", 70),
    ("Wirral 2016 WSoA: 70 WD from publication 9 Dec 2021", "2021-12-09", 70),
    ("Nottinghamshire 2016 no WSoA (no deadline)", None, None),
    ("Nottinghamshire PAP: 35 WD from 16 May 2023", "2023-05-16", 35),
    ("Nottinghamshire PAP publication: 70 WD from 16 May 2023", "2023-05-16", 70),
    ("Oxfordshire PAP: 35 WD from 15 Sep 2023", "2023-09-15", 35),
    ("Oxfordshire PAP publication: 70 WD from 15 Sep 2023", "2023-09-15", 70),
    ("Bury PAP: 35 WD from 7 May 2024", "2024-05-07", 35),
    ("Bury PAP publication: 70 WD from 7 May 2024", "2024-05-07", 70),
    ("Wirral PAP: 35 WD from 16 Apr 2025", "2025-04-16", 35),
    ("Wirral PAP publication: 70 WD from 16 Apr 2025", "2025-04-16", 70),
    ("Trafford strategic plan (35 WD option) from 22 Dec 2023", "2023-12-22", 35),
    ("Cornwall strategic plan (35 WD option) from 5 May 2023", "2023-05-05", 35),
    ("Cornwall 2026 strategic plan (35 WD option) from 27 May 2026", "2026-05-27", 35),
]

COUNTS = [
    # (label, from (not counted), to (counted))
    ("Oxfordshire draft PAP: 15 Sep 2023 -> 24 Oct 2023", "2023-09-15", "2023-10-24"),
    ("Trafford: 22 Dec 2023 -> 14 Feb 2024", "2023-12-22", "2024-02-14"),
    ("Wirral PAP due: 16 Apr 2025 -> 4 Jun 2025", "2025-04-16", "2025-06-04"),
]

INCLUSIVE = [
    ("Bury 2016 inspection 12-16 Jun 2017", "2017-06-12", "2017-06-16"),
    ("Oxfordshire 2016 inspection 25-27 Sep 2017", "2017-09-25", "2017-09-27"),
    ("Oxfordshire 2023 on site 13-21 Jul 2023 (report header)", "2023-07-13", "2023-07-21"),
    ("Oxfordshire 2023 on site 17-21 Jul 2023 (MI 2023, report footer)", "2023-07-17", "2023-07-21"),
    ("Bury 2023 on site 12-16 Feb 2024", "2024-02-12", "2024-02-16"),
    ("Nottinghamshire 2023 on site 30 Jan - 3 Feb 2023", "2023-01-30", "2023-02-03"),
    ("Cornwall 2023 on site 6-10 Feb 2023", "2023-02-06", "2023-02-10"),
    ("Cornwall 2026 on site 23-27 Mar 2026", "2026-03-23", "2026-03-27"),
    ("Trafford 2023 on site 16-20 Oct 2023", "2023-10-16", "2023-10-20"),
    ("Wirral 2023 on site 27-31 Jan 2025", "2025-01-27", "2025-01-31"),
]

if __name__ == "__main__":
    self_checks()
    print("self-checks pass")
    for label, basis, n in FIGURES:
        if basis is None:
            continue
        b = d(basis)
        r = add_working_days(b, n)
        print(f"{label}: {r} ({r.strftime('%A')})")
    for label, a, b in COUNTS:
        print(f"{label}: {working_days_between(d(a), d(b))} working days")
    for label, a, b in INCLUSIVE:
        print(f"{label}: {working_days_inclusive(d(a), d(b))} working days inclusive")
