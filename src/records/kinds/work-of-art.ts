import { type Static, Type } from '@sinclair/typebox';
import { Findings, PhotoIds, ShortText } from './common.ts';
import type { RecordKind } from './types.ts';

export const WorkOfArtData = Type.Object(
  {
    title: ShortText('Title or short description of the object, e.g. "Portrait of a Lady"', 300),
    artist: Type.Optional(ShortText('Artist, workshop or culture, e.g. "School of Benin"')),
    objectType: ShortText('Type of object: painting, sculpture, mask, manuscript, coin, icon…', 100),
    dimensions: Type.Optional(ShortText('Dimensions as measured, e.g. "65 × 54 cm"', 100)),
    description: Type.Optional(ShortText('Materials, technique, inscriptions, marks, condition', 5000)),
    images: Type.Optional(PhotoIds('Images of the object')),
  },
  {
    additionalProperties: false,
    title: 'RecordDataWorkOfArt',
    description: 'A stolen or trafficked cultural object',
  },
);
export type WorkOfArtData = Static<typeof WorkOfArtData>;

export const workOfArt: RecordKind<WorkOfArtData> = {
  kind: 'work-of-art',
  title: 'Work of art',
  schema: WorkOfArtData,
  defaultReviewYears: 5,
  photoField: 'images',

  validate(data) {
    const findings = new Findings();
    for (const field of ['title', 'artist', 'objectType', 'dimensions', 'description'] as const) {
      findings.notBlank(`/${field}`, data[field]);
    }
    return findings.result();
  },

  /** Works of art carry no standard identifier; they are found by description and images. */
  identifiers() {
    return [];
  },

  summary(data) {
    const artist = data.artist ? ` by ${data.artist.trim()}` : '';
    return `${data.objectType.trim()} "${data.title.trim()}"${artist}`.replace(/^./, (c) => c.toUpperCase());
  },
};
