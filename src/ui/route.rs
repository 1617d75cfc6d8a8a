//! Routes as URL hashes (`#/q/quick/2`), so that the back button and reloads land where the person was.
use crate::domain::assessment::text::QuestionnaireId;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The welcome page and questionnaire chooser.
    Welcome,
    /// The enterprise profile, the first step of every questionnaire.
    Profile {
        /// The questionnaire it leads into.
        questionnaire: QuestionnaireId,
    },
    /// One wizard step of a questionnaire.
    Step {
        /// The questionnaire.
        questionnaire: QuestionnaireId,
        /// The step, from 0.
        step: u32,
    },
    /// The results of a questionnaire.
    Results {
        /// The questionnaire.
        questionnaire: QuestionnaireId,
    },
    /// How scoring works, with sources.
    Method,
    /// The enterprises stored on this device.
    Enterprises,
    /// The workshop: details and the group view.
    Workshop,
    /// The province dashboard.
    Province,
    /// A result received as a link (`#/r/<code>`), shown read-only until it is added.
    Received {
        /// The result code.
        code: String,
    },
}

impl Route {
    /// The URL hash for this route.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Welcome => "#/".into(),
            Route::Step {
                questionnaire,
                step,
            } => format!("#/q/{questionnaire}/{step}"),
            Route::Profile { questionnaire } => format!("#/q/{questionnaire}/profile"),
            Route::Results { questionnaire } => format!("#/q/{questionnaire}/results"),
            Route::Method => "#/method".into(),
            Route::Enterprises => "#/enterprises".into(),
            Route::Workshop => "#/workshop".into(),
            Route::Province => "#/province".into(),
            Route::Received { code } => format!("#/r/{code}"),
        }
    }

    /// The questionnaire a route belongs to, if any.
    pub fn questionnaire(&self) -> Option<&QuestionnaireId> {
        match self {
            Route::Profile { questionnaire }
            | Route::Step { questionnaire, .. }
            | Route::Results { questionnaire } => Some(questionnaire),
            Route::Welcome
            | Route::Method
            | Route::Enterprises
            | Route::Workshop
            | Route::Province
            | Route::Received { .. } => None,
        }
    }

    /// An advisor's or office's page: in the whole app (`dx_office`), which the owner's app loads on demand.
    /// `src/web/boot.js` keeps the same list (`OFFICE_ROUTES`), checked by a test below.
    pub fn is_office(&self) -> bool {
        matches!(self, Route::Enterprises | Route::Workshop | Route::Province)
    }

    /// Parses a URL hash; anything unknown is the welcome page.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["method"] => Route::Method,
            ["enterprises"] => Route::Enterprises,
            ["workshop"] => Route::Workshop,
            ["province"] => Route::Province,
            ["r", code] => Route::Received {
                code: (*code).into(),
            },
            ["q", id, "profile"] => Route::Profile {
                questionnaire: QuestionnaireId((*id).into()),
            },
            ["q", id, "results"] => Route::Results {
                questionnaire: QuestionnaireId((*id).into()),
            },
            ["q", id, step] => match step.parse() {
                Ok(step) => Route::Step {
                    questionnaire: QuestionnaireId((*id).into()),
                    step,
                },
                Err(_) => Route::Welcome,
            },
            ["q", id] => Route::Step {
                questionnaire: QuestionnaireId((*id).into()),
                step: 0,
            },
            _ => Route::Welcome,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip() {
        let q = || QuestionnaireId("quick".into());
        for r in [
            Route::Welcome,
            Route::Method,
            Route::Step {
                questionnaire: q(),
                step: 2,
            },
            Route::Results { questionnaire: q() },
            Route::Profile { questionnaire: q() },
            Route::Enterprises,
            Route::Workshop,
            Route::Province,
            Route::Received {
                code: "dx1.AAAA-_".into(),
            },
        ] {
            assert_eq!(Route::from_hash(&r.to_hash()), r);
        }
        assert_eq!(Route::from_hash(""), Route::Welcome);
        assert_eq!(Route::from_hash("#/q/quick/x"), Route::Welcome);
        assert_eq!(Route::from_hash("#/nowhere"), Route::Welcome);
    }

    /// boot.js starts fetching the whole app at once for an office page; its list must be the routes' list.
    #[test]
    fn boot_js_knows_the_office_pages() {
        let boot = include_str!("../web/boot.js");
        let line = boot
            .lines()
            .find(|l| l.starts_with("const OFFICE_ROUTES = ["))
            .expect("boot.js declares OFFICE_ROUTES");
        let listed: Vec<String> = line
            .split(['[', ']'])
            .nth(1)
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().trim_matches('\'').to_string())
            .collect();
        let routes = [Route::Enterprises, Route::Workshop, Route::Province];
        let office: Vec<String> = routes
            .iter()
            .filter(|r| r.is_office())
            .map(|r| r.to_hash().trim_start_matches("#/").to_string())
            .collect();
        assert_eq!(listed, office);
        for r in [
            Route::Welcome,
            Route::Method,
            Route::Received { code: "x".into() },
        ] {
            assert!(!r.is_office());
        }
        for hash in ["#/enterprises", "#/province/", "#province", "#//workshop"] {
            assert!(Route::from_hash(hash).is_office(), "{hash}");
        }
    }
}
