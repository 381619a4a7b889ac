//! The OpenAPI 3.1 document of the JSON API v1, served at `/api/openapi.json`.

use axum::Json;
use serde_json::{Map, Value, json};

/// `(method, path, summary, success status, request schema)` of every API operation.
pub const OPERATIONS: &[(&str, &str, &str, u16, Option<&str>)] = &[
    (
        "get",
        "/api/v1/me",
        "Who am I (account, participant or observer)",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/join",
        "Join a Werkstatt by code; sets the session cookie",
        201,
        Some("JoinInput"),
    ),
    ("get", "/api/v1/kommunen", "List Kommunen", 200, None),
    (
        "post",
        "/api/v1/kommunen",
        "Create a Kommune",
        201,
        Some("KommuneInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten",
        "List the Werkstätten the account may see",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/werkstaetten",
        "Create a Werkstatt",
        201,
        Some("WerkstattInput"),
    ),
    ("get", "/api/v1/werkstaetten/{id}", "One Werkstatt", 200, None),
    (
        "put",
        "/api/v1/werkstaetten/{id}/phase",
        "Move to the next or previous phase",
        200,
        Some("PhaseInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/teilnehmende",
        "Teilnehmende",
        200,
        None,
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/felder",
        "Handlungsfelder with their dots (Feldwahl)",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/felder",
        "Add an own Handlungsfeld",
        201,
        Some("FeldInput"),
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/felder/{feld}/auswahl",
        "Choose or unchoose a field",
        200,
        Some("AuswahlInput"),
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/felder/{feld}/punkte",
        "Set my dots on a field",
        200,
        Some("PunkteInput"),
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/felder/{feld}/gruppe",
        "Join the Arbeitsgruppe of a field",
        204,
        None,
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/felder/{feld}/ziel",
        "The Ziel of a field",
        200,
        None,
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/felder/{feld}/ziel",
        "Set the Ziel of a field",
        200,
        Some("ZielInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/massnahmen",
        "All Maßnahmen",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/massnahmen",
        "Create a Maßnahme",
        201,
        Some("MassnahmeInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/massnahmen/{mid}",
        "One Maßnahme",
        200,
        None,
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/massnahmen/{mid}",
        "Update a Maßnahme (optimistic version)",
        200,
        Some("MassnahmeInput"),
    ),
    (
        "delete",
        "/api/v1/werkstaetten/{id}/massnahmen/{mid}",
        "Delete a Maßnahme",
        204,
        None,
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/events",
        "Live events (text/event-stream)",
        200,
        None,
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/bundle",
        "Export the Werkstatt bundle",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/bundles",
        "Import a Werkstatt bundle",
        201,
        Some("Bundle"),
    ),
    (
        "get",
        "/api/v1/katalog",
        "The whole catalogue (Steckbriefe and best practices)",
        200,
        None,
    ),
    (
        "get",
        "/api/v1/katalog/steckbriefe",
        "Search Steckbriefe (q, feld, aufwand, umsetzung)",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/katalog/steckbriefe",
        "Create an own Steckbrief",
        201,
        Some("Steckbrief"),
    ),
    (
        "get",
        "/api/v1/katalog/steckbriefe/{sid}",
        "One Steckbrief",
        200,
        None,
    ),
    (
        "put",
        "/api/v1/katalog/steckbriefe/{sid}",
        "Change a Steckbrief (kept across catalogue upgrades)",
        200,
        Some("Steckbrief"),
    ),
    (
        "get",
        "/api/v1/katalog/best-practices",
        "Best practices",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/katalog/best-practices",
        "Add a best practice",
        201,
        Some("BestPractice"),
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/felder/{feld}/uebernehmen",
        "Adopt a Steckbrief as a Maßnahme of the group",
        201,
        Some("UebernehmenInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/runden",
        "Prioritisation rounds with progress and (visible) results",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/runden",
        "Open a round (facilitators)",
        201,
        Some("RundeInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/runden/{rid}",
        "One round: rules, progress, my ballot, result",
        200,
        None,
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/runden/{rid}/status",
        "Close or reopen a round",
        200,
        Some("StatusInput"),
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/runden/{rid}/stimmzettel",
        "Cast or change my ballot",
        200,
        Some("ZettelInput"),
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/runden/{rid}/papier",
        "Enter a paper ballot (facilitators; marked as proxy)",
        201,
        Some("ZettelInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/rangfolge",
        "The decided ranking and the Maßnahmen for in-depth planning",
        200,
        None,
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/rangfolge",
        "Decide the ranking: deciding round, overrides with reasons, top N",
        200,
        Some("EntscheidungInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/plaene",
        "Projektpläne of the Werkstatt",
        200,
        None,
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/plaene",
        "Select a Maßnahme for the Vertiefung (creates its plan)",
        201,
        Some("PlanAuswahl"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/plaene/{mid}",
        "One plan with its evaluation (schedule, critical path, totals)",
        200,
        None,
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/plaene/{mid}",
        "Replace a plan (optimistic version)",
        200,
        Some("Projektplan"),
    ),
    (
        "patch",
        "/api/v1/werkstaetten/{id}/plaene/{mid}",
        "Change sections of a plan (optimistic version)",
        200,
        Some("Projektplan"),
    ),
    (
        "delete",
        "/api/v1/werkstaetten/{id}/plaene/{mid}",
        "Take a Maßnahme out of the Vertiefung",
        204,
        None,
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/plaene/kalender.ics",
        "All plans as iCalendar (RFC 5545)",
        200,
        None,
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/plaene/{mid}/kalender.ics",
        "One plan as iCalendar (RFC 5545)",
        200,
        None,
    ),
    (
        "put",
        "/api/v1/katalog/best-practices/{bid}",
        "Change a best practice (kept across catalogue upgrades)",
        200,
        Some("BestPractice"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/strategie",
        "The editable parts of the strategy: free texts, Organigramm, next steps, versions",
        200,
        None,
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/strategie/texte/{art}",
        "Save a free text (vorwort, anlass, ausgangslage, leitbild) in the Markdown subset",
        204,
        Some("TextInput"),
    ),
    (
        "delete",
        "/api/v1/werkstaetten/{id}/strategie/texte/{art}",
        "Restore the default text of a chapter",
        204,
        None,
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/strategie/rollen",
        "Add a role to the Organigramm",
        201,
        Some("RolleInput"),
    ),
    (
        "delete",
        "/api/v1/werkstaetten/{id}/strategie/rollen",
        "Restore the proposed Organigramm",
        204,
        None,
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/strategie/rollen/{rid}",
        "Change a role (title, kind, people, task, reporting line)",
        204,
        Some("RolleInput"),
    ),
    (
        "delete",
        "/api/v1/werkstaetten/{id}/strategie/rollen/{rid}",
        "Remove a role; those reporting to it move up",
        204,
        None,
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/strategie/schritte",
        "Add a next step",
        201,
        Some("SchrittInput"),
    ),
    (
        "delete",
        "/api/v1/werkstaetten/{id}/strategie/schritte",
        "Restore the proposed next steps",
        204,
        None,
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/strategie/schritte/{sid}",
        "Change a next step",
        204,
        Some("SchrittInput"),
    ),
    (
        "delete",
        "/api/v1/werkstaetten/{id}/strategie/schritte/{sid}",
        "Remove a next step",
        204,
        None,
    ),
    (
        "post",
        "/api/v1/werkstaetten/{id}/strategie/versionen",
        "Store the current document as a new version",
        201,
        Some("VersionInput"),
    ),
    (
        "put",
        "/api/v1/werkstaetten/{id}/strategie/versionen/{nummer}",
        "Change the status of a version (entwurf, in-beratung, beschlossen with date)",
        204,
        Some("VersionInput"),
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/strategie/vergleich",
        "Compare two versions section by section (query alt and neu; 0 = current state)",
        200,
        None,
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/strategie/dokument",
        "The document model as JSON (query version for a stored one)",
        200,
        None,
    ),
    (
        "get",
        "/api/v1/werkstaetten/{id}/strategie/{datei}",
        "Download the document: datei = export.pdf, export.docx, export.odt, export.md or export.html (query version)",
        200,
        None,
    ),
];

fn schemas() -> Value {
    let s = |props: Value, required: &[&str]| json!({"type": "object", "properties": props, "required": required});
    let int_or_text = json!({"oneOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]});
    json!({
        "JoinInput": s(json!({"code": {"type": "string"}, "name": {"type": "string", "maxLength": 60}, "sektor": {"type": "string", "enum": ["verwaltung","politik","wirtschaft","bildung","vereine","buergerschaft","sonstige"]}, "kommune_id": {"type": ["string","null"]}}), &["code", "name"]),
        "KommuneInput": s(json!({"name": {"type": "string"}, "art": {"type": "string", "enum": ["ortsgemeinde","verbandsgemeinde","verbandsfreie-gemeinde","stadt","grosse-kreisangehoerige-stadt","kreisfreie-stadt","landkreis"]}, "ags": {"type": "string", "pattern": "^[0-9]{8}$"}, "ars": {"type": ["string","null"]}, "einwohner": int_or_text, "parent_id": {"type": ["string","null"]}}), &["name", "art", "ags", "einwohner"]),
        "WerkstattInput": s(json!({"titel": {"type": "string"}, "datum": {"type": "string", "format": "date"}, "ort": {"type": "string"}, "kommunen": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3}}), &["titel", "datum", "kommunen"]),
        "PhaseInput": s(json!({"phase": {"type": "string", "enum": ["vorbereitung","feldwahl","gruppenarbeit","priorisierung","vertiefung","strategie","abgeschlossen"]}}), &["phase"]),
        "FeldInput": s(json!({"name": {"type": "string"}, "beschreibung": {"type": "string"}}), &["name"]),
        "AuswahlInput": s(json!({"gewaehlt": {"type": "boolean"}}), &["gewaehlt"]),
        "PunkteInput": s(json!({"punkte": {"type": "integer", "minimum": 0}}), &["punkte"]),
        "ZielInput": s(json!({"text": {"type": "string"}, "version": {"type": ["integer","null"], "description": "the version you saw; 0 when there was no Ziel"}}), &["text"]),
        "MassnahmeInput": s(json!({"feld_id": {"type": "string"}, "titel": {"type": "string", "maxLength": 120}, "beschreibung": {"type": "string"}, "umsetzung": {"type": "string", "enum": ["kurzfristig","mittelfristig","langfristig"]}, "monate": int_or_text, "aufwand": int_or_text, "nutzen": int_or_text, "federfuehrung": {"type": "string"}, "status": {"type": "string", "enum": ["offen","in-umsetzung","umgesetzt","zurueckgestellt"]}, "version": int_or_text, "proxy": {"type": "boolean"}, "steckbrief_id": {"type": ["string","null"], "description": "adopt from this Steckbrief; empty fields are filled from it"}}), &["feld_id"]),
        "RundeInput": s(json!({"methode": {"type": "string", "enum": ["punkte","matrix","nutzwert","paarvergleich","rangfolge"]}, "titel": {"type": "string"}, "budget": int_or_text, "max_pro_option": int_or_text, "kriterien": {"type": "string", "description": "one criterion per line: name and weight in percent, summing to 100"}, "verborgen": {"type": "boolean"}}), &["methode"]),
        "StatusInput": s(json!({"status": {"type": "string", "enum": ["offen","geschlossen"]}}), &["status"]),
        "ZettelInput": s(json!({"inhalt": {"description": "punkte: {massnahme_id: dots}; matrix: {id: {nutzen, aufwand}}; nutzwert: {id: [score per criterion]}; paarvergleich: [{a, b, ausgang: a|b|gleich}]; rangfolge: [[ids of place 1], [ids of place 2], …]"}}), &["inhalt"]),
        "EntscheidungInput": s(json!({"runde_id": {"type": "string"}, "top_n": {"type": "integer"}, "korrekturen": {"type": "array", "items": s(json!({"massnahme_id": {"type": "string"}, "position": {"type": "integer"}, "grund": {"type": "string"}}), &["massnahme_id", "position", "grund"])}, "version": {"type": "integer"}}), &["runde_id", "top_n"]),
        "PlanAuswahl": s(json!({"massnahme_id": {"type": "string"}}), &["massnahme_id"]),
        "Projektplan": {"type": "object", "description": "sections ergebnis, zielgruppen, stakeholder, organisation, ressourcen, aufgaben, meilensteine and start; see the plan page"},
        "Steckbrief": {"type": "object", "description": "see catalog/FORMAT.md; the same fields as a catalogue file"},
        "BestPractice": {"type": "object", "description": "see catalog/FORMAT.md"},
        "UebernehmenInput": s(json!({"steckbrief_id": {"type": "string"}}), &["steckbrief_id"]),
        "TextInput": s(json!({"text": {"type": "string", "maxLength": 20000}, "version": {"type": "integer", "description": "the strategy version you read (0 before the first edit)"}}), &["text", "version"]),
        "RolleInput": s(json!({"titel": {"type": "string", "maxLength": 120}, "art": {"type": "string", "enum": ["gremium","leitung","stab","beirat","projektteam","netzwerk"]}, "besetzung": {"type": "string"}, "aufgabe": {"type": "string"}, "berichtet_an": {"type": "string", "description": "id of the superior role; empty for the top level"}}), &["titel", "art"]),
        "SchrittInput": s(json!({"titel": {"type": "string", "maxLength": 160}, "beschreibung": {"type": "string"}, "datum": {"type": "string", "format": "date"}, "verantwortlich": {"type": "string"}, "erledigt": {"type": "boolean"}}), &["titel"]),
        "VersionInput": s(json!({"status": {"type": "string", "enum": ["entwurf","in-beratung","beschlossen"]}, "beschlossen_am": {"type": "string", "format": "date"}, "notiz": {"type": "string", "maxLength": 200}}), &["status"]),
        "Bundle": {"$ref": "https://werkstatt.invalid/bundle.schema.json", "description": "see docs/bundle.schema.json"},
        "Error": s(json!({"error": {"type": "string"}, "message": {"type": "string"}, "fields": {"type": "array", "items": s(json!({"field": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}), &["field", "code", "message"])}, "current_version": {"type": "integer"}}), &["error", "message", "fields"]),
    })
}

pub fn build() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for (method, path, summary, status, body) in OPERATIONS {
        let params: Vec<Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        let mut op = json!({
            "summary": summary,
            "parameters": params,
            "responses": {
                status.to_string(): {"description": "success"},
                "4XX": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        });
        if let Some(schema) = body {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
        }
        let entry = paths.entry((*path).to_owned()).or_insert_with(|| json!({}));
        entry[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Werkstatt API", "version": "1", "description": "JSON API v1 of Werkstatt. Auth: bearer token (werkstatt user token) or session cookie."},
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, "cookie": {"type": "apiKey", "in": "cookie", "name": "werkstatt_sid"}},
        },
        "security": [{"bearer": []}, {"cookie": []}],
    })
}

pub async fn document() -> Json<Value> {
    Json(build())
}
