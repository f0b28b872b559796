//! The countries a user may name: the ISO 3166-1 alpha-2 codes with their
//! English names (the embedded `data/countries.txt`) and the named sets of
//! countries (`data/regions.txt`, `--countries @levant`).
//!
//! A leaf module of data: it knows nothing of gazetteers or text.

/// The ISO 3166-1 alpha-2 codes and names, one `CODE Name` per line.
const COUNTRIES: &str = include_str!("../data/countries.txt");

/// The named sets of countries, one `@name CODE CODE...` per line.
const REGIONS: &str = include_str!("../data/regions.txt");

/// The lines of an embedded data file that are not comments or blank.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `code` is an ISO 3166-1 alpha-2 code (upper case, as
/// gazetteers write them).
pub fn is_country_code(code: &str) -> bool {
    country_name(code).is_some()
}

/// The English short name of the country with ISO code `code` (upper
/// case).
pub fn country_name(code: &str) -> Option<&'static str> {
    data_lines(COUNTRIES).find_map(|l| {
        let (c, name) = l.split_once(' ')?;
        (c == code).then_some(name.trim())
    })
}

/// The code of a country given by its English name (`Syria` → `SY`),
/// ignoring case.
pub fn country_code_of(name: &str) -> Option<&'static str> {
    let name = name.trim();
    data_lines(COUNTRIES).find_map(|l| {
        let (c, n) = l.split_once(' ')?;
        n.trim().eq_ignore_ascii_case(name).then_some(c)
    })
}

/// The named sets of countries (`@levant`...), in file order, each with
/// its codes.
pub fn country_sets() -> Vec<(&'static str, Vec<&'static str>)> {
    data_lines(REGIONS)
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let name = words.next()?.strip_prefix('@')?;
            Some((name, words.collect()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_names_and_codes() {
        assert_eq!(country_name("SY"), Some("Syria"));
        assert_eq!(country_code_of("syria"), Some("SY"));
        assert_eq!(country_code_of("Syrie"), None);
        assert!(!is_country_code("sy"));
        assert!(is_country_code("PS"));
    }
}
