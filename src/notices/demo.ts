import { agencySystemPrincipal, type Principal, systemPrincipal } from '../access/principal.ts';
import { agencyRef, findAgency } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import { createRecord } from '../records/service.ts';
import { storeImage } from './images.ts';
import { portraitPng } from './portrait.ts';
import { createNotice, type NoticeInput } from './service.ts';
import { NOTICE_TYPES, type NoticeType } from './types.ts';
import { circulateDiffusion, decide, startReview, submitNotice } from './workflow.ts';

/**
 * Demo notices for a new embedded database (`npm start`): published notices of every type —
 * 20 Red, 5 Yellow and 3 UN with public extracts, several with photographs — a Silver
 * Notice on asset records, diffusions, and a few requests waiting in the review queue, so
 * that the public API and every screen have something real to show. Made through the same
 * services as real requests: person records, drafts, submission and its automatic checks,
 * review and publication with signatures.
 */

interface Person {
  given: string;
  family: string;
  full?: string;
  script?: string;
  alias?: string;
  original?: string;
  sex: 'M' | 'F';
  dob: string;
  nationality: string;
  birthPlace?: string;
  marks?: string[];
  passport?: string;
}

const RED: { owner: string; person: Person; charges: string; law: string; years: number; facts: string }[] = [
  {
    owner: 'KE',
    person: {
      given: 'Daniel',
      family: 'Otieno Mwangi',
      sex: 'M',
      dob: '1984-03-12',
      nationality: 'KE',
      birthPlace: 'Kisumu',
      passport: 'AK1234567',
    },
    charges: 'Fraud by false representation and money laundering through mobile-money accounts',
    law: 'Penal Code s. 313; Proceeds of Crime and Anti-Money Laundering Act s. 3',
    years: 14,
    facts:
      'Between March 2023 and January 2025 the person ran a network of fake investment platforms that took about 380 million shillings from more than 4,000 victims, moving the proceeds through mobile-money agents and crypto exchanges.',
  },
  {
    owner: 'KE',
    person: {
      given: 'Grace',
      family: 'Wanjiru',
      sex: 'F',
      dob: '1990-07-01',
      nationality: 'KE',
      birthPlace: 'Nakuru',
    },
    charges: 'Trafficking in persons',
    law: 'Counter-Trafficking in Persons Act s. 3',
    years: 30,
    facts:
      'The person recruited young women with offers of domestic work abroad and sold them to exploiters; twelve victims identified in 2024.',
  },
  {
    owner: 'KE',
    person: {
      given: 'Anatoly',
      family: 'Zhukovsky',
      original: 'Жуковский Анатолий Петрович',
      sex: 'M',
      dob: '1976-04-09',
      nationality: 'RU',
      birthPlace: 'Tula',
      marks: ['Scar on the left cheek'],
    },
    charges: 'Unauthorised access to computer systems and extortion (ransomware)',
    law: 'Computer Misuse and Cybercrimes Act s. 14, s. 21',
    years: 20,
    facts:
      'The person administered ransomware infrastructure used against the Kenyan national hospital insurance fund in 2024, encrypting patient records and demanding 5 million US dollars in bitcoin.',
  },
  {
    owner: 'FR',
    person: {
      given: 'Jean-Pierre',
      family: 'Dubois',
      sex: 'M',
      dob: '1968-11-23',
      nationality: 'FR',
      birthPlace: 'Lyon',
    },
    charges: 'Escroquerie en bande organisée et blanchiment',
    law: 'Code pénal art. 313-2, 324-1',
    years: 10,
    facts:
      'La personne dirigeait un réseau de fraude au président ayant détourné 12 millions d’euros auprès de sociétés françaises entre 2021 et 2023.',
  },
  {
    owner: 'FR',
    person: {
      given: 'Karim',
      family: 'Benali',
      sex: 'M',
      dob: '1987-05-30',
      nationality: 'DZ',
      birthPlace: 'Oran',
    },
    charges: 'Trafic de stupéfiants en bande organisée',
    law: 'Code pénal art. 222-36',
    years: 30,
    facts:
      'La personne organisait l’importation de résine de cannabis par voie maritime, 4,2 tonnes saisies à Marseille en 2024.',
  },
  {
    owner: 'FR',
    person: {
      given: 'Elena',
      family: 'Popescu',
      sex: 'F',
      dob: '1979-01-14',
      nationality: 'RO',
      birthPlace: 'Iași',
    },
    charges: 'Traite des êtres humains',
    law: 'Code pénal art. 225-4-1',
    years: 10,
    facts:
      'La personne exploitait des mineurs contraints à commettre des vols dans les transports parisiens entre 2022 et 2024.',
  },
  {
    owner: 'BR',
    person: {
      given: 'Marcos',
      family: 'da Silva Santos',
      sex: 'M',
      dob: '1981-09-09',
      nationality: 'BR',
      birthPlace: 'Recife',
    },
    // Brazil writes to the network in English, one of its working languages (notices are
    // written in English, French, Spanish or Arabic); the laws keep their Portuguese names.
    charges: 'International drug trafficking and criminal association',
    law: 'Lei 11.343/2006 art. 33, 35',
    years: 15,
    facts:
      'The person coordinated shipments of cocaine to Europe hidden in fruit containers through the port of Santos.',
  },
  {
    owner: 'BR',
    person: {
      given: 'Ana Paula',
      family: 'Ferreira',
      sex: 'F',
      dob: '1992-02-18',
      nationality: 'BR',
      birthPlace: 'Belo Horizonte',
    },
    charges: 'Electronic fraud and money laundering',
    law: 'Código Penal art. 171 §2-A; Lei 9.613/1998',
    years: 8,
    facts:
      'The person ran messaging-app scam call centres that cost elderly victims 40 million reais in 2023.',
  },
  {
    owner: 'BR',
    person: {
      given: 'Wellington',
      family: 'Costa Lima',
      sex: 'M',
      dob: '1979-04-29',
      nationality: 'BR',
      birthPlace: 'Goiânia',
    },
    charges: 'Aggravated homicide',
    law: 'Código Penal art. 121 §2',
    years: 30,
    facts: 'The person is accused of killing two environmental inspectors in an ambush in Pará in 2022.',
  },
  {
    owner: 'SG',
    person: {
      given: 'Qiang',
      family: 'Li',
      original: '李强',
      script: 'Hani',
      sex: 'M',
      dob: '1983-06-01',
      nationality: 'CN',
      birthPlace: 'Fuzhou',
    },
    charges: 'Cheating and money laundering (investment scam syndicate)',
    law: 'Penal Code s. 420; CDSA s. 54',
    years: 10,
    facts:
      'The person led a syndicate running fake cryptocurrency trading platforms that cheated 1,200 victims in Singapore of 48 million dollars in 2023 and 2024.',
  },
  {
    owner: 'SG',
    person: {
      given: 'Ravi',
      family: 'Kumar',
      sex: 'M',
      dob: '1976-12-05',
      nationality: 'IN',
      birthPlace: 'Chennai',
    },
    charges: 'Criminal breach of trust as an agent',
    law: 'Penal Code s. 409',
    years: 20,
    facts:
      'As finance director of a shipping company the person diverted 22 million dollars of client escrow funds to accounts abroad.',
  },
  {
    owner: 'SG',
    person: {
      given: 'Nur Aisyah',
      family: 'binti Hassan',
      sex: 'F',
      dob: '1988-08-08',
      nationality: 'MY',
      birthPlace: 'Johor Bahru',
    },
    charges: 'Drug trafficking',
    law: 'Misuse of Drugs Act s. 5',
    years: 20,
    facts: 'The person organised couriers bringing methamphetamine through the Woodlands checkpoint in 2024.',
  },
  {
    owner: 'US',
    person: {
      given: 'John',
      family: 'Okafor',
      sex: 'M',
      dob: '1985-10-10',
      nationality: 'NG',
      birthPlace: 'Enugu',
    },
    charges: 'Wire fraud conspiracy (business e-mail compromise)',
    law: '18 U.S.C. § 1349',
    years: 20,
    facts:
      'The person took part in a business e-mail compromise scheme that diverted 31 million dollars of real-estate closing funds between 2019 and 2023.',
  },
  {
    owner: 'US',
    person: {
      given: 'Dmitry',
      family: 'Kozlov',
      original: 'Козлов Дмитрий',
      sex: 'M',
      dob: '1980-02-27',
      nationality: 'RU',
      birthPlace: 'Yekaterinburg',
    },
    charges: 'Conspiracy to commit computer intrusion and wire fraud',
    law: '18 U.S.C. § 371, § 1030, § 1343',
    years: 20,
    facts:
      'The person developed and rented out banking malware used to steal credentials from thousands of US businesses.',
  },
  {
    owner: 'US',
    person: {
      given: 'Maria',
      family: 'Gonzalez Ruiz',
      sex: 'F',
      dob: '1977-03-19',
      nationality: 'MX',
      birthPlace: 'Culiacán',
    },
    charges: 'Conspiracy to distribute fentanyl',
    law: '21 U.S.C. § 846',
    years: 40,
    facts:
      'The person managed the distribution of fentanyl pills through a network of couriers in Arizona between 2021 and 2024.',
  },
  {
    owner: 'US',
    person: {
      given: 'Ahmed',
      family: 'El-Masri',
      original: 'أحمد المصري',
      sex: 'M',
      dob: '1972-07-07',
      nationality: 'EG',
      birthPlace: 'Alexandria',
    },
    charges: 'Health-care fraud',
    law: '18 U.S.C. § 1347',
    years: 10,
    facts:
      'The person billed Medicare for 60 million dollars of medical equipment never delivered, through shell clinics in three states.',
  },
  {
    owner: 'KE',
    person: {
      given: 'Peter',
      family: 'Kamau Njoroge',
      sex: 'M',
      dob: '1970-05-05',
      nationality: 'KE',
      birthPlace: 'Nyeri',
    },
    charges: 'Murder',
    law: 'Penal Code s. 203, s. 204',
    years: 99,
    facts:
      'The person is accused of killing a businessman during a robbery at his home in Karen, Nairobi, in August 2023, and fled the country the next day.',
  },
  {
    owner: 'FR',
    person: {
      given: 'Youssef',
      family: 'Ben Ali',
      original: 'يوسف بن علي',
      sex: 'M',
      dob: '1991-12-24',
      nationality: 'TN',
      birthPlace: 'Sfax',
    },
    charges: 'Vols à main armée en bande organisée',
    law: 'Code pénal art. 311-9',
    years: 20,
    facts: 'La personne a participé à trois attaques de fourgons blindés dans le sud de la France en 2023.',
  },
  {
    owner: 'SG',
    person: {
      given: 'Min-jun',
      family: 'Kim',
      original: '김민준',
      script: 'Hang',
      sex: 'M',
      dob: '1986-09-15',
      nationality: 'KR',
      birthPlace: 'Busan',
    },
    charges: 'Voice-phishing fraud',
    law: 'Penal Code s. 420',
    years: 10,
    facts:
      'The person ran a call centre impersonating police officers that defrauded Singapore residents of 9 million dollars.',
  },
  {
    owner: 'BR',
    person: {
      given: 'Nikos',
      family: 'Papadopoulos',
      original: 'Νίκος Παπαδόπουλος',
      sex: 'M',
      dob: '1974-11-02',
      nationality: 'GR',
      birthPlace: 'Thessaloniki',
    },
    charges: 'Contrabando de armas de fogo',
    law: 'Lei 10.826/2003 art. 18',
    years: 16,
    facts:
      'A pessoa organizou o envio de fuzis desmontados em peças de máquinas agrícolas para o Brasil em 2023.',
  },
];

