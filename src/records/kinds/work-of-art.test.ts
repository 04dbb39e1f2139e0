import { describe, expect, it } from 'vitest';
import { check, errorFields, schemaProblems } from './test-support.ts';
import { workOfArt } from './work-of-art.ts';

const mask = {
  title: 'Queen Mother Pendant Mask',
  artist: 'Court of Benin',
  objectType: 'mask',
  dimensions: '23.8 × 12.7 cm',
  description: 'Ivory, iron, copper',
  images: ['0190a6c4-8f5e-7000-8000-000000000002'],
};

describe('work of art', () => {
  it('accepts a work of art with title and object type', () => {
    expect(check(workOfArt, mask)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(errorFields(workOfArt, { title: 'Landscape', objectType: 'painting' })).toEqual([]);
  });

  it('has no identifiers to search by', () => {
    expect(workOfArt.identifiers(mask)).toEqual([]);
  });

  it('summarises object type, title and artist', () => {
    expect(workOfArt.summary(mask)).toBe('Mask "Queen Mother Pendant Mask" by Court of Benin');
    expect(workOfArt.summary({ title: 'Landscape', objectType: 'painting' })).toBe('Painting "Landscape"');
  });

  it('requires title and object type, not blank, and valid attachment ids', () => {
    expect(schemaProblems(workOfArt, { title: 'Landscape' })).not.toEqual([]);
    expect(schemaProblems(workOfArt, { objectType: 'painting' })).not.toEqual([]);
    expect(errorFields(workOfArt, { title: '  ', objectType: 'painting' })).toEqual(['/title']);
    expect(schemaProblems(workOfArt, { ...mask, images: ['../etc/passwd'] })).not.toEqual([]);
    expect(schemaProblems(workOfArt, { ...mask, value: 1000 })).not.toEqual([]);
  });

  it('reviews works of art after five years', () => {
    expect(workOfArt.defaultReviewYears).toBe(5);
  });
});
