import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  ApiError,
  api,
  type Me,
  onApiActivity,
  onSessionEnded,
  type Permission,
  setCsrfToken,
  unwrap,
} from '../api/client';
import i18n, { currentLocale, isLocale, type Locale, rememberLocale } from '../i18n';

export type SignedOutReason = 'expired' | 'idle' | 'signed-out';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: SignedOutReason }
  | { status: 'enrolment'; me: Me }
  | { status: 'signed-in'; me: Me };

interface SessionContextValue {
  state: AuthState;
  /** Reloads who I am (GET /api/v1/me); also keeps the session alive. */
  refresh(): Promise<AuthState>;
  signOut(reason?: SignedOutReason): Promise<void>;
  /** Milliseconds since the epoch when the session will end for inactivity (an estimate). */
  idleDeadline(): number | null;
  changeLocale(locale: Locale): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The server touches a session at most once a minute: estimates stay on the safe side. */
const TOUCH_GRAIN_MS = 60_000;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const signedIn = useRef(false);
  signedIn.current = state.status === 'signed-in' || state.status === 'enrolment';
  const deadline = useRef<number | null>(null);
  const idleSeconds = useRef<number>(0);

  const applyMe = useCallback((me: Me): AuthState => {
    setCsrfToken(me.csrfToken);
    if (me.session) {
      idleSeconds.current = me.session.idleTimeoutSeconds;
      deadline.current = Date.parse(me.session.idleExpiresAt);
    }
    const saved = me.user?.locale;
    if (isLocale(saved) && saved !== currentLocale()) {
      rememberLocale(saved);
      void i18n.changeLanguage(saved);
    }
    const next: AuthState = me.mfaEnrolmentRequired
      ? { status: 'enrolment', me }
      : { status: 'signed-in', me };
    setState(next);
    return next;
  }, []);

  const refresh = useCallback(async (): Promise<AuthState> => {
    try {
      const me = await unwrap(api.GET('/api/v1/me'));
      return applyMe(me);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        const next: AuthState = { status: 'signed-out' };
        setState((current) => (current.status === 'signed-out' ? current : next));
        return next;
      }
      throw error;
    }
  }, [applyMe]);

  const endLocally = useCallback(
    (reason: SignedOutReason) => {
      setCsrfToken(null);
      deadline.current = null;
      queryClient.clear();
      setState({ status: 'signed-out', reason });
    },
    [queryClient],
  );

  const signOut = useCallback(
    async (reason: SignedOutReason = 'signed-out') => {
      await api.POST('/api/v1/auth/logout').catch(() => undefined);
      endLocally(reason);
    },
    [endLocally],
  );

  const changeLocale = useCallback(
    async (locale: Locale) => {
      rememberLocale(locale);
      await i18n.changeLanguage(locale);
      if (state.status === 'signed-in') {
        await unwrap(api.PATCH('/api/v1/me', { body: { locale } })).catch(() => undefined);
      }
    },
    [state.status],
  );

  useEffect(() => {
    onApiActivity(() => {
      if (deadline.current === null || !idleSeconds.current) return;
      const estimate = Date.now() + idleSeconds.current * 1000 - TOUCH_GRAIN_MS;
      deadline.current = Math.max(deadline.current, estimate);
    });
    // Only a session we had can end; a 401 while signed out is just "not signed in".
    onSessionEnded(() => {
      if (signedIn.current) endLocally('expired');
    });
  }, [endLocally]);

  useEffect(() => {
    refresh().catch(() => setState({ status: 'signed-out' }));
  }, [refresh]);

  const value = useMemo<SessionContextValue>(
    () => ({ state, refresh, signOut, idleDeadline: () => deadline.current, changeLocale }),
    [state, refresh, signOut, changeLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in principal, for screens that render only when signed in. */
export function useMe(): Me & {
  can(permission: Permission): boolean;
  isNetworkAdmin: boolean;
  isNetworkStaff: boolean;
} {
  const { state } = useSession();
  if (state.status !== 'signed-in' && state.status !== 'enrolment') throw new Error('not signed in');
  const { me } = state;
  return useMemo(() => {
    const secretariat = me.agency.kind === 'secretariat';
    return {
      ...me,
      can: (permission: Permission) => me.permissions.includes(permission),
      isNetworkAdmin: secretariat && me.roles.includes('network-admin'),
      isNetworkStaff: secretariat && (me.roles.includes('network-admin') || me.roles.includes('auditor')),
    };
  }, [me]);
}