const YELLOW: {
  owner: string;
  person: Person;
  place: string;
  country: string;
  date: string;
  circumstances: string;
}[] = [
  {
    owner: 'KE',
    person: { given: 'Amani', family: 'Achieng', sex: 'F', dob: '2009-04-11', nationality: 'KE' },
    place: 'Mombasa',
    country: 'KE',
    date: '2025-11-02',
    circumstances:
      'Left her school in Mombasa in the afternoon and did not come home; believed to have travelled towards the Tanzanian border with an adult she met online.',
  },
  {
    owner: 'FR',
    person: { given: 'Léa', family: 'Martin', sex: 'F', dob: '2006-06-20', nationality: 'FR' },
    place: 'Bordeaux',
    country: 'FR',
    date: '2025-08-14',
    circumstances:
      'Disparue après une soirée à Bordeaux ; son téléphone a borné pour la dernière fois près de la frontière espagnole.',
  },
  {
    owner: 'BR',
    person: { given: 'Lucas', family: 'Oliveira', sex: 'M', dob: '1998-01-30', nationality: 'BR' },
    place: 'Foz do Iguaçu',
    country: 'BR',
    date: '2025-03-09',
    circumstances:
      'Desapareceu depois de aceitar uma oferta de emprego no exterior anunciada em rede social.',
  },
  {
    owner: 'SG',
    person: { given: 'Mei Ling', family: 'Tan', sex: 'F', dob: '1950-10-03', nationality: 'SG' },
    place: 'Bedok',
    country: 'SG',
    date: '2025-12-01',
    circumstances:
      'An elderly woman with dementia who left her home in Bedok in the morning and was not seen again.',
  },
  {
    owner: 'US',
    person: { given: 'Ethan', family: 'Walker', sex: 'M', dob: '2010-02-14', nationality: 'US' },
    place: 'El Paso, Texas',
    country: 'US',
    date: '2025-07-21',
    circumstances: 'Believed to have been taken across the border by a parent without custody rights.',
  },
];

