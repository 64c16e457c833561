"""Trends over the tables: counts per month, claims side by side, factions rolled up.

Every function takes polars DataFrames with the columns of the project's SCHEMA.md
(``events`` above all, though ``incidents`` has the same date, place and casualty
columns) and returns a polars DataFrame with a fixed schema, zero rows included.
Nothing here draws: plotting is the caller's (``notebooks/kp_balochistan_trends.ipynb``
shows one way), so the package needs nothing but polars.

>>> import incidents
>>> from incidents import trends
>>> t = incidents.extract_dir("examples/articles")  # doctest: +SKIP
>>> events = t.events.with_columns(trends.region())  # doctest: +SKIP
>>> trends.monthly(events, by="region")  # doctest: +SKIP

Two rules run through the module, because both are easy to get wrong by hand:

- an event dated only to a year (or not at all) carries the first day of that
  year in ``date``; counted by month it would swell every January. The monthly
  and period functions therefore keep only the rows whose ``date_precision`` is
  fine enough (:data:`MONTHLY_PRECISIONS`) and say so in their docstrings;
- ``killed`` is the most conservative account and ``killed_max`` the largest.
  They are summed separately, never averaged, so a plot can show the band
  between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

__all__ = [
    "ATTACK_TYPES",
    "BALOCHISTAN",
    "COUNTED_MEASURES",
    "KHYBER_PAKHTUNKHWA",
    "MONTHLY_PRECISIONS",
    "OUTSIDE",
    "REST",
    "SIDES",
    "UNKNOWN",
    "by_district",
    "claim_spread",
    "claimant_sides",
    "claims_by_side",
    "monthly",
    "region",
    "roll_up",
    "stated_vs_counted",
]

KHYBER_PAKHTUNKHWA = "Khyber Pakhtunkhwa"
BALOCHISTAN = "Balochistan"
REST = "rest of Pakistan"
"""The region of an event in Pakistan outside the provinces kept apart."""
OUTSIDE = "outside Pakistan"
"""The region of an event in another country (airstrikes in Paktika, say)."""
UNKNOWN = "place unknown"
"""The region of an event whose country is not known."""

MONTHLY_PRECISIONS: tuple[str, ...] = ("day", "week", "month")
"""Date precisions fine enough to place an event in one month."""

ATTACK_TYPES: tuple[str, ...] = (
    "attack",
    "suicide_bombing",
    "bombing",
    "targeted_killing",
    "abduction",
)
"""Event types that non-state actors carry out: what tallies of "attacks" count."""

SIDES: tuple[str, ...] = (
    "Pakistani state",
    "Afghan Taliban",
    "militant groups",
    "others",
    "unattributed",
)
"""Who makes a casualty claim, as :func:`claimant_sides` sorts claimants."""
_SIDE = pl.Enum(list(SIDES))

# Actor kinds of the registry, by the side a claimant of that kind speaks for.
# Foreign states have kinds of their own (foreign_government, foreign_military),
# so these three are Pakistan's.
_STATE_KINDS = ("state_force", "police", "government")
_MILITANT_KINDS = ("militant_group", "faction", "generic")
_AFGHAN_TALIBAN = "AFGHAN_TALIBAN"

# What each count measure of `statistics` adds up over events: a column of the
# events frame (built in `_event_measures`) for the conservative and the largest total.
COUNTED_MEASURES: dict[str, tuple[str, str]] = {
    "deaths": ("killed", "killed_max"),
    "wounded": ("wounded", "wounded"),
    "casualties": ("casualties", "casualties_max"),
    "attacks": ("is_attack", "is_attack"),
    "incidents": ("is_event", "is_event"),
    "militants_killed": ("militants_killed", "militants_killed_max"),
    "security_forces_killed": ("security_forces_killed", "security_forces_killed_max"),
    "police_killed": ("police_killed", "police_killed_max"),
    "civilians_killed": ("civilians_killed", "civilians_killed_max"),
    "security_forces_wounded": ("security_forces_wounded", "security_forces_wounded_max"),
}
"""The ``statistics.measure`` values :func:`stated_vs_counted` can recount, with the
per-event columns it sums for the conservative and the largest total. ``attacks``
counts events of :data:`ATTACK_TYPES`; ``incidents`` counts every event."""

# The victim measures, read from `casualties`: (victim, outcome) of each.
_VICTIM_MEASURES: dict[str, tuple[str, str]] = {
    "militants_killed": ("militants", "killed"),
    "security_forces_killed": ("security_forces", "killed"),
    "police_killed": ("police", "killed"),
    "civilians_killed": ("civilians", "killed"),
    "security_forces_wounded": ("security_forces", "wounded"),
}


def _registry(actors: pl.DataFrame | None) -> pl.DataFrame:
    """The actor registry given, or the one of the extractor in use."""
    if actors is not None:
        return actors
    # Imported here: the package imports this module while it is being set up.
    from . import actors as registry

    return registry()


def _keys(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _unit_id(frame: pl.DataFrame) -> str:
    """The id column of an events or an incidents frame."""
    for column in ("event_id", "incident_id"):
        if column in frame.columns:
            return column
    raise ValueError(f"the frame has neither event_id nor incident_id: {frame.columns}")


def _dated(frame: pl.DataFrame, precisions: Sequence[str] | None) -> pl.DataFrame:
    """Rows with a date, and with a fine enough ``date_precision`` when the frame has one."""
    rows = frame.filter(pl.col("date").is_not_null())
    if precisions is not None and "date_precision" in frame.columns:
        rows = rows.filter(pl.col("date_precision").cast(pl.String).is_in(list(precisions)))
    return rows


# ---------------------------------------------------------------------------
# Who: factions rolled up, claimants by side


def roll_up(
    frame: pl.DataFrame,
    column: str = "perpetrator",
    *,
    actors: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """``frame`` with the actor ids in ``column`` replaced by their top-level group.

    A faction counts with the group it belongs to, through every level of
    parents: ``BLA`` and ``BLF`` become ``BALOCH_INSURGENTS``, ``JAMAAT_UL_AHRAR``
    becomes ``TTP``. Ids without a parent, ids the registry does not know and
    nulls stay as they are. ``actors`` is a frame with the ``id`` and ``root``
    columns of :func:`incidents.actors` (the default).

    >>> roll_up(pl.DataFrame({"perpetrator": ["BLA", "TTP", None]}))  # doctest: +SKIP
    """
    registry = _registry(actors)
    mapping = dict(
        zip(registry.get_column("id").to_list(), registry.get_column("root").to_list(), strict=True)
    )
    return frame.with_columns(pl.col(column).replace(mapping))


def claimant_sides(actors: pl.DataFrame | None = None) -> pl.DataFrame:
    """Each actor id with the side it speaks for when it claims a figure.

    Columns: ``id`` (String), ``side`` (Enum of :data:`SIDES`). Pakistan's
    military, police and government (and anything filed under them) are the
    ``Pakistani state``; the Afghan Taliban and what rolls up to them (the
    Haqqani network) are ``Afghan Taliban``; groups, factions and unnamed
    militants are ``militant groups``; research bodies, foreign governments, the
    UN and the like are ``others``. ``actors`` is a frame with the ``id``,
    ``kind`` and ``root`` columns of :func:`incidents.actors` (the default).
    """
    registry = _registry(actors)
    kind_of_root = registry.select(pl.col("id").alias("root"), pl.col("kind").alias("root_kind"))
    return (
        registry.select("id", "kind", "root")
        .join(kind_of_root, on="root", how="left")
        .select(
            "id",
            pl.when(pl.col("root") == _AFGHAN_TALIBAN)
            .then(pl.lit("Afghan Taliban"))
            .when(pl.col("root_kind").is_in(_STATE_KINDS))
            .then(pl.lit("Pakistani state"))
            .when(pl.col("root_kind").is_in(_MILITANT_KINDS))
            .then(pl.lit("militant groups"))
            .otherwise(pl.lit("others"))
            .cast(_SIDE)
            .alias("side"),
        )
        .sort("id")
    )


# ---------------------------------------------------------------------------
# Where


def region(
    keep: Sequence[str] = (KHYBER_PAKHTUNKHWA, BALOCHISTAN),
    *,
    name: str = "region",
) -> pl.Expr:
    """An expression sorting rows into the provinces of ``keep`` and the rest.

    A row whose ``admin1`` is one of ``keep`` gets that name; any other row in
    Pakistan gets :data:`REST` (a Pakistani row with no province known included:
    the press names the country for events it cannot place); a row in another
    country :data:`OUTSIDE`; a row with no country :data:`UNKNOWN`. The result
    is a ``pl.Enum`` in that order, so that sorting and plotting keep it.

    >>> events.with_columns(region())  # doctest: +SKIP
    """
    keep = list(keep)
    return (
        pl.when(pl.col("admin1").is_in(keep))
        .then(pl.col("admin1"))
        .when(pl.col("country") == "Pakistan")
        .then(pl.lit(REST))
        .when(pl.col("country").is_not_null())
        .then(pl.lit(OUTSIDE))
        .otherwise(pl.lit(UNKNOWN))
        .cast(pl.Enum([*keep, REST, OUTSIDE, UNKNOWN]))
        .alias(name)
    )


def by_district(
    frame: pl.DataFrame,
    *,
    gazetteer: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Events and killed per district, with a point to draw each district at.

    One row per (``country``, ``admin1``, ``admin2``) with a district known:
    ``events`` (rows), ``killed`` and ``killed_max`` (sums), ``lat`` and ``lon``
    (the district's point in the gazetteer, else the mean of its rows'
    coordinates, else null), sorted by ``killed_max``, then ``events``, then the
    names. Rows without a district cannot be drawn at one and are left out:
    count them with ``frame.filter(pl.col("admin2").is_null())``. ``gazetteer``
    is a frame with the columns of :func:`incidents.gazetteer` (the default).
    """
    if gazetteer is None:
        from . import gazetteer as places

        gazetteer = places()
    keys = ["country", "admin1", "admin2"]
    # A district split from an older one reports the older one's name as admin2;
    # the row named like admin2 is the district itself, the others are its parts.
    points = (
        gazetteer.filter((pl.col("kind") == "district") & (pl.col("name") == pl.col("admin2")))
        .select(*keys, pl.col("lat").alias("district_lat"), pl.col("lon").alias("district_lon"))
        .unique(subset=keys, keep="first", maintain_order=True)
    )
    counts = (
        frame.filter(pl.col("admin2").is_not_null())
        .group_by(keys)
        .agg(
            pl.len().cast(pl.UInt32).alias("events"),
            pl.col("killed").sum().cast(pl.UInt32),
            pl.col("killed_max").sum().cast(pl.UInt32),
            pl.col("lat").mean().alias("mean_lat"),
            pl.col("lon").mean().alias("mean_lon"),
        )
    )
    return (
        counts.join(points, on=keys, how="left")
        .select(
            *keys,
            "events",
            "killed",
            "killed_max",
            pl.coalesce("district_lat", "mean_lat").alias("lat"),
            pl.coalesce("district_lon", "mean_lon").alias("lon"),
        )
        .sort(
            ["killed_max", "events", *keys],
            descending=[True, True, False, False, False],
            nulls_last=True,
        )
    )


