import type { Context } from '../platform/context.ts';

/**
 * The demo network's 24/7 directory: each demo country's cybercrime unit on duty, so that
 * urgent requests have somewhere to go from the first start. Numbers are fictitious.
 */
const DEMO_CONTACT_POINTS = [
  { country: 'KE', unit: '24/7 Cybercrime Desk, DCI', phone: '+254 20 000 0247', languages: ['en', 'sw'] },
  { country: 'FR', unit: 'Point de contact 24/7, OFAC', phone: '+33 1 00 00 02 47', languages: ['fr', 'en'] },
  {
    country: 'BR',
    unit: 'Ponto de contato 24/7, Polícia Federal',
    phone: '+55 61 0000 0247',
    languages: ['pt', 'en', 'es'],
  },
  { country: 'SG', unit: '24/7 Cybercrime Command', phone: '+65 6000 0247', languages: ['en', 'zh'] },
  {
    country: 'US',
    unit: '24/7 High Tech Crime Network Point of Contact',
    phone: '+1 202 000 0247',
    languages: ['en', 'es'],
  },
];

export async function seedMessagingDemo(ctx: Context): Promise<void> {
  const now = ctx.clock.now();
  const units = new Set(
    (
      await ctx.db
        .selectFrom('agencies')
        .select('code')
        .where(
          'code',
          'in',
          DEMO_CONTACT_POINTS.map((c) => `${c.country}-CYBER`),
        )
        .execute()
    ).map((a) => a.code),
  );
  const rows = DEMO_CONTACT_POINTS.filter((c) => units.has(`${c.country}-CYBER`)).map((c) => ({
    country: c.country,
    agency_code: `${c.country}-CYBER`,
    unit_name: c.unit,
    phone: c.phone,
    email: `cyber247@${c.country.toLowerCase()}.example`,
    languages: c.languages,
    hours: '24/7',
    powers: [
      'preservation',
      'partial-disclosure-traffic-data',
      'subscriber-information',
      'emergency-disclosure',
    ],
    on_call_name: null,
    on_call_phone: null,
    notes: 'Demo entry',
    updated_by: 'system',
    updated_at: now,
  }));
  if (rows.length === 0) return;
  await ctx.db
    .insertInto('contact_points')
    .values(rows)
    .onConflict((oc) => oc.column('country').doNothing())
    .execute();
}
