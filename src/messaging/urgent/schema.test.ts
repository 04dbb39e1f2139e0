import { describe, expect, it } from 'vitest';
import { FORM_FIELD_LABELS, URGENT_FORMS } from './schema.ts';

describe('urgent request forms', () => {
  it('give every field a heading for the message text', () => {
    const fields = Object.values(URGENT_FORMS).flatMap((form) => Object.keys(form.properties));
    expect(fields.filter((name) => !FORM_FIELD_LABELS[name])).toEqual([]);
  });
});
