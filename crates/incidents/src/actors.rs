//! The actor registry: groups, factions, state forces and sources, by every name.
//!
//! Rows live in `data/actors.tsv` (see `data/README.md`); users add their own
//! through [`crate::ExtractorBuilder::add_actors_tsv`].

use std::collections::HashMap;

use crate::error::{Error, ErrorKind, Result};
use crate::places::{parse_aliases, MatchRule};
use crate::text::tsv_rows;

const BUNDLED: &str = include_str!("../data/actors.tsv");
const COLUMNS: [&str; 7] = ["id", "kind", "name", "parent", "aliases", "match", "source"];

/// What kind of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A militant organisation.
    MilitantGroup,
    /// A faction of one.
    Faction,
    /// The military and paramilitary forces.
    StateForce,
    /// Police, CTD, Levies.
    Police,
    /// A government or its officials.
    Government,
    /// A foreign government.
    ForeignGovernment,
    /// A foreign military.
    ForeignMilitary,
    /// A think tank or research group that publishes figures.
    ResearchOrg,
    /// An international organisation.
    InternationalOrg,
    /// Unnamed militants: "gunmen", "terrorists".
    Generic,
    /// Victims named only by category.
    VictimCategory,
}

impl ActorKind {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "militant_group" => ActorKind::MilitantGroup,
            "faction" => ActorKind::Faction,
            "state_force" => ActorKind::StateForce,
            "police" => ActorKind::Police,
            "government" => ActorKind::Government,
            "foreign_government" => ActorKind::ForeignGovernment,
            "foreign_military" => ActorKind::ForeignMilitary,
            "research_org" => ActorKind::ResearchOrg,
            "international_org" => ActorKind::InternationalOrg,
            "generic" => ActorKind::Generic,
            "victim_category" => ActorKind::VictimCategory,
            _ => return None,
        })
    }

    /// Non-state armed actors: groups, factions and unnamed militants.
    pub fn is_militant(self) -> bool {
        matches!(
            self,
            ActorKind::MilitantGroup | ActorKind::Faction | ActorKind::Generic
        )
    }

    /// Armed forces of a state, its police included.
    pub fn is_state_force(self) -> bool {
        matches!(
            self,
            ActorKind::StateForce | ActorKind::Police | ActorKind::ForeignMilitary
        )
    }
}

/// One row of the registry.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Upper-case id: `TTP`, `PAK_MILITARY`.
    pub id: String,
    /// What kind of actor.
    pub kind: ActorKind,
    /// Display name.
    pub name: String,
    /// Index of the parent organisation, for rolling factions up.
    pub parent: Option<usize>,
    /// Every other name, each with when it may be taken for this actor.
    pub aliases: Vec<(String, MatchRule)>,
    /// When a mention may be taken for this actor.
    pub match_rule: MatchRule,
    /// Where the row comes from.
    pub source: String,
}

/// All actors, indexed.
#[derive(Debug, Clone, Default)]
pub struct ActorRegistry {
    actors: Vec<Actor>,
    by_id: HashMap<String, usize>,
}

impl ActorRegistry {
    /// The bundled rows and then `extra` TSV texts in the same format.
    pub fn load(extra: &[String]) -> Result<Self> {
        let mut registry = ActorRegistry::default();
        registry.add_tsv(BUNDLED, "data/actors.tsv")?;
        for (i, tsv) in extra.iter().enumerate() {
            registry.add_tsv(tsv, &format!("user actors #{}", i + 1))?;
        }
        Ok(registry)
    }

    /// Adds rows from TSV text; a row whose id exists replaces it.
    pub fn add_tsv(&mut self, tsv: &str, origin: &str) -> Result<()> {
        let mut pending_parents = Vec::new();
        for (number, fields) in tsv_rows(tsv, origin, &COLUMNS)? {
            let bad = |what: String| {
                Error::new(ErrorKind::Data, format!("{origin}, line {number}: {what}"))
            };
            let kind = ActorKind::parse(fields[1])
                .ok_or_else(|| bad(format!("kind {:?} is not a known actor kind", fields[1])))?;
            let match_rule = MatchRule::parse(fields[5])
                .ok_or_else(|| bad(format!("match {:?} is not one of any, cap, ctx", fields[5])))?;
            if fields[0].is_empty() {
                return Err(bad("id must not be empty".to_string()));
            }
            let actor = Actor {
                id: fields[0].to_string(),
                kind,
                name: fields[2].to_string(),
                parent: None,
                aliases: parse_aliases(fields[4], match_rule).map_err(&bad)?,
                match_rule,
                source: fields[6].to_string(),
            };
            let index = match self.by_id.get(&actor.id) {
                Some(&existing) => {
                    self.actors[existing] = actor;
                    existing
                }
                None => {
                    self.actors.push(actor);
                    self.actors.len() - 1
                }
            };
            self.by_id.insert(self.actors[index].id.clone(), index);
            if !fields[3].is_empty() {
                pending_parents.push((index, fields[3].to_string(), number));
            }
        }
        // Parents may be named before or after their factions.
        for (index, parent, line) in pending_parents {
            let parent_index = *self.by_id.get(&parent).ok_or_else(|| {
                Error::new(
                    ErrorKind::Data,
                    format!("{origin}, line {line}: parent {parent:?} is not a known actor id"),
                )
            })?;
            self.actors[index].parent = Some(parent_index);
        }
        Ok(())
    }

    /// Every actor, in file order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor at `index`.
    pub fn get(&self, index: usize) -> Option<&Actor> {
        self.actors.get(index)
    }

    /// The index of the actor with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The top of the actor's chain of parents (a faction rolls up to its group).
    ///
    /// ```
    /// use incidents::Extractor;
    /// let extractor = Extractor::new();
    /// let registry = extractor.actors();
    /// let jua = registry.index_of("JAMAAT_UL_AHRAR").unwrap();
    /// assert_eq!(registry.roll_up(jua).id, "TTP");
    /// ```
    pub fn roll_up(&self, index: usize) -> &Actor {
        let mut current = index;
        for _ in 0..8 {
            match self.actors[current].parent {
                Some(parent) => current = parent,
                None => break,
            }
        }
        &self.actors[current]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_registry_loads_with_schema_ids() {
        let registry = ActorRegistry::load(&[]).expect("bundled data loads");
        for id in [
            "TTP",
            "ISKP",
            "BLA",
            "BLF",
            "BALOCH_INSURGENTS",
            "AL_QAEDA",
            "AFGHAN_TALIBAN",
            "MILITANTS",
            "PAK_MILITARY",
            "PAK_POLICE",
            "PAK_GOVERNMENT",
            "US_MILITARY",
            "PIPS",
            "CIVILIANS",
            "SECURITY_FORCES",
            "POLICE",
        ] {
            assert!(registry.index_of(id).is_some(), "{id} missing");
        }
    }

    #[test]
    fn an_unknown_parent_is_an_error() {
        let tsv = format!("{}\nX\tfaction\tX\tNOPE\t\tany\tme\n", COLUMNS.join("\t"));
        let err = ActorRegistry::load(&[tsv]).expect_err("unknown parent");
        assert!(err.to_string().contains("NOPE"), "{err}");
    }
}