# ---------------------------------------------------------------------------
# When


def monthly(
    frame: pl.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    every: str = "1mo",
    start: date | None = None,
    end: date | None = None,
    precisions: Sequence[str] | None = MONTHLY_PRECISIONS,
    count: str = "events",
) -> pl.DataFrame:
    """Rows, killed and wounded per month (or per ``every``), per value of ``by``.

    Columns: the ``by`` columns, ``date`` (the first day of the period), then
    ``count`` (rows: events when ``frame`` is ``events``), ``killed`` (the sum
    of the conservative figures), ``killed_max`` (the sum of the largest
    figures), ``wounded``, and ``killed_unknown`` (rows with no killed figure,
    which the sums cannot include), all UInt32. Every period from the first to
    the last (or from ``start`` to ``end``) is there for every group that has a
    row at all, with zeros where nothing happened, so that a line plot does not
    draw across gaps. Sorted by the ``by`` columns (enums in their order), then
    ``date``.

    Rows whose ``date_precision`` is not one of ``precisions`` are left out (a
    year alone cannot be put in a month); pass None to keep every dated row.
    Rows without a date are always left out. ``every`` is a polars duration
    ("1mo", "1q", "1w"); the periods are those of ``DataFrame.group_by_dynamic``
    with windows starting on calendar boundaries.
    """
    keys = _keys(by)
    rows = _dated(frame, precisions)
    if start is not None:
        rows = rows.filter(pl.col("date") >= pl.lit(start).dt.truncate(every))
    if end is not None:
        rows = rows.filter(pl.col("date") <= end)
    key_schema = {k: frame.schema[k] for k in keys}
    counts = [count, "killed", "killed_max", "wounded", "killed_unknown"]
    schema = {**key_schema, "date": pl.Date(), **{c: pl.UInt32() for c in counts}}

    bounds = rows.select(pl.col("date").min().alias("first"), pl.col("date").max().alias("last"))
    first = start if start is not None else bounds.item(0, "first")
    last = end if end is not None else bounds.item(0, "last")
    if first is None or last is None or first > last:
        return pl.DataFrame(schema=schema)

    aggregated = (
        rows.sort([*keys, "date"])
        .group_by_dynamic(
            "date",
            every=every,
            group_by=keys or None,
            closed="left",
            label="left",
            start_by="window",
        )
        .agg(
            pl.len().cast(pl.UInt32).alias(count),
            pl.col("killed").sum().cast(pl.UInt32),
            pl.col("killed_max").sum().cast(pl.UInt32),
            pl.col("wounded").sum().cast(pl.UInt32),
            pl.col("killed").is_null().sum().cast(pl.UInt32).alias("killed_unknown"),
        )
        .select(*keys, "date", *counts)
    )

    periods = pl.date_range(
        pl.lit(first).dt.truncate(every), pl.lit(last).dt.truncate(every), every, eager=True
    ).alias("date")
    grid = pl.DataFrame(periods)
    if keys:
        grid = rows.select(keys).unique().join(grid, how="cross")
    zeros = grid.with_columns(pl.lit(0, dtype=pl.UInt32).alias(c) for c in counts)
    # Zeros and counts summed, rather than a join, so that a null group (no
    # perpetrator named) is a group like any other whatever the polars version.
    return (
        pl.concat([zeros.select(schema.keys()), aggregated], how="vertical")
        .group_by([*keys, "date"])
        .agg(pl.col(c).sum().cast(pl.UInt32) for c in counts)
        .sort([*keys, "date"], nulls_last=True)
        .cast(schema)
    )


