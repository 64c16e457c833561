//! The gazetteer: every place the extractor knows, with its parents and spellings.
//!
//! Rows live in `data/places.tsv` (see `data/README.md`), embedded at build time;
//! users add their own rows through [`crate::ExtractorBuilder::add_places_tsv`].

use std::collections::HashMap;

use crate::error::{Error, ErrorKind, Result};
use crate::model::GeoPrecision;
use crate::text::tsv_rows;

const BUNDLED: &str = include_str!("../data/places.tsv");
const COLUMNS: [&str; 9] = [
    "id", "kind", "name", "parent", "lat", "lon", "aliases", "match", "source",
];

/// What kind of unit a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A province (or an Afghan province, a territory).
    Province,
    /// A district (the former tribal agencies included).
    District,
    /// A tehsil or subdivision.
    Tehsil,
    /// A town, city or village.
    Town,
    /// A valley, pass, region or neighbourhood.
    Area,
}

impl PlaceKind {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "country" => PlaceKind::Country,
            "province" => PlaceKind::Province,
            "district" => PlaceKind::District,
            "tehsil" => PlaceKind::Tehsil,
            "town" => PlaceKind::Town,
            "area" => PlaceKind::Area,
            _ => return None,
        })
    }

    /// The spelling used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Province => "province",
            PlaceKind::District => "district",
            PlaceKind::Tehsil => "tehsil",
            PlaceKind::Town => "town",
            PlaceKind::Area => "area",
        }
    }

    /// How specific a place of this kind is; higher is more specific.
    pub fn rank(self) -> u8 {
        match self {
            PlaceKind::Country => 0,
            PlaceKind::Province => 1,
            PlaceKind::District => 2,
            PlaceKind::Tehsil => 3,
            PlaceKind::Town | PlaceKind::Area => 4,
        }
    }
}

/// When a name in text may be taken for a place or an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchRule {
    /// In any letter case.
    Any,
    /// Only written with the capitals of the data file ("Hub", not "hub").
    Capitalized,
    /// Capitalised and supported by context: a following "district", "agency",
    /// "area", a preposition of place before it, or another place of the same
    /// district or province in the document.
    Context,
}

impl MatchRule {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "any" => MatchRule::Any,
            "cap" => MatchRule::Capitalized,
            "ctx" => MatchRule::Context,
            _ => return None,
        })
    }
}

/// Parses `|`-separated aliases; an alias may carry its own rule as a suffix: `Khyber Agency[any]`.
pub(crate) fn parse_aliases(
    field: &str,
    default: MatchRule,
) -> std::result::Result<Vec<(String, MatchRule)>, String> {
    let mut out = Vec::new();
    for alias in field.split('|').map(str::trim).filter(|a| !a.is_empty()) {
        match alias.strip_suffix(']').and_then(|a| a.rsplit_once('[')) {
            Some((text, rule)) => {
                let rule = MatchRule::parse(rule).ok_or_else(|| {
                    format!("alias {alias:?}: the suffix must be [any], [cap] or [ctx]")
                })?;
                out.push((text.trim().to_string(), rule));
            }
            None => out.push((alias.to_string(), default)),
        }
    }
    Ok(out)
}

/// One row of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Stable dotted id: `PK.KP.NORTH_WAZIRISTAN.MIR_ALI`.
    pub id: String,
    /// What kind of unit.
    pub kind: PlaceKind,
    /// The name used in output.
    pub name: String,
    /// Index of the enclosing unit in the gazetteer.
    pub parent: Option<usize>,
    /// WGS84 latitude.
    pub lat: Option<f64>,
    /// WGS84 longitude.
    pub lon: Option<f64>,
    /// Other spellings, each with when it may be taken for this place.
    pub aliases: Vec<(String, MatchRule)>,
    /// When a mention may be taken for this place.
    pub match_rule: MatchRule,
    /// Where the row comes from.
    pub source: String,
}

/// Where an incident took place, resolved up the hierarchy.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// Country name.
    pub country: Option<String>,
    /// Province name.
    pub admin1: Option<String>,
    /// District name.
    pub admin2: Option<String>,
    /// Town, village or area name.
    pub place: Option<String>,
    /// Latitude of the most precise place with coordinates.
    pub lat: Option<f64>,
    /// Longitude of the most precise place with coordinates.
    pub lon: Option<f64>,
    /// What lat/lon stand for.
    pub geo_precision: GeoPrecision,
}

impl Default for Location {
    fn default() -> Self {
        Location {
            country: None,
            admin1: None,
            admin2: None,
            place: None,
            lat: None,
            lon: None,
            geo_precision: GeoPrecision::Unknown,
        }
    }
}