const UN: { person: Person; reference: string; narrative: string }[] = [
  {
    person: {
      given: 'Abu Bakr',
      family: 'Al-Baghdadi Al-Qurashi',
      original: 'أبو بكر البغدادي',
      sex: 'M',
      dob: '1971',
      nationality: 'IQ',
    },
    reference: 'QDi.299',
    narrative:
      'Listed for participating in the financing, planning and perpetrating of acts by the Islamic State in Iraq and the Levant.',
  },
  {
    person: { given: 'Hamid', family: 'Rahimi', sex: 'M', dob: '1966-03-01', nationality: 'AF' },
    reference: 'TAi.042',
    narrative: 'Listed as a member of the Taliban regime responsible for finance.',
  },
  {
    person: {
      given: 'Fatima',
      family: 'Al-Zahra Mansour',
      original: 'فاطمة الزهراء منصور',
      sex: 'F',
      dob: '1980',
      nationality: 'YE',
    },
    reference: 'YEi.011',
    narrative: 'Listed for procuring arms in breach of the embargo.',
  },
];

function personData(p: Person, status: string) {
  return {
    names: [
      {
        full: p.full ?? `${p.given} ${p.family}`,
        given: p.given,
        family: p.family,
        script: 'Latn',
        type: 'birth',
      },
      ...(p.original
        ? [
            {
              full: p.original,
              script:
                p.script ??
                (/[\u0600-\u06ff]/.test(p.original)
                  ? 'Arab'
                  : /[\u0400-\u04ff]/.test(p.original)
                    ? 'Cyrl'
                    : /[\u0370-\u03ff]/.test(p.original)
                      ? 'Grek'
                      : 'Hani'),
              type: 'original-script',
            },
          ]
        : []),
      ...(p.alias ? [{ full: p.alias, type: 'alias' }] : []),
    ],
    sex: p.sex,
    dateOfBirth: p.dob,
    ...(p.birthPlace ? { placeOfBirth: p.birthPlace } : {}),
    nationalities: [p.nationality],
    ...(p.marks ? { marks: p.marks } : {}),
    ...(p.passport
      ? { documents: [{ number: p.passport, type: 'passport', issuingCountry: p.nationality }] }
      : {}),
    status,
  };
}

