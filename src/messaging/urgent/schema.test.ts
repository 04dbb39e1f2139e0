import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../platform/validation.ts';
import { FORM_FIELD_LABELS, URGENT_FORMS } from './schema.ts';

describe('urgent request forms', () => {
  it('give every field a heading for the message text', () => {
    const fields = Object.values(URGENT_FORMS).flatMap((form) => Object.keys(form.properties));
    expect(fields.filter((name) => !FORM_FIELD_LABELS[name])).toEqual([]);
  });

  it('say plainly what a yes-or-no field takes', () => {
    const errors = schemaErrors(URGENT_FORMS.preservation, { mlaToFollow: true }, '/body/form');
    expect(errors.find((e) => e.field === '/body/form/mlaToFollow')?.message).toMatch(/yes.*no/);
    expect(errors.find((e) => e.field === '/body/form/mlaToFollow')?.message).not.toMatch(/text/);
  });
});
