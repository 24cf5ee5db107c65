//! The figures behind the reports' charts: months in the reader's zone for
//! cases per month, and uptime as the share of time without an open
//! priority 2 (system down) or 3 (system restricted) case.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// The first days of the `months` months up to and including `today`'s,
/// and the first day of the month after: `months + 1` bounds.
pub fn month_bounds(today: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let first = |year: i32, month: u32| NaiveDate::from_ymd_opt(year, month, 1);
    let index = today.year() * 12 + today.month0() as i32;
    (0..=months as i32)
        .filter_map(|i| {
            let m = index - months as i32 + 1 + i;
            first(m.div_euclid(12), m.rem_euclid(12) as u32 + 1)
        })
        .collect()
}

/// An outage of product `K`: opened, and closed (None: still open).
pub type Span<K> = (K, DateTime<Utc>, Option<DateTime<Utc>>);

/// The share of `from..to` that `products` products were free of outages:
/// `outages` are `(product, opened, closed)` (None: still open), clipped to
/// the period; overlapping outages of one product count once. None when
/// there is no product or no time.
pub fn uptime<K: Ord + Copy>(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    products: u64,
    outages: &[Span<K>],
) -> Option<f64> {
    let period = (to - from).num_seconds();
    if products == 0 || period <= 0 {
        return None;
    }
    let mut spans: Vec<(K, DateTime<Utc>, DateTime<Utc>)> = outages
        .iter()
        .map(|(k, start, end)| (*k, (*start).max(from), end.unwrap_or(to).min(to)))
        .filter(|(_, start, end)| start < end)
        .collect();
    spans.sort();
    let mut down = Duration::zero();
    let mut current: Option<(K, DateTime<Utc>, DateTime<Utc>)> = None;
    for (k, start, end) in spans {
        current = match current {
            Some((ck, cs, ce)) if ck == k && start <= ce => Some((ck, cs, ce.max(end))),
            Some((_, cs, ce)) => {
                down += ce - cs;
                Some((k, start, end))
            }
            None => Some((k, start, end)),
        };
    }
    if let Some((_, cs, ce)) = current {
        down += ce - cs;
    }
    let total = period as f64 * products as f64;
    Some((1.0 - down.num_seconds() as f64 / total).clamp(0.0, 1.0))
}

/// An outage of product `K` in group `G` (a modality): opened, and closed
/// (None: still open).
pub type GroupSpan<K, G> = (K, G, DateTime<Utc>, Option<DateTime<Utc>>);

/// Each group's uptime over `from..to`: `products` are `(group, how
/// many)`, `outages` `(product, its group, opened, closed)`. Groups without
/// products are left out; each keeps its place in `products`.
pub fn uptime_by<K: Ord + Copy, G: PartialEq + Copy>(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    products: &[(G, u64)],
    outages: &[GroupSpan<K, G>],
) -> Vec<(G, u64, f64)> {
    products
        .iter()
        .filter_map(|&(group, count)| {
            let own: Vec<Span<K>> = outages
                .iter()
                .filter(|(_, g, _, _)| *g == group)
                .map(|&(product, _, opened, closed)| (product, opened, closed))
                .collect();
            Some((group, count, uptime(from, to, count, &own)?))
        })
        .collect()
}

/// Cases per window by priority: `counted` are `(window, priority, cases)`;
/// windows and priorities (1 to 5) out of range are left out.
pub fn by_priority(windows: usize, counted: &[(usize, i64, u64)]) -> Vec<[u64; 5]> {
    let mut out = vec![[0; 5]; windows];
    for &(window, priority, n) in counted {
        let slot = usize::try_from(priority - 1).ok().filter(|p| *p < 5);
        if let (Some(counts), Some(slot)) = (out.get_mut(window), slot) {
            counts[slot] += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn twelve_months_end_with_the_current_one_across_a_year_boundary() {
        let bounds = month_bounds(NaiveDate::from_ymd_opt(2026, 2, 14).unwrap(), 3);
        let shown: Vec<String> = bounds.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            ["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"]
        );
    }

    #[test]
    fn overlapping_outages_of_one_product_count_once_and_open_ones_until_now() {
        let from = at("2026-01-01T00:00:00Z");
        let to = at("2026-01-11T00:00:00Z");
        let outages = [
            (
                1,
                at("2026-01-02T00:00:00Z"),
                Some(at("2026-01-04T00:00:00Z")),
            ),
            (
                1,
                at("2026-01-03T00:00:00Z"),
                Some(at("2026-01-05T00:00:00Z")),
            ),
            // Opened before the period: only its part inside counts.
            (
                2,
                at("2025-12-20T00:00:00Z"),
                Some(at("2026-01-02T00:00:00Z")),
            ),
            // Still open: down until the end.
            (2, at("2026-01-10T00:00:00Z"), None),
        ];
        // Product 1 down 3 days, product 2 down 2 days, of 2 x 10 days.
        let share = uptime(from, to, 2, &outages).unwrap();
        assert!((share - 0.75).abs() < 1e-9, "{share}");
        assert_eq!(uptime(from, to, 0, &outages), None);
    }

    #[test]
    fn each_group_counts_its_own_outages_and_a_group_without_products_is_left_out() {
        let from = at("2026-01-01T00:00:00Z");
        let to = at("2026-01-11T00:00:00Z");
        let outages = [
            (
                1,
                "ct",
                at("2026-01-01T00:00:00Z"),
                Some(at("2026-01-06T00:00:00Z")),
            ),
            (2, "mr", at("2026-01-01T00:00:00Z"), None),
        ];
        let groups = uptime_by(from, to, &[("ct", 2), ("mr", 1), ("us", 0)], &outages);
        let shares: Vec<_> = groups
            .iter()
            .map(|(g, n, u)| (*g, *n, (u * 100.0).round()))
            .collect();
        assert_eq!(shares, [("ct", 2, 75.0), ("mr", 1, 0.0)]);
    }

    #[test]
    fn cases_fall_in_their_window_and_priority_and_strays_are_dropped() {
        let counted = [
            (0, 1, 2),
            (1, 5, 1),
            (1, 3, 4),
            (2, 1, 9),
            (0, 0, 7),
            (0, 6, 7),
        ];
        assert_eq!(by_priority(2, &counted), [[2, 0, 0, 0, 0], [0, 0, 4, 0, 1]]);
    }
}
