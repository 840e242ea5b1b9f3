import type { Migration } from './index.js';

export const caseTags: Migration = {
  name: 'case tags: the session tags, on cases',
  sql: `
-- The same tags (names and colours) as sessions carry; a link goes with its case or its tag.
CREATE TABLE case_tags (
  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (case_id, tag_id)
) WITHOUT ROWID;
-- "Cases with tag T" (the case list filter) reads by tag.
CREATE INDEX case_tags_tag ON case_tags (tag_id, case_id);
`,
};
