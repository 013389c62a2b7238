/**
 * A column read as text inside SQLite's JSON functions. A BLOB where text belongs (only a
 * hand-edited database has one) is read as UTF-8 text: the JSON functions would otherwise
 * fail on it or, worse, take it for binary JSON (JSONB) and print something else — a name
 * 'Guest' stored as a BLOB reads as the JSONB text "uest".
 */
export const blobAsText = (column: string): string =>
  `CASE typeof(${column}) WHEN 'blob' THEN CAST(${column} AS TEXT) ELSE ${column} END`;
