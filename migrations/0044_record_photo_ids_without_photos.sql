-- Before migration 0043 a person's `data.photos` and a work of art's `data.images` held ids
-- that nothing checked and no picture stood behind. A record's photo ids must now name its
-- photographs (src/records/photo-claims.ts), so a correction sending such a record's data
-- back — as the web form does — or the nightly re-import of its line would be refused for
-- ids its owner never chose. The ids that name none of the record's photographs are taken
-- out of its data (its history keeps them); the list goes when none is left. Reads the
-- records of these two kinds that have such a list, and writes only those.
UPDATE records r
SET data = CASE WHEN kept.ids = '[]'::jsonb THEN r.data - kept.field ELSE jsonb_set(r.data, ARRAY[kept.field], kept.ids) END
FROM (
  SELECT r2.id, f.field,
    COALESCE((
      SELECT jsonb_agg(x.id ORDER BY x.n)
      FROM jsonb_array_elements_text(r2.data -> f.field) WITH ORDINALITY AS x(id, n)
      WHERE EXISTS (SELECT 1 FROM record_photos p WHERE p.id::text = lower(x.id) AND p.record_id = r2.id)
    ), '[]'::jsonb) AS ids
  FROM records r2
  JOIN (VALUES ('person', 'photos'), ('work-of-art', 'images')) AS f(kind, field) ON f.kind = r2.kind
  WHERE jsonb_typeof(r2.data -> f.field) = 'array'
) kept
WHERE r.id = kept.id AND kept.ids IS DISTINCT FROM r.data -> kept.field;
