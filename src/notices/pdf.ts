import fs from 'node:fs';
import anyAscii from 'any-ascii';
import PDFDocument from 'pdfkit';
import { sizeProblem } from '../platform/images.ts';
import type { NoticeDto } from './store.ts';
import { type FieldSpec, noticeType } from './types.ts';

/**
 * A notice as a printed document, for officers who hand one to a judge: the type's colour
 * band with its title and reference, the photograph, identity particulars, then the type's
 * own data (for a Red Notice the judicial data: warrants, charges, law, penalty), validity
 * and the signature's key id. pdfkit lays text out (wrapping, pages) and embeds the JPEG or
 * PNG as stored. Names in any script print with DejaVu Sans when the system has it (Debian's
 * fonts-dejavu-core); otherwise with the PDF base font, in ASCII transliteration.
 */

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu'];

function unicodeFonts(): { regular: string; bold: string } | null {
  for (const dir of FONT_DIRS) {
    const regular = `${dir}/DejaVuSans.ttf`;
    const bold = `${dir}/DejaVuSans-Bold.ttf`;
    if (fs.existsSync(regular) && fs.existsSync(bold)) return { regular, bold };
  }
  return null;
}

export interface PrintImage {
  bytes: Buffer;
  contentType: string;
}

function valueText(field: FieldSpec, value: unknown): string {
  if (field.kind === 'number' && field.key === 'maxPenaltyYears' && value === 99) return 'Life imprisonment';
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

export async function renderNoticePdf(
  notice: NoticeDto,
  picture: PrintImage | null,
  printedBy: string,
  printedAt: Date,
): Promise<Buffer> {
  // A picture too large to decode safely (stored before uploads were checked) is left out.
  const photo = picture && !sizeProblem(picture.bytes) ? picture : null;
  const spec = noticeType(notice.type)!;
  const fonts = unicodeFonts();
  const clean = (text: string) => (fonts ? text : anyAscii(text));
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 36, bottom: 48, left: 42, right: 42 },
    info: {
      Title: `${spec.title} ${notice.reference}`,
      Author: notice.requester,
      Subject: notice.summary,
      Creator: 'Concord',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (fonts) {
    doc.registerFont('body', fonts.regular);
    doc.registerFont('bold', fonts.bold);
  } else {
    doc.registerFont('body', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
  }
  const width = doc.page.width - 84;

  // The colour band: what makes a notice recognisable across the room.
  doc.rect(0, 0, doc.page.width, 78).fill(spec.colour);
  const onBand = notice.type === 'yellow' ? '#000000' : '#ffffff';
  doc
    .fillColor(onBand)
    .font('bold')
    .fontSize(22)
    .text(spec.title.toUpperCase(), 42, 18, { width: width - 160 });
  doc
    .font('body')
    .fontSize(11)
    .text(`${notice.kind === 'diffusion' ? 'Diffusion' : 'Notice'} ${notice.reference}`, 42, 50);
  doc.font('bold').fontSize(11).text(notice.status.toUpperCase(), 42, 50, { width, align: 'right' });
  doc.fillColor('#000000');

  const y = 96;
  const subject = (notice.subject?.data ?? null) as Record<string, unknown> | null;
  const photoWidth = 130;
  if (photo) {
    try {
      doc.image(photo.bytes, 42 + width - photoWidth, y, { fit: [photoWidth, 160] });
    } catch {
      // An image pdfkit cannot read is left out rather than failing the print.
    }
  }
  const row = (label: string, value: string, at = doc.y) => {
    doc.font('bold').fontSize(9).fillColor('#555555').text(label.toUpperCase(), 42, at, { width: 150 });
    doc
      .font('body')
      .fontSize(10.5)
      .fillColor('#000000')
      .text(clean(value), 200, at, { width: width - 160 - (photo ? photoWidth : 0) });
    doc.moveDown(0.35);
  };
  const heading = (text: string) => {
    doc.moveDown(0.6);
    doc
      .font('bold')
      .fontSize(12.5)
      .fillColor(spec.colour === '#212121' ? '#212121' : spec.colour)
      .text(text, 42, doc.y, { width });
    doc
      .moveTo(42, doc.y + 2)
      .lineTo(42 + width, doc.y + 2)
      .lineWidth(0.6)
      .strokeColor('#999999')
      .stroke();
    doc.moveDown(0.5).fillColor('#000000');
  };

  doc.y = y;
  if (subject) {
    doc.font('bold').fontSize(12.5).fillColor('#000000').text('Identity particulars', 42, y);
    doc.moveDown(0.4);
    const names = (subject.names as { full: string; type?: string }[] | undefined) ?? [];
    row('Name', names[0]?.full ?? '—');
    for (const other of names.slice(1)) row(other.type === 'alias' ? 'Alias' : 'Other name', other.full);
    row('Sex', String(subject.sex ?? '—'));
    row('Date of birth', String(subject.dateOfBirth ?? '—'));
    if (subject.placeOfBirth || subject.countryOfBirth)
      row('Place of birth', [subject.placeOfBirth, subject.countryOfBirth].filter(Boolean).join(', '));
    row('Nationality', ((subject.nationalities as string[] | undefined) ?? []).join(', ') || '—');
    const marks = subject.marks as string[] | undefined;
    if (marks?.length) row('Distinguishing marks', marks.join('; '));
    const docs =
      (subject.documents as { type: string; number: string; issuingCountry: string }[] | undefined) ?? [];
    for (const d of docs) row(d.type, `${d.number} (${d.issuingCountry})`);
  } else {
    doc
      .font('body')
      .fontSize(10.5)
      .text(notice.summary, 42, y, { width: width - (photo ? photoWidth + 10 : 0) });
  }
  if (photo) doc.y = Math.max(doc.y, y + 170);

  heading(spec.purpose);
  for (const field of spec.fields) {
    const value = notice.data[field.key];
    if (value === undefined) continue;
    if (field.kind === 'group' && Array.isArray(value)) {
      heading(field.label);
      value.forEach((item, i) => {
        doc
          .font('bold')
          .fontSize(10.5)
          .text(`${i + 1}.`, 42, doc.y);
        for (const sub of field.fields ?? []) {
          const v = (item as Record<string, unknown>)[sub.key];
          if (v !== undefined) row(sub.label, valueText(sub, v));
        }
        const english = notice.translations.en?.[`/${field.key}/${i}/charges`];
        if (english) row('Charges (English)', english);
        doc.moveDown(0.3);
      });
    } else if (field.kind === 'longtext') {
      heading(field.label);
      doc
        .font('body')
        .fontSize(10.5)
        .text(clean(String(value)), 42, doc.y, { width, align: 'left' });
      const english = notice.translations.en?.[`/${field.key}`];
      if (english && notice.language !== 'en') {
        doc.moveDown(0.3).font('bold').fontSize(9).text('English translation', 42, doc.y);
        doc.font('body').fontSize(10.5).text(clean(english), 42, doc.y, { width });
      }
    } else row(field.label, valueText(field, value));
  }

  heading('Validity and authentication');
  row('Requested by', notice.requester);
  if (notice.publishedAt)
    row(notice.kind === 'diffusion' ? 'Circulated' : 'Published', notice.publishedAt.slice(0, 10));
  if (notice.validUntil) row('Valid until', notice.validUntil.slice(0, 10));
  row('Signature', notice.signature ? `Ed25519 key ${notice.signature.kid}` : 'not signed (not in force)');
  doc.moveDown(0.5);
  doc
    .font('body')
    .fontSize(8.5)
    .fillColor('#555555')
    .text(
      `Printed by ${printedBy} on ${printedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. A printed notice may be out of date: check its status in Concord before acting. The signature is verified with the secretariat's public key (GET /api/v1/notices/keys) over the notice's signed payload (GET /api/v1/notices/${notice.id}/signed).`,
      42,
      doc.y,
      { width },
    );
  doc.end();
  return done;
}
