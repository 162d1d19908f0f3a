// The latest publication year in the graph that is not in the future: "now" for recency,
// so the same graph scores the same on any day.
// Contract: $current_year (int); returns year (int or null).
MATCH (w:Work)
WHERE w.year IS NOT NULL AND w.year <= $current_year
RETURN max(w.year) AS year