const REVIEWER: Principal = { ...systemPrincipal(), name: 'system@SECRETARIAT (demo review)' };
const CHECKED = (type: NoticeType) =>
  Object.fromEntries(NOTICE_TYPES[type].checklist.map((c) => [c.key, true]));

async function bureau(ctx: Context, code: string): Promise<Principal> {
  const agency = await findAgency(ctx.db, code);
  if (!agency) throw new Error(`demo agency ${code} missing`);
  return agencySystemPrincipal(agencyRef(agency));
}

async function request(
  ctx: Context,
  principal: Principal,
  kind: 'notice' | 'diffusion',
  input: NoticeInput & { type: string },
  options: { photo?: number; until?: 'draft' | 'submitted' | 'published' } = {},
) {
  const draft = await createNotice(ctx, principal, kind, input);
  if (options.photo !== undefined)
    await storeImage(
      ctx.db,
      draft.id,
      principal,
      portraitPng(options.photo),
      'image/png',
      'Photograph provided by the requesting bureau',
      ctx.clock.now(),
    );
  if (options.until === 'draft') return draft;
  if (kind === 'diffusion') return circulateDiffusion(ctx, principal, draft.id);
  const submitted = await submitNotice(ctx, principal, draft.id);
  if (options.until === 'submitted') return submitted;
  await startReview(ctx, REVIEWER, draft.id);
  return decide(ctx, REVIEWER, draft.id, {
    decision: 'publish',
    checklist: CHECKED(input.type as NoticeType),
    reason: 'Demo data: reviewed and found compliant.',
  });
}

