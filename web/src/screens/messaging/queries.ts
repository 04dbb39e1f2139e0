import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, api, type Schemas, unwrap } from '../../api/client';
import { onServerEvent } from '../../api/events';
import type { paths } from '../../api/schema';

export type Message = Schemas['Message'];
export type MessageContent = Schemas['MessageContent'];
export type Verification = Schemas['MessageVerification'];
export type MessageReference = Schemas['MessageReference'];
export type Draft = Schemas['Draft'];
export type DraftBody = Schemas['DraftBody'];
export type MessageGroup = Schemas['MessageGroup'];
export type ForwardPermission = Schemas['ForwardPermission'];
export type AgencyKey = Schemas['AgencyKey'];
export type Webhook = Schemas['Webhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type Priority = Message['priority'];
export type Handling = Message['handling'];
export type Tlp = Message['tlp'];

export const PRIORITIES: Priority[] = ['routine', 'urgent', 'flash'];
export const HANDLING: Handling[] = ['H0', 'H1', 'H2', 'H3'];
export const TLPS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
export const EVALUATIONS = ['A', 'B', 'C', 'X'].flatMap((r) => ['1', '2', '3', '4'].map((a) => `${r}${a}`));
export const REFERENCE_TYPES: MessageReference['type'][] = [
  'record',
  'hit',
  'notice',
  'case',
  'message',
  'urgent-request',
];

export interface MessageFilters {
  box: 'inbox' | 'sent';
  q?: string;
  priority?: Priority;
  unread?: boolean;
  mailbox?: string;
}

/**
 * Lists follow the event stream: a message or a receipt for my agency refreshes what is on
 * screen (the stream carries no content, only that something changed).
 */
export function useMessagingEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = () => void queryClient.invalidateQueries({ queryKey: ['messages'] });
    const stops = [
      onServerEvent('message.received', refresh),
      onServerEvent('message.receipt', () => {
        refresh();
        void queryClient.invalidateQueries({ queryKey: ['thread'] });
      }),
      onServerEvent(
        'forward.requested',
        () => void queryClient.invalidateQueries({ queryKey: ['forward-requests'] }),
      ),
      onServerEvent(
        'forward.decided',
        () => void queryClient.invalidateQueries({ queryKey: ['forward-requests'] }),
      ),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [queryClient]);
}

export function useMessages(filters: MessageFilters) {
  return useInfiniteQuery({
    queryKey: ['messages', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/messages', {
          params: {
            query: {
              box: filters.box,
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.priority ? { priority: filters.priority } : {}),
              ...(filters.unread ? { unread: true } : {}),
              ...(filters.mailbox ? { mailbox: filters.mailbox } : {}),
              limit: 50,
              cursor: pageParam,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMessage(id: string | undefined) {
  return useQuery({
    queryKey: ['message', id],
    enabled: Boolean(id),
    queryFn: () => unwrap(api.GET('/api/v1/messages/{id}', { params: { path: { id: id! } } })),
    retry: false,
  });
}

export function useThread(threadId: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['thread', threadId],
    enabled: Boolean(threadId),
    queryFn: async () => {
      const thread = await unwrap(api.GET('/api/v1/threads/{id}', { params: { path: { id: threadId! } } }));
      // Opening the thread read it: the inbox's unread marks change.
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
      return thread;
    },
    retry: false,
  });
}

export function useAgencies() {
  return useQuery({
    queryKey: ['agencies', 'all'],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const all: Schemas['Agency'][] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.GET('/api/v1/agencies', { params: { query: { limit: 500, cursor } } }));
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all.filter((a) => a.kind !== 'partner' && a.status === 'active');
    },
  });
}

export function useGroups() {
  return useQuery({
    queryKey: ['message-groups'],
    staleTime: 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/message-groups')),
  });
}

export function useDrafts(enabled: boolean) {
  return useQuery({
    queryKey: ['drafts'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/drafts')),
  });
}

export function useDraft(id: string | null) {
  return useQuery({
    queryKey: ['draft', id],
    enabled: Boolean(id),
    queryFn: () => unwrap(api.GET('/api/v1/drafts/{id}', { params: { path: { id: id! } } })),
    retry: false,
  });
}

export type SendBody = paths['/api/v1/messages']['post']['requestBody']['content']['application/json'];

export function useSend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SendBody) => unwrap(api.POST('/api/v1/messages', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
      void queryClient.invalidateQueries({ queryKey: ['drafts'] });
      void queryClient.invalidateQueries({ queryKey: ['thread'] });
    },
  });
}

