/**
 * Records' summaries in the reader's language (web/src/screens/records/summary.ts): in English
 * the line the server writes (src/records/kinds/*.ts), and the same line in French and Arabic.
 */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../src/records/kinds/index.ts';
import ar from '../../web/src/i18n/locales/ar.ts';
import en from '../../web/src/i18n/locales/en.ts';
import fr from '../../web/src/i18n/locales/fr.ts';
import { summaryParts, summaryText } from '../../web/src/screens/records/summary.ts';

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Records of every kind, with the server's tests' data (src/records/kinds/*.test.ts). */
const EXAMPLES: [kind: string, data: Record<string, unknown>][] = [
  [
    'person',
    {
      names: [{ full: 'Анна Эрикссон' }, { full: 'Anna Eriksson' }],
      sex: 'F',
      dateOfBirth: '1974-08-12',
      nationalities: ['SE', 'FI'],
      status: 'missing',
    },
  ],
  ['person', { names: [{ full: 'Anna Maria Eriksson' }], status: 'wanted' }],
  ['person', { names: [{ full: 'Anna Maria Eriksson' }], status: 'known-offender', sex: 'M' }],
  ['travel-document', { number: '19FF 12345', type: 'passport', issuingCountry: 'FR', status: 'stolen' }],
  ['travel-document', { number: 'x 12', type: 'id-card', issuingCountry: 'FR', status: 'lost' }],
  [
    'travel-document',
    { number: '19FF12345', type: 'blank-document', issuingCountry: 'FR', status: 'stolen' },
  ],
  ['travel-document', { number: 'L898902C<', type: 'other', issuingCountry: 'SE', status: 'revoked' }],
  [
    'vehicle',
    {
      vin: '1M8GDM9AXKP042788',
      plate: 'AB-123-CD',
      registrationCountry: 'FR',
      make: 'Toyota',
      model: 'Hilux',
      colour: 'white',
      year: 2019,
    },
  ],
  ['vehicle', { vin: '1m8gdm9axkp042788' }],
  ['vessel', { imo: 'IMO 9074729', name: 'Ocean Pearl', flag: 'PA' }],
  ['vessel', { hullId: 'abc12345d404' }],
  ['firearm', { serialNumber: 'ABC-00123', make: 'Glock', model: '17', calibre: '9×19mm', type: 'pistol' }],
  ['firearm', { serialNumber: '1', make: 'Beretta' }],
  [
    'work-of-art',
    {
      title: 'Queen Mother Pendant Mask',
      artist: 'Court of Benin',
      objectType: 'mask',
      dimensions: '23.8 cm',
    },
  ],
  ['work-of-art', { title: 'Landscape', objectType: 'painting' }],
  ['crypto-wallet', { chain: 'bitcoin', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' }],
  ['crypto-wallet', { chain: 'ethereum', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' }],
  ['financial-account', { iban: 'DE89 3704 0044 0532 0130 00', holder: 'Example Trading Ltd' }],
  ['financial-account', { accountNumber: '1234-5678-90', bankId: '021000021', bankName: 'Example Bank' }],
  ['cyber-indicator', { type: 'ip', value: '10.1.2.3' }],
  ['cyber-indicator', { type: 'ip', value: '10.0.0.0/8' }],
  ['cyber-indicator', { type: 'domain', value: 'Evil[.]com' }],
  ['cyber-indicator', { type: 'email', value: 'Fraud[@]example[.]org' }],
  ['cyber-indicator', { type: 'hash', value: SHA256 }],
  ['cyber-indicator', { type: 'hash', value: 'MD5:D41D8CD98F00B204E9800998ECF8427E' }],
];

const translators: Record<string, TFunction> = {};

beforeAll(async () => {
  for (const [language, messages] of Object.entries({ en, fr, ar })) {
    const instance = i18next.createInstance();
    await instance.init({
      resources: { [language]: { translation: messages }, en: { translation: en } },
      lng: language,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    });
    translators[language] = instance.t;
  }
});

const say = (language: string, kind: string, data: unknown, summary = 'SERVER SUMMARY') =>
  summaryText({ kind, data, summary }, translators[language]!);

describe('record summaries in the reader’s language', () => {
  it('says in English what the server says, for every kind', () => {
    for (const [kind, data] of EXAMPLES) {
      expect(say('en', kind, data), kind).toBe(RECORD_KINDS[kind]!.summary(data));
    }
    expect(new Set(EXAMPLES.map(([kind]) => kind))).toEqual(new Set(Object.keys(RECORD_KINDS)));
  });

  it('says it in French', () => {
    expect(EXAMPLES.map(([kind, data]) => say('fr', kind, data))).toEqual([
      'Disparue : Анна Эрикссон (née 1974-08-12, SE/FI)',
      'Recherché : Anna Maria Eriksson',
      'Délinquant connu : Anna Maria Eriksson',
      'Passeport 19FF12345 (FR), volé',
      'Carte d’identité X12 (FR), perdue',
      'Document vierge 19FF12345 (FR), volé',
      'Document de voyage L898902C (SE), révoqué',
      'Véhicule Toyota Hilux 2019, white, VIN 1M8GDM9AXKP042788, immatriculation AB123CD (FR)',
      'Véhicule, VIN 1M8GDM9AXKP042788',
      'Navire « Ocean Pearl », n° OMI 9074729, pavillon PA',
      'Navire, n° de coque ABC12345D404',
      'Arme à feu Glock 17 (9×19mm), pistolet, n° de série ABC00123',
      'Arme à feu Beretta, n° de série 1',
      'Mask « Queen Mother Pendant Mask » de Court of Benin',
      'Painting « Landscape »',
      'Portefeuille Bitcoin bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'Portefeuille Ethereum 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      'Compte financier : IBAN DE89370400440532013000, titulaire Example Trading Ltd',
      'Compte financier : compte 1234-5678-90 auprès de Example Bank',
      'Adresse IP 10.1.2.3',
      'Plage IP 10.0.0.0/8',
      'Domaine evil.com',
      'Adresse e-mail fraud@example.org',
      `Empreinte de fichier ${SHA256} (SHA-256)`,
      'Empreinte de fichier d41d8cd98f00b204e9800998ecf8427e (MD5)',
    ]);
  });

  it('says it in Arabic, with the status agreeing with the document and the person', () => {
    expect(EXAMPLES.map(([kind, data]) => say('ar', kind, data))).toEqual([
      'مفقودة: Анна Эрикссон (مواليد 1974-08-12، SE/FI)',
      'مطلوب: Anna Maria Eriksson',
      'مجرم معروف: Anna Maria Eriksson',
      'جواز سفر 19FF12345 (FR)، مسروق',
      'بطاقة هوية X12 (FR)، مفقودة',
      'وثيقة فارغة 19FF12345 (FR)، مسروقة',
      'وثيقة سفر L898902C (SE)، ملغاة',
      'مركبة Toyota Hilux 2019، white، رقم الهيكل 1M8GDM9AXKP042788، اللوحة AB123CD (FR)',
      'مركبة، رقم الهيكل 1M8GDM9AXKP042788',
      'سفينة «Ocean Pearl»، رقم IMO 9074729، العلم PA',
      'سفينة، رقم البدن ABC12345D404',
      'سلاح ناري Glock 17 (9×19mm)، مسدس، الرقم التسلسلي ABC00123',
      'سلاح ناري Beretta، الرقم التسلسلي 1',
      'Mask «Queen Mother Pendant Mask» من أعمال Court of Benin',
      'Painting «Landscape»',
      'محفظة Bitcoin bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'محفظة Ethereum 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      'حساب مالي: IBAN DE89370400440532013000، صاحب الحساب Example Trading Ltd',
      'حساب مالي: الحساب 1234-5678-90 لدى Example Bank',
      'عنوان IP 10.1.2.3',
      'نطاق عناوين IP 10.0.0.0/8',
      'نطاق evil.com',
      'عنوان بريد إلكتروني fraud@example.org',
      `بصمة ملف ${SHA256} (SHA-256)`,
      'بصمة ملف d41d8cd98f00b204e9800998ecf8427e (MD5)',
    ]);
  });

  it('isolates names and identifiers from the line around them', () => {
    const [kind, data] = EXAMPLES[0]!;
    expect(summaryParts(kind, data, translators.ar!)).toEqual([
      'مفقودة: ',
      { value: 'Анна Эрикссон', dir: 'auto' },
      ' (مواليد ',
      { value: '1974-08-12', dir: 'ltr' },
      '، ',
      { value: 'SE/FI', dir: 'ltr' },
      ')',
    ]);
  });

  it('shows the server’s summary for a kind or data it does not know', () => {
    expect(say('fr', 'spaceship', { name: 'Enterprise' })).toBe('SERVER SUMMARY');
    expect(say('fr', 'constructor', {})).toBe('SERVER SUMMARY');
    expect(say('fr', 'travel-document', null)).toBe('SERVER SUMMARY');
    expect(say('fr', 'travel-document', { number: 'X1', type: 'passport', issuingCountry: 'FR' })).toBe(
      'SERVER SUMMARY',
    );
    expect(
      say('fr', 'travel-document', { number: 42, type: 'passport', issuingCountry: 'FR', status: 'lost' }),
    ).toBe('SERVER SUMMARY');
    expect(say('fr', 'person', { names: 'Anna' })).toBe('SERVER SUMMARY');
    expect(say('fr', 'vehicle', { plate: 'AB-123-CD' })).toBe('SERVER SUMMARY');
    expect(say('fr', 'cyber-indicator', { type: 'hash', value: 'abc' })).toBe('SERVER SUMMARY');
    expect(say('fr', 'financial-account', { holder: 'Example Trading Ltd' })).toBe('SERVER SUMMARY');
  });
});
