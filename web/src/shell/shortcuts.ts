import { useEffect, useRef } from 'react';

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * Global keyboard shortcuts: `g` then a letter to go to a screen, `/` to focus the search,
 * `?` for help. Ignored while typing in a field or with a modifier held.
 */
export function useShortcuts(handlers: {
  go: (key: string) => boolean;
  search: () => void;
  help: () => void;
}): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    let pendingG = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typing(event.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const now = Date.now();
      if (pendingG && now - pendingG < 1500) {
        pendingG = 0;
        if (ref.current.go(event.key.toLowerCase())) event.preventDefault();
        return;
      }
      if (event.key === 'g') {
        pendingG = now;
      } else if (event.key === '/') {
        event.preventDefault();
        ref.current.search();
      } else if (event.key === '?') {
        event.preventDefault();
        ref.current.help();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
