import i18n from 'i18next';

/**
 * The server names what is wrong with a field in English (docs/api.md: the message is for
 * people, the field pointer for programs). Its generic sentences — those of the request
 * validator, and a few every form meets — are said here in the reader's language; a message
 * not in this table (a rule of one kind of record, say) is shown as the server wrote it.
 */
type Rule = [RegExp, (m: RegExpExecArray) => string];
type Table = Rule[];

const FR: Table = [
  // Sharing a record that is not threat data with a private partner (src/records/service.ts).
  [
    /^(\S+) is a private partner, not a police member: it will read this (\S+) record in full/,
    (m) =>
      `${m[1]} est un partenaire privé, non un membre policier : il lira cette fiche (${m[2]}) en entier — ne communiquez des données personnelles à une entreprise que si votre droit le permet`,
  ],
  // Uploaded photographs (src/platform/images.ts) and a notice's subject (src/notices/service.ts).
  [/^must be base64$/, () => 'doit être encodé en base64'],
  [/^at most (\d+) bytes$/, (m) => `${m[1]} octets au plus`],
  [/^is neither a JPEG nor a PNG image$/, () => 'n’est ni une image JPEG ni une image PNG'],
  [/^the image is (\S+), not (\S+)$/, (m) => `l’image est au format ${m[1]}, non ${m[2]}`],
  [/^the image’s dimensions cannot be read$/, () => 'les dimensions de l’image ne peuvent pas être lues'],
  [
    /^images are at most (\d+) pixels a side and (\d+) megapixels; this one is (\d+) × (\d+)$/,
    (m) =>
      `une image fait au plus ${m[1]} pixels de côté et ${m[2]} mégapixels ; celle-ci fait ${m[3]} × ${m[4]}`,
  ],
  [/^the image is truncated or malformed$/, () => 'l’image est tronquée ou mal formée'],
  // A record's photographs (src/records/photo-claims.ts).
  [
    /^no such photograph among your uploads: upload it first$/,
    () => 'aucune photographie de ce nom parmi vos envois : envoyez-la d’abord',
  ],
  [/^is a photograph of another record$/, () => 'est une photographie d’une autre fiche'],
  [/^is listed twice$/, () => 'figure deux fois'],
  [/^no such record, or not one you may use$/, () => 'fiche inexistante, ou que vous ne pouvez pas utiliser'],
  [/^must be a person record$/, () => 'doit être une fiche personne'],
  [
    /^must be a record of your agency/,
    () => 'doit être une fiche de votre service : une notice est demandée sur les données du demandeur',
  ],
  [/^the record is (lapsed|deleted)$/, (m) => `la fiche est ${m[1] === 'lapsed' ? 'échue' : 'supprimée'}`],
  [/^must contain at least one name$/, () => 'doit contenir au moins un nom'],
  [/^must not be empty$/, () => 'ne doit pas être vide'],
  [/^must not be blank$/, () => 'ne doit pas être vide'],
  [/^is required$/, () => 'est obligatoire'],
  [/^must have at most (\d+) characters$/, (m) => `doit compter au plus ${m[1]} caractères`],
  [/^must have at least (\d+) characters$/, (m) => `doit compter au moins ${m[1]} caractères`],
  [/^must have at most (\d+) items$/, (m) => `doit compter au plus ${m[1]} éléments`],
  [/^must have at least (\d+) items$/, (m) => `doit compter au moins ${m[1]} éléments`],
  [/^must name at least one$/, () => 'doit en nommer au moins un'],
  [/^must be at least (\S+)$/, (m) => `doit être au moins ${m[1]}`],
  [/^must be at most (\S+)$/, (m) => `doit être au plus ${m[1]}`],
  [/^must be a date, YYYY-MM-DD$/, () => 'doit être une date, AAAA-MM-JJ'],
  [
    /^must be a date and time in ISO 8601/,
    () => 'doit être une date et une heure ISO 8601, p. ex. 2026-12-07T09:30:00Z',
  ],
  [/^must be an e-mail address$/, () => 'doit être une adresse électronique'],
  [/^must be a web address \(https:\/\/…\)$/, () => 'doit être une adresse web (https://…)'],
  [/^is not a known field$/, () => 'n’est pas un champ connu'],
  [/^is not a real date$/, () => 'n’est pas une date qui existe'],
  [
    /^must be YYYY, YYYY-MM or YYYY-MM-DD, a real date(?: from (\d{4}))?$/,
    (m) => `doit être AAAA, AAAA-MM ou AAAA-MM-JJ, une date qui existe${m[1] ? `, à partir de ${m[1]}` : ''}`,
  ],
  [
    /^(\S+) is not an ISO 3166-1 alpha-2 country code$/,
    (m) => `${m[1]} n’est pas un code pays ISO 3166-1 alpha-2`,
  ],
  [/^must be one of: (.*)$/, (m) => `doit être l’une des valeurs : ${m[1]}`],
  [/^is not in the expected form: (.*)$/, (m) => `n’a pas la forme attendue : ${m[1]}`],
  [/^is not in the expected form$/, () => 'n’a pas la forme attendue'],
  [
    /^has the same item twice \(items (\d+) and (\d+)\)$/,
    (m) => `contient deux fois le même élément (éléments ${m[1]} et ${m[2]})`,
  ],
];

