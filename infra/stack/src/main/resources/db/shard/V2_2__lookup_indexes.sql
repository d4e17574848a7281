-- Point look-ups by case-folded e-mail: the query service's scatter-gather fallback and the
-- reconciliation's re-check both search `lower(email)` on live customers.
CREATE INDEX customers_lower_email_idx ON customers (lower(email)) WHERE NOT deleted;