# ---------------------------------------------------------------------------
# How many, and who says so


def claim_spread(frame: pl.DataFrame) -> pl.DataFrame:
    """Per event, the conservative and the largest killed figure and the gap between.

    One row per event (or incident) with a killed figure: its id, ``date``,
    ``admin1``, ``event_type``, ``perpetrator``, ``n_reports`` (documents; 1
    per incident when ``frame`` is ``incidents``), ``killed``, ``killed_max``,
    ``spread`` (``killed_max - killed``, UInt32) and ``ratio``
    (``killed_max / killed``, Float64; null when ``killed`` is 0). Sorted by
    ``spread``, largest first, then ``killed_max``, then the id.
    """
    unit = _unit_id(frame)
    reports = pl.col("n_reports") if "n_reports" in frame.columns else pl.lit(1, dtype=pl.UInt32)
    return (
        frame.filter(pl.col("killed_max").is_not_null())
        .select(
            unit,
            "date",
            "admin1",
            "event_type",
            "perpetrator",
            reports.cast(pl.UInt32).alias("n_reports"),
            "killed",
            "killed_max",
            (pl.col("killed_max") - pl.col("killed")).cast(pl.UInt32).alias("spread"),
            pl.when(pl.col("killed") > 0)
            .then(pl.col("killed_max").cast(pl.Float64) / pl.col("killed").cast(pl.Float64))
            .alias("ratio"),
        )
        .sort(["spread", "killed_max", unit], descending=[True, True, False])
    )