const ES: Table = [
  [
    /^(\S+) is a private partner, not a police member: it will read this (\S+) record in full/,
    (m) =>
      `${m[1]} es un socio privado, no un miembro policial: leerá este registro (${m[2]}) completo — comunique datos personales a una empresa solo si su ley lo permite`,
  ],
  // Uploaded photographs (src/platform/images.ts) and a notice's subject (src/notices/service.ts).
  [/^must be base64$/, () => 'debe estar codificado en base64'],
  [/^at most (\d+) bytes$/, (m) => `como máximo ${m[1]} bytes`],
  [/^is neither a JPEG nor a PNG image$/, () => 'no es una imagen JPEG ni PNG'],
  [/^the image is (\S+), not (\S+)$/, (m) => `la imagen es ${m[1]}, no ${m[2]}`],
  [/^the image’s dimensions cannot be read$/, () => 'no se pueden leer las dimensiones de la imagen'],
  [
    /^images are at most (\d+) pixels a side and (\d+) megapixels; this one is (\d+) × (\d+)$/,
    (m) =>
      `una imagen tiene como máximo ${m[1]} píxeles de lado y ${m[2]} megapíxeles; esta tiene ${m[3]} × ${m[4]}`,
  ],
  [/^the image is truncated or malformed$/, () => 'la imagen está truncada o mal formada'],
  // A record's photographs (src/records/photo-claims.ts).
  [
    /^no such photograph among your uploads: upload it first$/,
    () => 'no hay tal fotografía entre sus envíos: envíela primero',
  ],
  [/^is a photograph of another record$/, () => 'es una fotografía de otro registro'],
  [/^is listed twice$/, () => 'figura dos veces'],
  [/^no such record, or not one you may use$/, () => 'el registro no existe, o no puede usarlo'],
  [/^must be a person record$/, () => 'debe ser un registro de persona'],
  [
    /^must be a record of your agency/,
    () => 'debe ser un registro de su organismo: una notificación se solicita sobre datos propios',
  ],
  [
    /^the record is (lapsed|deleted)$/,
    (m) => `el registro está ${m[1] === 'lapsed' ? 'caducado' : 'suprimido'}`,
  ],
  [/^must contain at least one name$/, () => 'debe contener al menos un nombre'],
  [/^must not be empty$/, () => 'no debe estar vacío'],
  [/^must not be blank$/, () => 'no debe estar vacío'],
  [/^is required$/, () => 'es obligatorio'],
  [/^must have at most (\d+) characters$/, (m) => `debe tener como máximo ${m[1]} caracteres`],
  [/^must have at least (\d+) characters$/, (m) => `debe tener al menos ${m[1]} caracteres`],
  [/^must have at most (\d+) items$/, (m) => `debe tener como máximo ${m[1]} elementos`],
  [/^must have at least (\d+) items$/, (m) => `debe tener al menos ${m[1]} elementos`],
  [/^must name at least one$/, () => 'debe indicar al menos uno'],
  [/^must be at least (\S+)$/, (m) => `debe ser al menos ${m[1]}`],
  [/^must be at most (\S+)$/, (m) => `debe ser como máximo ${m[1]}`],
  [/^must be a date, YYYY-MM-DD$/, () => 'debe ser una fecha, AAAA-MM-DD'],
  [
    /^must be a date and time in ISO 8601/,
    () => 'debe ser una fecha y hora ISO 8601, p. ej. 2026-12-07T09:30:00Z',
  ],
  [/^must be an e-mail address$/, () => 'debe ser una dirección de correo electrónico'],
  [/^must be a web address \(https:\/\/…\)$/, () => 'debe ser una dirección web (https://…)'],
  [/^is not a known field$/, () => 'no es un campo conocido'],
  [/^is not a real date$/, () => 'no es una fecha que exista'],
  [
    /^must be YYYY, YYYY-MM or YYYY-MM-DD, a real date(?: from (\d{4}))?$/,
    (m) => `debe ser AAAA, AAAA-MM o AAAA-MM-DD, una fecha que exista${m[1] ? `, desde ${m[1]}` : ''}`,
  ],
  [
    /^(\S+) is not an ISO 3166-1 alpha-2 country code$/,
    (m) => `${m[1]} no es un código de país ISO 3166-1 alfa-2`,
  ],
  [/^must be one of: (.*)$/, (m) => `debe ser uno de: ${m[1]}`],
  [/^is not in the expected form: (.*)$/, (m) => `no tiene la forma esperada: ${m[1]}`],
  [/^is not in the expected form$/, () => 'no tiene la forma esperada'],
  [
    /^has the same item twice \(items (\d+) and (\d+)\)$/,
    (m) => `contiene dos veces el mismo elemento (elementos ${m[1]} y ${m[2]})`,
  ],
];

