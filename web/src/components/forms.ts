import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Takes the officer to the first field a form marks invalid (`aria-invalid`, which Mantine's
 * inputs set from their `error`), once the marks are on the page: call the returned function
 * after a refused submit — the form's own check of required fields or the server's problem.
 * Without it focus falls to the page's body when the busy submit button is disabled.
 */
export function useFocusFirstInvalid<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    // A frame later: the marks rendered by the same update are in the document by then.
    const frame = requestAnimationFrame(() => {
      const target = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (!target) return;
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'center' });
    });
    return () => cancelAnimationFrame(frame);
  }, [request]);
  const focusFirstInvalid = useCallback(() => setRequest((n) => n + 1), []);
  return [ref, focusFirstInvalid] as const;
}

/** Whether a form value counts as filled in: text with more than spaces, a non-empty list. */
export function filled(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return value !== undefined && value !== null;
}
