import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/client';

/**
 * The public notices API (/notices/v1/…, no sign-in), as the public pages read it. Its
 * answers are HAL JSON whose links are absolute URLs of the server's configured public
 * address; the pages build same-origin paths instead, so that images load under the CSP
 * (`img-src 'self'`) whatever address the visitor used.
 */

export const PUBLIC_TYPES = ['red', 'yellow', 'un'] as const;
export type PublicType = (typeof PUBLIC_TYPES)[number];

export const isPublicType = (value: unknown): value is PublicType =>
  typeof value === 'string' && (PUBLIC_TYPES as readonly string[]).includes(value);

export const collectionPath = (type: PublicType) =>
  type === 'un' ? '/notices/v1/un/persons' : `/notices/v1/${type}`;

/** 2026/10001 → 2026-10001, as ids are written in paths. */
export const pathId = (entityId: string) => entityId.replace('/', '-');

export const imagePath = (type: PublicType, id: string, pictureId: string) =>
  `${collectionPath(type)}/${id}/images/${pictureId}`;

export interface ListedNotice {
  entity_id: string;
  forename: string;
  name: string;
  date_of_birth: string | null;
  nationalities: string[];
  _links: { thumbnail?: { href: string } };
}

export interface NoticeList {
  total: number;
  query: { page: number; resultPerPage: number };
  _embedded: { notices: ListedNotice[] };
}

/** The fields of one extract (GET /notices/v1/{type}/{id}); which ones depends on the type. */
export type ExtractDetail = Record<string, unknown> & {
  entity_id: string;
  forename: string;
  name: string;
};

export const PER_PAGE = 20;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

export interface PublicFilters {
  forename?: string;
  name?: string;
  nationality?: string;
  freeText?: string;
  page: number;
}

export function usePublicList(type: PublicType, filters: PublicFilters) {
  return useQuery({
    queryKey: ['public-notices', type, filters],
    // The previous page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
    queryFn: () => {
      const params = new URLSearchParams();
      for (const key of ['forename', 'name', 'nationality', 'freeText'] as const) {
        const value = filters[key];
        if (value) params.set(key, value);
      }
      params.set('resultPerPage', String(PER_PAGE));
      params.set('page', String(filters.page));
      return getJson<NoticeList>(`${collectionPath(type)}?${params.toString()}`);
    },
  });
}

export function usePublicNotice(type: PublicType, id: string) {
  return useQuery({
    queryKey: ['public-notice', type, id],
    // An id the address does not carry is asked for nowhere: the page says it is not found.
    enabled: id !== '',
    queryFn: async () => {
      const [detail, images] = await Promise.all([
        getJson<ExtractDetail>(`${collectionPath(type)}/${id}`),
        getJson<{ _embedded: { images: { picture_id: string }[] } }>(`${collectionPath(type)}/${id}/images`),
      ]);
      return { detail, pictures: images._embedded.images.map((i) => imagePath(type, id, i.picture_id)) };
    },
  });
}

/** The thumbnail's path on this origin, from the absolute link the API gives. */
export function thumbnailPath(notice: ListedNotice): string | null {
  const href = notice._links.thumbnail?.href;
  if (!href) return null;
  try {
    return new URL(href, window.location.origin).pathname;
  } catch {
    return null;
  }
}