export function useSaveDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string | null; body: DraftBody }) =>
      id
        ? unwrap(api.PUT('/api/v1/drafts/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/v1/drafts', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['drafts'] }),
  });
}

export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/drafts/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['drafts'] }),
  });
}

export function useForward(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { to?: string[]; groups?: string[]; note?: string }) =>
      unwrap(api.POST('/api/v1/messages/{id}/forward', { params: { path: { id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
}

export function useAskToForward(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: string[]) =>
      unwrap(api.POST('/api/v1/messages/{id}/forward-requests', { params: { path: { id } }, body: { to } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['forward-requests'] }),
  });
}

/**
 * Requests to forward: about one message, or all of my agency's (the newest 200), or only
 * those pending (which the server filters, so an old one waiting is never crowded out).
 */
export function useForwardRequests(filter: { messageId?: string; pending?: boolean } = {}) {
  return useQuery({
    queryKey: ['forward-requests', filter.messageId ?? 'all', filter.pending ? 'pending' : 'any'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/forward-requests', {
          params: {
            query: {
              ...(filter.messageId ? { messageId: filter.messageId } : {}),
              ...(filter.pending ? { status: 'pending' as const } : {}),
            },
          },
        }),
      ),
  });
}

export function useDecideForward() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, grant }: { id: string; grant: boolean }) =>
      unwrap(
        api.POST('/api/v1/forward-requests/{id}/decision', { params: { path: { id } }, body: { grant } }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['forward-requests'] }),
  });
}

// ---- attachments ----------------------------------------------------------------------

export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface UploadProgress {
  id: string;
  name: string;
  size: number;
  sent: number;
  done: boolean;
  error?: string;
}

/**
 * Uploads a file chunk by chunk (the browser reads one slice at a time, never the whole
 * file). After an interruption, asking the server which chunks are missing resumes it.
 */
export async function uploadFile(
  file: File,
  onProgress: (sent: number) => void,
  existingId?: string,
): Promise<string> {
  let upload = existingId
    ? await unwrap(api.GET('/api/v1/attachments/{id}', { params: { path: { id: existingId } } }))
    : await unwrap(
        api.POST('/api/v1/attachments', {
          body: {
            size: file.size,
            chunkSize: CHUNK_BYTES,
            name: file.name,
            contentType: file.type || 'application/octet-stream',
          },
        }),
      );
  const missing = new Set(upload.missing);
  let sent = (upload.chunks - missing.size) * upload.chunkSize;
  onProgress(Math.min(sent, file.size));
  for (let index = 0; index < upload.chunks; index++) {
    if (!missing.has(index)) continue;
    const slice = file.slice(index * upload.chunkSize, Math.min(file.size, (index + 1) * upload.chunkSize));
    for (let attempt = 1; ; attempt++) {
      try {
        // The chunk's bytes as they are (the client's middleware adds the CSRF token).
        await unwrap(
          api.PUT('/api/v1/attachments/{id}/chunks/{index}', {
            params: { path: { id: upload.id, index } },
            body: slice,
            bodySerializer: (b: unknown) => b as Blob,
            headers: { 'content-type': 'application/octet-stream' },
          } as never),
        );
        break;
      } catch (error) {
        if (attempt >= 3 || (error instanceof ApiError && error.status < 500)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
    sent += slice.size;
    onProgress(Math.min(sent, file.size));
  }
  upload = await unwrap(api.GET('/api/v1/attachments/{id}', { params: { path: { id: upload.id } } }));
  if (upload.missing.length > 0) throw new Error('upload incomplete');
  return upload.id;
}

// ---- keys, webhooks -------------------------------------------------------------------

export function useKeyDirectory(agency?: string) {
  return useQuery({
    queryKey: ['keys', agency ?? 'all'],
    queryFn: async () => {
      const all: AgencyKey[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/api/v1/keys', {
            params: { query: { ...(agency ? { agency } : {}), limit: 500, cursor } },
          }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < 5000);
      return all;
    },
  });
}

export function useAgencyKeys(code: string) {
  return useQuery({
    queryKey: ['agency-keys', code],
    queryFn: () => unwrap(api.GET('/api/v1/agencies/{code}/keys', { params: { path: { code } } })),
  });
}

export function useWebhooks(enabled: boolean) {
  return useQuery({
    queryKey: ['webhooks'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/webhooks')),
  });
}

export function useDeadLetters(enabled: boolean) {
  return useQuery({
    queryKey: ['webhook-deliveries', 'dead'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/webhook-deliveries', { params: { query: { status: 'dead' } } })),
  });
}