/// All places, indexed.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl Gazetteer {
    /// The bundled rows and then `extra` TSV texts in the same format.
    pub fn load(extra: &[String]) -> Result<Self> {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_tsv(BUNDLED, "data/places.tsv")?;
        for (i, tsv) in extra.iter().enumerate() {
            gazetteer.add_tsv(tsv, &format!("user places #{}", i + 1))?;
        }
        Ok(gazetteer)
    }

    /// Adds rows from TSV text; a row whose id exists replaces it. Parents must come first
    /// or already be known.
    pub fn add_tsv(&mut self, tsv: &str, origin: &str) -> Result<()> {
        for (number, fields) in tsv_rows(tsv, origin, &COLUMNS)? {
            let bad = |what: String| {
                Error::new(ErrorKind::Data, format!("{origin}, line {number}: {what}"))
            };
            let kind = PlaceKind::parse(fields[1]).ok_or_else(|| {
                bad(format!(
                    "kind {:?} is not one of country, province, district, tehsil, town, area",
                    fields[1]
                ))
            })?;
            let parent = if fields[3].is_empty() {
                None
            } else {
                Some(*self.by_id.get(fields[3]).ok_or_else(|| {
                    bad(format!(
                        "parent {:?} is not a known place id (parents come first)",
                        fields[3]
                    ))
                })?)
            };
            let coordinate = |field: &str, name: &str, limit: f64| -> Result<Option<f64>> {
                if field.is_empty() {
                    return Ok(None);
                }
                match field.parse::<f64>() {
                    Ok(v) if v.abs() <= limit => Ok(Some(v)),
                    _ => Err(bad(format!(
                        "{name} {field:?} is not a number within ±{limit}"
                    ))),
                }
            };
            let match_rule = MatchRule::parse(fields[7])
                .ok_or_else(|| bad(format!("match {:?} is not one of any, cap, ctx", fields[7])))?;
            let place = Place {
                id: fields[0].to_string(),
                kind,
                name: fields[2].to_string(),
                parent,
                lat: coordinate(fields[4], "lat", 90.0)?,
                lon: coordinate(fields[5], "lon", 180.0)?,
                aliases: parse_aliases(fields[6], match_rule).map_err(&bad)?,
                match_rule,
                source: fields[8].to_string(),
            };
            if place.id.is_empty() || place.name.is_empty() {
                return Err(bad("id and name must not be empty".to_string()));
            }
            let index = match self.by_id.get(&place.id) {
                Some(&existing) => {
                    self.places[existing] = place;
                    existing
                }
                None => {
                    self.places.push(place);
                    self.places.len() - 1
                }
            };
            let place = &self.places[index];
            self.by_id.insert(place.id.clone(), index);
            self.by_name
                .entry(place.name.to_lowercase())
                .or_insert(index);
        }
        Ok(())
    }

    /// Every place, in file order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place at `index`.
    pub fn get(&self, index: usize) -> Option<&Place> {
        self.places.get(index)
    }

    /// The index of the place with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The first place with this canonical name (any case).
    pub fn find_by_name(&self, name: &str) -> Option<&Place> {
        self.by_name
            .get(&name.to_lowercase())
            .and_then(|&i| self.places.get(i))
    }

    /// The chain from the place at `index` up to its country, the place first.
    pub fn ancestry(&self, index: usize) -> impl Iterator<Item = (usize, &Place)> {
        let mut next = Some(index);
        // Bounded, so a cycle in user data cannot loop forever.
        std::iter::from_fn(move || {
            let i = next?;
            let place = self.places.get(i)?;
            next = place.parent;
            Some((i, place))
        })
        .take(8)
    }

    /// The enclosing unit of `kind` of the place at `index`, itself included.
    pub fn ancestor_of_kind(&self, index: usize, kind: PlaceKind) -> Option<usize> {
        self.ancestry(index)
            .find(|(_, p)| p.kind == kind)
            .map(|(i, _)| i)
    }

    /// Whether the place at `inner` lies within (or is) the place at `outer`.
    pub fn is_within(&self, inner: usize, outer: usize) -> bool {
        self.ancestry(inner).any(|(i, _)| i == outer)
    }

    /// Resolves the place at `index` to country, province, district and place.
    ///
    /// ```
    /// use incidents::Extractor;
    /// let extractor = Extractor::new();
    /// let gazetteer = extractor.gazetteer();
    /// let mir_ali = gazetteer.index_of("PK.KP.NORTH_WAZIRISTAN.MIR_ALI").unwrap();
    /// let location = gazetteer.locate(mir_ali);
    /// assert_eq!(location.admin1.as_deref(), Some("Khyber Pakhtunkhwa"));
    /// assert_eq!(location.admin2.as_deref(), Some("North Waziristan"));
    /// assert_eq!(location.place.as_deref(), Some("Mir Ali"));
    /// ```
    pub fn locate(&self, index: usize) -> Location {
        let mut location = Location::default();
        for (_, place) in self.ancestry(index) {
            match place.kind {
                PlaceKind::Country => location.country = Some(place.name.clone()),
                PlaceKind::Province => location.admin1 = Some(place.name.clone()),
                PlaceKind::District => location.admin2 = Some(place.name.clone()),
                PlaceKind::Tehsil | PlaceKind::Town | PlaceKind::Area => {
                    if location.place.is_none() {
                        location.place = Some(place.name.clone());
                    }
                }
            }
            if location.lat.is_none() {
                if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
                    location.lat = Some(lat);
                    location.lon = Some(lon);
                    location.geo_precision = match place.kind {
                        PlaceKind::Country => GeoPrecision::Country,
                        PlaceKind::Province => GeoPrecision::Province,
                        PlaceKind::District => GeoPrecision::District,
                        _ => GeoPrecision::Place,
                    };
                }
            }
        }
        location
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_gazetteer_loads() {
        let gazetteer = Gazetteer::load(&[]).expect("bundled data loads");
        assert!(gazetteer.places().len() > 100);
        assert!(gazetteer.index_of("PK.KP").is_some());
    }

    #[test]
    fn a_bad_row_names_its_line() {
        let tsv = format!("{}\nX\tvillage\tX\t\t\t\t\tany\tme\n", COLUMNS.join("\t"));
        let err = Gazetteer::load(&[tsv]).expect_err("bad kind");
        assert!(err.to_string().contains("line 2"), "{err}");
        assert!(err.to_string().contains("village"), "{err}");
    }
}
