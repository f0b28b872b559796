//! Dated maps (#16): `--format geojson --by mention|document|entity`,
//! checked with the Python `geojson` package in a venv under `target/`
//! (the test is skipped with a note when Python is missing, and required
//! when `GAZETAG_REQUIRE_PYTHON=1`, as in CI).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{root, Dir};

/// The pinned validator.
const GEOJSON: &str = "geojson==3.2.0";

/// Articles with a date, as an export holds them.
fn export() -> Dir {
    let d = Dir::with_small_gazetteer();
    d.write(
        "export.csv",
        "id,date,body\n\
         a1,2024-05-01,\"Raids à Alep et Mossoul, en Syrie.\"\n\
         a2,02/05/2024,Vers Alep.\n\
         a3,hier,L'OSDH seulement.\n",
    );
    d
}

fn geojson(d: &Dir, by: &str) -> Value {
    let run = d.tag_small(&[
        "export.csv",
        "--text-column",
        "body",
        "--id-column",
        "id",
        "--keep-columns",
        "date",
        "--format",
        "geojson",
        "--by",
        by,
        "-o",
        &format!("{by}.geojson"),
    ]);
    run.code(0);
    serde_json::from_str(&d.read(&format!("{by}.geojson"))).expect("JSON")
}

#[test]
fn issue_16_features_per_document_carry_doc_and_date() {
    let d = export();
    let v = geojson(&d, "document");
    let f = v["features"].as_array().unwrap();
    let got: Vec<(&str, &str, Option<&str>, &str)> = f
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (
                p["doc"].as_str().unwrap(),
                p["name"].as_str().unwrap(),
                p["date"].as_str(),
                p["input_date"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a1", "Aleppo", Some("2024-05-01"), "2024-05-01"),
            ("a1", "Mosul", Some("2024-05-01"), "2024-05-01"),
            ("a1", "Syria", Some("2024-05-01"), "2024-05-01"),
            ("a2", "Aleppo", Some("2024-05-02"), "02/05/2024"),
        ]
    );
    assert_eq!(f[0]["properties"]["surfaces"], serde_json::json!(["Alep"]));
    assert_eq!(f[0]["properties"]["geometry_kind"], "point");
    assert_eq!(
        f[0]["geometry"]["coordinates"],
        serde_json::json!([37.1343, 36.2021])
    );
}

#[test]
fn issue_16_features_per_mention_and_per_entity() {
    let d = export();
    let v = geojson(&d, "mention");
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 4);
    assert_eq!(f[3]["properties"]["doc"], "a2");
    assert_eq!(f[3]["properties"]["text"], "Alep");
    assert_eq!(f[3]["properties"]["start"], 5);
    let v = geojson(&d, "entity");
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 3);
    assert_eq!(f[0]["properties"]["mentions"], 2);
    assert!(f[0]["properties"].get("doc").is_none());
    // The default is per entity, as before #16.
    let run = d.tag_small(&[
        "export.csv",
        "--text-column",
        "body",
        "--format",
        "geojson",
    ]);
    assert_eq!(serde_json::from_str::<Value>(&run.stdout).unwrap(), v);
    // `--by mention` means nothing to a summary.
    let run = d.tag_small(&[
        "export.csv",
        "--text-column",
        "body",
        "--format",
        "summary",
        "--by",
        "mention",
    ]);
    run.code(2);
    assert!(run.stderr.contains("--by mention applies to --format geojson"));
}

/// A venv under `target/` with the pinned validator, or `None` with a
/// note (a failure when `GAZETAG_REQUIRE_PYTHON=1`).
fn validator() -> Option<PathBuf> {
    let required =
        std::env::var("GAZETAG_REQUIRE_PYTHON").as_deref() == Ok("1");
    let skip = |why: &str| {
        if required {
            panic!("GAZETAG_REQUIRE_PYTHON=1 but {why}");
        }
        eprintln!("skipping the GeoJSON validation: {why}");
        None
    };
    let venv = root().join("target/geojson-venv");
    let python = venv.join("bin/python");
    let ready = |p: &Path| {
        Command::new(p)
            .args(["-c", "import geojson"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ready(&python) {
        return Some(python);
    }
    let made =
        Command::new("python3").args(["-m", "venv"]).arg(&venv).output();
    match made {
        Err(_) => return skip("python3 is not installed"),
        Ok(o) if !o.status.success() => {
            return skip(&format!(
                "python3 -m venv failed: {}",
                String::from_utf8_lossy(&o.stderr)
            ))
        }
        Ok(_) => {}
    }
    let pip = Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", GEOJSON])
        .output();
    match pip {
        Ok(o) if o.status.success() && ready(&python) => Some(python),
        Ok(o) => skip(&format!(
            "pip install {GEOJSON} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => skip(&format!("pip: {e}")),
    }
}

/// Checks a FeatureCollection with the `geojson` package: valid as a
/// whole and feature by feature, every geometry a Point whose longitude
/// comes first.
const CHECK: &str = r#"
import sys, geojson
fc = geojson.loads(open(sys.argv[1], encoding="utf-8").read())
assert isinstance(fc, geojson.FeatureCollection), type(fc)
assert fc.is_valid, fc.errors()
for f in fc["features"]:
    assert isinstance(f, geojson.Feature) and f.is_valid, f.errors()
    assert isinstance(f.geometry, geojson.Point), f.geometry
    lon, lat = f.geometry["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
print(len(fc["features"]))
"#;

#[test]
fn issue_16_dated_geojson_passes_a_validator() {
    let Some(python) = validator() else { return };
    let d = export();
    for (by, features) in
        [("document", "4"), ("mention", "4"), ("entity", "3")]
    {
        geojson(&d, by);
        let out = Command::new(&python)
            .args(["-c", CHECK])
            .arg(d.path().join(format!("{by}.geojson")))
            .output()
            .expect("running the validator");
        assert!(
            out.status.success(),
            "{by}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            features,
            "{by}"
        );
    }
    // A file that is not valid GeoJSON is refused: the check can fail.
    d.write("bad.geojson", r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1]},"properties":{}}]}"#);
    let out = Command::new(&python)
        .args(["-c", CHECK])
        .arg(d.path().join("bad.geojson"))
        .output()
        .unwrap();
    assert!(!out.status.success());
}
