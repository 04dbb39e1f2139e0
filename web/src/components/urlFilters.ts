import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** Filters live in the URL, so that every filtered list is a deep link. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  // Several filters at once in one change: successive changes would each start from the
  // same URL and undo one another.
  const updateAll = useCallback(
    (changes: Record<string, string | null | undefined>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const update = useCallback(
    (key: string, value: string | null | undefined) => updateAll({ [key]: value }),
    [updateAll],
  );
  return { params, update, updateAll };
}

/** A search box whose text reaches the URL (and so the query) 300 ms after typing stops. */
export function useSearchBox(key = 'q'): [string, (value: string) => void] {
  const { params, update } = useUrlFilters();
  const current = params.get(key) ?? '';
  const [text, setText] = useState(current);
  const [debounced] = useDebouncedValue(text, 300);
  const currentRef = useRef(current);
  currentRef.current = current;
  useEffect(() => {
    if (currentRef.current !== debounced.trim()) update(key, debounced.trim() || null);
  }, [debounced, key, update]);
  return [text, setText];
}