def _account_totals(casualties: pl.DataFrame, by: Sequence[str]) -> pl.DataFrame:
    """One row per incident, account and ``by`` value: the account's total.

    Summed as the extractor sums an account for ``incidents.killed``: each row's
    ``count``, or its lower bound when the amount is vague; an account with no
    figure at all has no total.
    """
    return (
        casualties.with_columns(pl.coalesce("count", "low").alias("figure"))
        .group_by(["incident_id", "account", *by])
        .agg(
            pl.col("figure").sum().cast(pl.UInt32).alias("total"),
            pl.col("figure").is_not_null().any().alias("any"),
        )
        .filter(pl.col("any"))
        .drop("any")
    )


def _to_events(frame: pl.DataFrame, events: pl.DataFrame | None) -> tuple[pl.DataFrame, str]:
    """``frame`` keyed by ``event_id`` through ``events.incident_ids``, or left by incident."""
    if events is None:
        return frame, "incident_id"
    members = events.select("event_id", pl.col("incident_ids").alias("incident_id")).explode(
        "incident_id"
    )
    return frame.join(members, on="incident_id", how="inner"), "event_id"


def claims_by_side(
    casualties: pl.DataFrame,
    events: pl.DataFrame | None = None,
    *,
    outcome: str = "killed",
    actors: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Who claims what: per event and claimant side, the smallest and largest account.

    An account is one statement's figures for one incident (``casualties.account``),
    its rows summed (a vague amount by its lower bound). Each account's claimant
    is sorted into a side of :data:`SIDES` by :func:`claimant_sides`; a claim
    nobody is named for is ``unattributed``, an id the registry does not know
    ``others``. With ``events``, the incidents are gathered into their events
    through ``events.incident_ids``, so that one outlet's "71 militants" and
    another's "46 civilians" about one airstrike meet in one event.

    Columns: ``event_id`` (``incident_id`` without ``events``), ``side`` (Enum),
    ``accounts`` (UInt32), ``min_claim`` and ``max_claim`` (UInt32: the smallest
    and largest account total of that side for ``outcome``), sorted by id and side.
    """
    sides = claimant_sides(actors).rename({"id": "claimant"})
    totals = _account_totals(casualties.filter(pl.col("outcome") == outcome), ["claimant"])
    totals, unit = _to_events(totals, events)
    return (
        totals.join(sides, on="claimant", how="left")
        .with_columns(
            pl.when(pl.col("claimant").is_null())
            .then(pl.lit("unattributed"))
            .otherwise(pl.col("side").cast(pl.String).fill_null("others"))
            .cast(_SIDE)
            .alias("side")
        )
        .group_by([unit, "side"])
        .agg(
            pl.len().cast(pl.UInt32).alias("accounts"),
            pl.col("total").min().cast(pl.UInt32).alias("min_claim"),
            pl.col("total").max().cast(pl.UInt32).alias("max_claim"),
        )
        .sort([unit, "side"])
    )


# ---------------------------------------------------------------------------
# What the articles say beside what the events add up to


def _victim_figures(casualties: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """Per event, the conservative and largest figure of each victim measure.

    For one victim group, only the accounts that mention it speak about it (a
    statement on soldiers says nothing about militants), so the conservative
    figure is the smallest of those accounts and the largest their largest.
    """
    columns = []
    for measure, (victim, outcome) in _VICTIM_MEASURES.items():
        mentioned = (pl.col("victim") == victim) & (pl.col("outcome") == outcome)
        columns.append(pl.col("total").filter(mentioned).min().alias(measure))
        columns.append(pl.col("total").filter(mentioned).max().alias(f"{measure}_max"))
    totals = _account_totals(
        casualties.with_columns(
            pl.col("victim").cast(pl.String), pl.col("outcome").cast(pl.String)
        ),
        ["victim", "outcome"],
    )
    totals, _ = _to_events(totals, events)
    # Each account's figure for the victim first, then the smallest and largest account.
    return totals.group_by("event_id").agg(columns)


def _event_measures(events: pl.DataFrame, casualties: pl.DataFrame | None) -> pl.DataFrame:
    """The events with one column per measure of :data:`COUNTED_MEASURES`."""
    frame = events.select(
        "event_id",
        "date",
        "date_precision",
        "country",
        "admin1",
        "killed",
        "killed_max",
        "wounded",
        (pl.col("killed").fill_null(0) + pl.col("wounded").fill_null(0)).alias("casualties"),
        (pl.col("killed_max").fill_null(0) + pl.col("wounded").fill_null(0)).alias(
            "casualties_max"
        ),
        pl.col("event_type").cast(pl.String).is_in(ATTACK_TYPES).cast(pl.UInt32).alias("is_attack"),
        pl.lit(1, dtype=pl.UInt32).alias("is_event"),
    )
    victim_columns = [c for m in _VICTIM_MEASURES for c in (m, f"{m}_max")]
    if casualties is None:
        return frame.with_columns(pl.lit(None, dtype=pl.UInt32).alias(c) for c in victim_columns)
    figures = _victim_figures(casualties, events).select(
        "event_id", *(pl.col(c).cast(pl.UInt32) for c in victim_columns)
    )
    return frame.join(figures, on="event_id", how="left")


def stated_vs_counted(
    statistics: pl.DataFrame,
    events: pl.DataFrame,
    casualties: pl.DataFrame | None = None,
    *,
    precisions: Sequence[str] | None = MONTHLY_PRECISIONS,
) -> pl.DataFrame:
    """The counts the articles quote, each beside what the events add up to.

    One row per ``statistics`` row of unit ``count``, in input order, with its
    ``stat_id``, ``doc_id``, ``measure``, ``value``, ``qualifier``,
    ``period_start``, ``period_end``, ``region`` and ``source``, then:

    - ``n_events``: events dated inside the period (ends included) and placed
      inside the region (an item of ``region`` equal to the event's ``country``
      or ``admin1``; an empty region is anywhere);
    - ``counted`` and ``counted_max``: what those events add up to for the
      measure, conservative and largest (see :data:`COUNTED_MEASURES`). The
      victim measures (``militants_killed`` and so on) need ``casualties``; for
      each event, only the accounts that name that victim group count.

    The three are null when the figure cannot be recounted: no period, a
    measure with nothing to add up (``militant_strength``, ``other``), or a
    victim measure without ``casualties``. Events
    whose ``date_precision`` is not in ``precisions`` are not placed in any
    period. A tally far above ``counted`` is the usual case: the articles read
    are a sample of what happened, the tally's author counted everything.
    """
    stats = statistics.filter(pl.col("unit").cast(pl.String) == "count").select(
        "stat_id",
        "doc_id",
        "measure",
        "value",
        "qualifier",
        "period_start",
        "period_end",
        "region",
        "source",
    )
    stats = stats.with_row_index("_row")
    recountable = [
        m for m in COUNTED_MEASURES if casualties is not None or m not in _VICTIM_MEASURES
    ]
    countable = (
        pl.col("period_start").is_not_null()
        & pl.col("period_end").is_not_null()
        & pl.col("measure").cast(pl.String).is_in(recountable)
    )
    scoped = stats.filter(countable)
    measured = _dated(_event_measures(events, casualties), precisions)

    # An empty region is anywhere: a null item after the explode, which matches
    # every event (an empty list is turned null first: polars versions differ on
    # whether exploding one keeps the row).
    places = scoped.select(
        "stat_id",
        pl.when(pl.col("region").list.len() > 0).then(pl.col("region")).alias("place_item"),
        "period_start",
        "period_end",
        pl.col("measure").cast(pl.String).alias("measure_name"),
    ).explode("place_item")
    pairs = (
        places.join(measured, how="cross")
        .filter(
            (pl.col("date") >= pl.col("period_start"))
            & (pl.col("date") <= pl.col("period_end"))
            & (
                pl.col("place_item").is_null()
                | (pl.col("place_item") == pl.col("country"))
                | (pl.col("place_item") == pl.col("admin1"))
            )
        )
        .unique(subset=["stat_id", "event_id"], keep="first")
    )

    def pick(which: int) -> pl.Expr:
        expr = pl.lit(None, dtype=pl.UInt32)
        for name, columns in COUNTED_MEASURES.items():
            expr = (
                pl.when(pl.col("measure_name") == name)
                .then(pl.col(columns[which]).cast(pl.UInt32))
                .otherwise(expr)
            )
        return expr

    sums = pairs.group_by("stat_id").agg(
        pl.len().cast(pl.UInt32).alias("n_events"),
        pick(0).sum().cast(pl.UInt32).alias("counted"),
        pick(1).sum().cast(pl.UInt32).alias("counted_max"),
    )
    zero = pl.lit(0, dtype=pl.UInt32)
    return (
        stats.join(sums, on="stat_id", how="left")
        .with_columns(
            pl.when(countable).then(pl.col(c).fill_null(zero)).alias(c)
            for c in ("n_events", "counted", "counted_max")
        )
        .sort("_row")
        .drop("_row")
    )