const AR: Table = [
  [
    /^(\S+) is a private partner, not a police member: it will read this (\S+) record in full/,
    (m) =>
      `${m[1]} شريك خاص وليس عضوًا شرطيًا: سيطّلع على هذا السجل (${m[2]}) كاملًا — لا تُطلِع شركةً على بيانات شخصية إلا إذا سمح قانونكم بذلك`,
  ],
  // Uploaded photographs (src/platform/images.ts) and a notice's subject (src/notices/service.ts).
  [/^must be base64$/, () => 'يجب أن يكون مرمَّزًا بصيغة base64'],
  [/^at most (\d+) bytes$/, (m) => `بحد أقصى ${m[1]} بايت`],
  [/^is neither a JPEG nor a PNG image$/, () => 'ليس صورة JPEG ولا PNG'],
  [/^the image is (\S+), not (\S+)$/, (m) => `الصورة من نوع ${m[1]} وليست ${m[2]}`],
  [/^the image’s dimensions cannot be read$/, () => 'تعذّرت قراءة أبعاد الصورة'],
  [
    /^images are at most (\d+) pixels a side and (\d+) megapixels; this one is (\d+) × (\d+)$/,
    (m) => `الحد الأقصى للصورة ${m[1]} بكسل للضلع و${m[2]} ميغابكسل؛ وأبعاد هذه ${m[3]} × ${m[4]}`,
  ],
  [/^the image is truncated or malformed$/, () => 'الصورة مبتورة أو تالفة'],
  // A record's photographs (src/records/photo-claims.ts).
  [
    /^no such photograph among your uploads: upload it first$/,
    () => 'لا توجد هذه الصورة بين ما أرسلتموه: أرسلوها أولًا',
  ],
  [/^is a photograph of another record$/, () => 'صورة لسجل آخر'],
  [/^is listed twice$/, () => 'مذكورة مرتين'],
  [/^no such record, or not one you may use$/, () => 'لا يوجد هذا السجل، أو لا يحق لكم استخدامه'],
  [/^must be a person record$/, () => 'يجب أن يكون سجل شخص'],
  [
    /^must be a record of your agency/,
    () => 'يجب أن يكون سجلًا لجهتكم: يُطلب النشر بناءً على بيانات الجهة الطالبة',
  ],
  [/^the record is (lapsed|deleted)$/, (m) => `السجل ${m[1] === 'lapsed' ? 'منتهي الصلاحية' : 'محذوف'}`],
  [/^must contain at least one name$/, () => 'يجب أن يتضمن اسمًا واحدًا على الأقل'],
  [/^must not be empty$/, () => 'يجب ألا يكون فارغًا'],
  [/^must not be blank$/, () => 'يجب ألا يكون فارغًا'],
  [/^is required$/, () => 'مطلوب'],
  [/^must have at most (\d+) characters$/, (m) => `يجب ألا يتجاوز ${m[1]} حرفًا`],
  [/^must have at least (\d+) characters$/, (m) => `يجب ألا يقل عن ${m[1]} حرفًا`],
  [/^must have at most (\d+) items$/, (m) => `يجب ألا يتجاوز ${m[1]} عنصرًا`],
  [/^must have at least (\d+) items$/, (m) => `يجب ألا يقل عن ${m[1]} عنصرًا`],
  [/^must name at least one$/, () => 'يجب تحديد عنصر واحد على الأقل'],
  [/^must be at least (\S+)$/, (m) => `يجب ألا يقل عن ${m[1]}`],
  [/^must be at most (\S+)$/, (m) => `يجب ألا يتجاوز ${m[1]}`],
  [/^must be a date, YYYY-MM-DD$/, () => 'يجب أن يكون تاريخًا بالصيغة YYYY-MM-DD'],
  [
    /^must be a date and time in ISO 8601/,
    () => 'يجب أن يكون تاريخًا ووقتًا وفق ISO 8601، مثل 2026-12-07T09:30:00Z',
  ],
  [/^must be an e-mail address$/, () => 'يجب أن يكون عنوان بريد إلكتروني'],
  [/^must be a web address \(https:\/\/…\)$/, () => 'يجب أن يكون عنوانًا على الويب (https://…)'],
  [/^is not a known field$/, () => 'ليس حقلًا معروفًا'],
  [/^is not a real date$/, () => 'ليس تاريخًا موجودًا'],
  [
    /^must be YYYY, YYYY-MM or YYYY-MM-DD, a real date(?: from (\d{4}))?$/,
    (m) => `يجب أن يكون بالصيغة YYYY أو YYYY-MM أو YYYY-MM-DD، وتاريخًا موجودًا${m[1] ? ` منذ ${m[1]}` : ''}`,
  ],
  [/^(\S+) is not an ISO 3166-1 alpha-2 country code$/, (m) => `${m[1]} ليس رمز بلد وفق ISO 3166-1 alpha-2`],
  [/^must be one of: (.*)$/, (m) => `يجب أن يكون إحدى القيم: ${m[1]}`],
  [/^is not in the expected form: (.*)$/, (m) => `ليس بالصيغة المتوقعة: ${m[1]}`],
  [/^is not in the expected form$/, () => 'ليس بالصيغة المتوقعة'],
  [
    /^has the same item twice \(items (\d+) and (\d+)\)$/,
    (m) => `يتضمن العنصر نفسه مرتين (العنصران ${m[1]} و${m[2]})`,
  ],
];

const TABLES: Record<string, Table> = { fr: FR, es: ES, ar: AR };

/** A field message of the server's, in the reader's language where this table knows it. */
export function localiseServerMessage(message: string, language = i18n.language): string {
  const table = TABLES[(language ?? 'en').split('-')[0]!];
  if (!table) return message;
  // Several messages of one field are joined with " or " by the server (an anyOf).
  const or = { fr: ' ou ', es: ' o ', ar: ' أو ' }[language.split('-')[0] as 'fr'] ?? ' or ';
  const say = (text: string): string | undefined => {
    for (const [pattern, words] of table) {
      const m = pattern.exec(text);
      if (m) return words(m);
    }
    return undefined;
  };
  const whole = say(message);
  if (whole !== undefined) return whole;
  // Only when every part is known: "or" may also be a message's own word.
  const parts = message.split(' or ').map(say);
  return parts.length > 1 && parts.every((p) => p !== undefined) ? parts.join(or) : message;
}