async function person(ctx: Context, principal: Principal, p: Person, status: string) {
  return (
    await createRecord(ctx, principal, {
      kind: 'person',
      data: personData(p, status),
      policy: { visibility: 'all' },
    })
  ).id;
}

export async function seedDemoNotices(ctx: Context): Promise<number> {
  const existing = await ctx.db.selectFrom('notices').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  let count = 0;
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const past = (days: number) =>
    new Date(ctx.clock.now().getTime() - days * 86_400_000).toISOString().slice(0, 10);
  for (const [i, r] of RED.entries()) {
    const principal = await bureau(ctx, r.owner);
    const subjectRecordId = await person(ctx, principal, r.person, 'wanted');
    const english = r.owner === 'FR' || r.owner === 'BR';
    await request(
      ctx,
      principal,
      'notice',
      {
        type: 'red',
        subjectRecordId,
        language: r.owner === 'FR' ? 'fr' : 'en',
        publicExtract: i % 7 !== 6,
        data: {
          warrants: [
            {
              kind: 'arrest-warrant',
              issuingCountry: r.owner,
              authority:
                r.owner === 'US'
                  ? 'United States District Court'
                  : r.owner === 'FR'
                    ? 'Tribunal judiciaire de Paris'
                    : 'High Court',
              number: `${r.owner}-AW-${2024 + (i % 2)}-${100 + i}`,
              date: past(200 + i * 11),
              charges: r.charges,
              law: r.law,
              maxPenaltyYears: r.years,
              ...(r.years >= 99 ? { lifeImprisonment: true } : {}),
            },
          ],
          facts: r.facts,
          extraditionCommitment: true,
          heightM: 1.6 + (i % 5) * 0.05,
          weightKg: 60 + (i % 6) * 6,
          eyeColours: [i % 3 === 0 ? 'BRO' : i % 3 === 1 ? 'BLA' : 'BLU'],
          hairColours: [i % 4 === 0 ? 'BLA' : i % 4 === 1 ? 'BRO' : i % 4 === 2 ? 'GRY' : 'BLA'],
          languages: r.owner === 'FR' ? ['FRE'] : r.owner === 'BR' ? ['POR'] : ['ENG'],
        },
        ...(english && r.owner === 'FR'
          ? {
              translations: {
                en: {
                  '/facts': `English translation: ${r.facts}`,
                  '/warrants/0/charges': 'Organised fraud and money laundering',
                },
              },
            }
          : {}),
      },
      { ...(i % 3 !== 2 ? { photo: i } : {}) },
    );
    count++;
  }
  for (const [i, y] of YELLOW.entries()) {
    const principal = await bureau(ctx, y.owner);
    const subjectRecordId = await person(ctx, principal, y.person, 'missing');
    await request(
      ctx,
      principal,
      'notice',
      {
        type: 'yellow',
        subjectRecordId,
        publicExtract: true,
        data: {
          disappearanceDate: y.date < today ? y.date : past(30),
          disappearancePlace: y.place,
          disappearanceCountry: y.country,
          circumstances: y.circumstances,
          languages: ['ENG'],
        },
      },
      { photo: 40 + i },
    );
    count++;
  }
  for (const [i, u] of UN.entries()) {
    const subjectRecordId = await person(ctx, systemPrincipal(), u.person, 'known-offender');
    await request(
      ctx,
      systemPrincipal(),
      'notice',
      {
        type: 'un',
        subjectRecordId,
        publicExtract: true,
        data: {
          committee:
            i === 1
              ? '1988 Taliban Sanctions Committee'
              : i === 2
                ? '2140 Yemen Sanctions Committee'
                : '1267/1989/2253 ISIL (Da’esh) and Al-Qaida Sanctions Committee',
          unReference: u.reference,
          resolution: i === 1 ? 1988 : i === 2 ? 2140 : 1267,
          listedOn: past(800 + i * 100),
          sanctions: ['asset-freeze', 'travel-ban', 'arms-embargo'],
          narrative: u.narrative,
        },
      },
      i === 0 ? { photo: 60 } : {},
    );
    count++;
  }
  // One of each other type.
  const ke = await bureau(ctx, 'KE');
  const fr = await bureau(ctx, 'FR');
  const us = await bureau(ctx, 'US');
  const blueSubject = await person(
    ctx,
    fr,
    {
      given: 'Olga',
      family: 'Smirnova',
      original: 'Смирнова Ольга',
      sex: 'F',
      dob: '1989-09-09',
      nationality: 'RU',
    },
    'suspect',
  );
  await request(ctx, fr, 'notice', {
    type: 'blue',
    subjectRecordId: blueSubject,
    data: {
      offence: 'Fraude aux faux ordres de virement',
      informationSought: 'Identité réelle, lieux de séjour et comptes bancaires utilisés.',
      facts:
        'La personne est soupçonnée d’avoir ouvert des comptes de passage pour un réseau de fraude au président en 2024, sous plusieurs identités.',
    },
  });
  const blackSubject = await person(
    ctx,
    ke,
    {
      given: 'Unknown',
      family: 'Man',
      full: 'Unidentified man (Lake Naivasha)',
      sex: 'M',
      dob: '1985',
      nationality: 'KE',
    },
    'unidentified',
  );
  await request(ctx, ke, 'notice', {
    type: 'black',
    subjectRecordId: blackSubject,
    data: {
      discoveryDate: past(60),
      discoveryPlace: 'Shore of Lake Naivasha',
      discoveryCountry: 'KE',
      circumstances:
        'Body of a man aged 35 to 45 found on the shore; tattoo of an anchor on the right forearm.',
      estimatedAge: '35–45',
    },
  });
  const greenSubject = await person(
    ctx,
    us,
    { given: 'Victor', family: 'Hale', sex: 'M', dob: '1969-01-01', nationality: 'US' },
    'known-offender',
  );
  await request(ctx, us, 'notice', {
    type: 'green',
    subjectRecordId: greenSubject,
    data: {
      offences: 'Sexual offences against children',
      activities:
        'Convicted twice of sexual abuse of minors; travels to South-East Asia and seeks work with children.',
      threatAssessment: 'Assessed as a high risk of reoffending abroad.',
    },
  });
  await request(ctx, fr, 'notice', {
    type: 'orange',
    data: {
      threatKind: 'object',
      threat: 'Parcel bombs disguised as e-commerce returns sent to logistics centres in Europe.',
      precautions:
        'Do not open unexpected return parcels with batteries visible on X-ray; call bomb disposal.',
    },
  });
  await request(ctx, ke, 'notice', {
    type: 'purple',
    data: {
      offence: 'SIM-swap fraud',
      modusOperandi:
        'Insiders at mobile operators swap victims’ SIM cards to take over mobile-money and bank accounts within minutes.',
      objects: 'Cloned SIM cards, forged national identity cards.',
    },
  });
  const wallet = await createRecord(ctx, ke, {
    kind: 'crypto-wallet',
    data: { chain: 'ethereum', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
  });
  // Threat data both ways with the demo partner: what Kenya marks for it (its "Shared with
  // us"), and what it contributes (a "Private partner" hit for the members).
  await createRecord(ctx, ke, {
    kind: 'cyber-indicator',
    data: {
      type: 'domain',
      value: 'mpesa-refund-portal.example',
      description: 'Phishing site imitating a mobile-money refund page; credentials sent to a Telegram bot.',
      firstSeen: '2026-10-02',
    },
    policy: { visibility: 'allow', agencies: ['PARTNER-SENTINEL'], tlp: 'AMBER', evaluation: 'B2' },
  });
  const partner = await findAgency(ctx.db, 'PARTNER-SENTINEL');
  if (partner)
    await createRecord(ctx, agencySystemPrincipal(agencyRef(partner)), {
      kind: 'cyber-indicator',
      data: {
        type: 'ip',
        value: '198.51.100.77',
        description: 'Command-and-control server of a banking trojan seen in East Africa.',
        firstSeen: '2026-09-14',
        lastSeen: '2026-11-30',
      },
      policy: { visibility: 'all', tlp: 'GREEN', evaluation: 'B2' },
    });
  const silverSubject = await person(
    ctx,
    ke,
    { given: 'Samuel', family: 'Kiprop', sex: 'M', dob: '1978-02-02', nationality: 'KE' },
    'wanted',
  );
  await request(ctx, ke, 'notice', {
    type: 'silver',
    subjectRecordId: silverSubject,
    assetRecordIds: [wallet.id],
    data: {
      offence: 'Corruption and money laundering',
      facts: 'Public procurement officer who took bribes of about 2 million dollars in 2022 and 2023.',
      assetLinks:
        'The bribes were converted to ether and sent to the wallet named; a villa in Dubai was bought with the proceeds.',
      otherAssets: [
        {
          kind: 'property',
          description: 'Villa, Palm Jumeirah',
          country: 'AE',
          link: 'Bought in cash in 2023',
        },
      ],
    },
  });
  count += 6;
  // Diffusions: a wanted person to neighbouring countries; a missing person to all.
  const diffusionSubject = await person(
    ctx,
    ke,
    { given: 'Hassan', family: 'Abdi Farah', sex: 'M', dob: '1993-06-06', nationality: 'SO' },
    'wanted',
  );
  await request(ctx, ke, 'diffusion', {
    type: 'red',
    subjectRecordId: diffusionSubject,
    audience: { visibility: 'allow', countries: ['UG', 'TZ', 'SO', 'FR'] },
    data: {
      warrants: [
        {
          kind: 'arrest-warrant',
          issuingCountry: 'KE',
          authority: 'Chief Magistrate’s Court, Milimani',
          date: past(20),
          charges: 'Robbery with violence',
          law: 'Penal Code s. 296(2)',
          maxPenaltyYears: 99,
          lifeImprisonment: true,
        },
      ],
      facts:
        'The person led an armed gang that robbed a cash-in-transit van on Mombasa Road on the first of the month and is believed to be heading for the border.',
      extraditionCommitment: true,
    },
  });
  count++;
  // Waiting for the secretariat: two requests in the review queue.
  const queued = await person(
    ctx,
    fr,
    { given: 'Marc', family: 'Lefèvre', sex: 'M', dob: '1983-04-04', nationality: 'FR' },
    'wanted',
  );
  await request(
    ctx,
    fr,
    'notice',
    {
      type: 'red',
      subjectRecordId: queued,
      language: 'fr',
      data: {
        warrants: [
          {
            kind: 'arrest-warrant',
            issuingCountry: 'FR',
            authority: 'Juge d’instruction, Tribunal judiciaire de Marseille',
            date: past(40),
            charges: 'Abus de biens sociaux',
            law: 'Code de commerce art. L241-3',
            maxPenaltyYears: 5,
          },
        ],
        facts: 'Gérant ayant détourné les fonds de sa société avant sa liquidation.',
        extraditionCommitment: true,
      },
    },
    { until: 'submitted' },
  );
  const queued2 = await person(
    ctx,
    us,
    { given: 'Alan', family: 'Ross', sex: 'M', dob: '1990-10-10', nationality: 'US' },
    'wanted',
  );
  await request(
    ctx,
    us,
    'notice',
    {
      type: 'red',
      subjectRecordId: queued2,
      data: {
        warrants: [
          {
            kind: 'arrest-warrant',
            issuingCountry: 'US',
            authority: 'United States District Court, Southern District of New York',
            date: past(15),
            charges: 'Securities fraud',
            law: '15 U.S.C. § 78j(b)',
            maxPenaltyYears: 20,
          },
        ],
        facts:
          'The person ran a pump-and-dump scheme on thinly traded stocks through social-media accounts, taking 14 million dollars from retail investors in 2024.',
        extraditionCommitment: true,
      },
    },
    { until: 'submitted', photo: 77 },
  );
  count += 2;
  return count;
}
