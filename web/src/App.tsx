import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { Permission } from './api/client';
import { SignInPage } from './auth/SignInPage';
import { useSession } from './auth/session';
import { NotFoundPage } from './screens/NotFoundPage';
import { AppLayout } from './shell/AppLayout';
import { ScreenBoundary, ScreenLoading } from './shell/ScreenLoading';

/**
 * Each screen's code is fetched when it is first opened, so that the sign-in page does not
 * wait for every screen's: on a slow link the first load is what a bureau waits through.
 */
function screen<K extends string>(load: () => Promise<Record<K, React.ComponentType<never>>>, name: K) {
  return lazy(async () => ({
    default: (await load())[name] as React.ComponentType<Record<string, unknown>>,
  }));
}

const AgenciesPage = screen(() => import('./screens/agencies/AgenciesPage'), 'AgenciesPage');
const AgencyDetailPage = screen(() => import('./screens/agencies/AgencyDetailPage'), 'AgencyDetailPage');
const ApiKeysPage = screen(() => import('./screens/api-keys/ApiKeysPage'), 'ApiKeysPage');
const AuditPage = screen(() => import('./screens/audit/AuditPage'), 'AuditPage');
const ComposePage = screen(() => import('./screens/messaging/ComposePage'), 'ComposePage');
const KeysPage = screen(() => import('./screens/messaging/KeysPage'), 'KeysPage');
const MessagesPage = screen(() => import('./screens/messaging/MessagesPage'), 'MessagesPage');
const ThreadPage = screen(() => import('./screens/messaging/ThreadPage'), 'ThreadPage');
const NoticeDetailPage = screen(() => import('./screens/notices/NoticeDetailPage'), 'NoticeDetailPage');
const NoticeFormPage = screen(() => import('./screens/notices/NoticeFormPage'), 'NoticeFormPage');
const NoticesPage = screen(() => import('./screens/notices/NoticesPage'), 'NoticesPage');
const HitNotificationsPage = screen(
  () => import('./screens/notifications/HitNotificationsPage'),
  'HitNotificationsPage',
);
const OverviewPage = screen(() => import('./screens/OverviewPage'), 'OverviewPage');
const PublicNoticePage = screen(() => import('./screens/public/PublicNoticePage'), 'PublicNoticePage');
const PublicNoticesPage = screen(() => import('./screens/public/PublicNoticesPage'), 'PublicNoticesPage');
const RecordDetailPage = screen(() => import('./screens/records/RecordDetailPage'), 'RecordDetailPage');
const RecordFormPage = screen(() => import('./screens/records/RecordFormPage'), 'RecordFormPage');
const RecordsPage = screen(() => import('./screens/records/RecordsPage'), 'RecordsPage');
const SearchPage = screen(() => import('./screens/search/SearchPage'), 'SearchPage');
const SessionsPage = screen(() => import('./screens/sessions/SessionsPage'), 'SessionsPage');
const DashboardPage = screen(() => import('./screens/urgent/DashboardPage'), 'DashboardPage');
const DirectoryPage = screen(() => import('./screens/urgent/DirectoryPage'), 'DirectoryPage');
const UrgentDetailPage = screen(() => import('./screens/urgent/UrgentDetailPage'), 'UrgentDetailPage');
const UrgentNewPage = screen(() => import('./screens/urgent/UrgentNewPage'), 'UrgentNewPage');
const UrgentQueuePage = screen(() => import('./screens/urgent/UrgentQueuePage'), 'UrgentQueuePage');
const UserDetailPage = screen(() => import('./screens/users/UserDetailPage'), 'UserDetailPage');
const UsersPage = screen(() => import('./screens/users/UsersPage'), 'UsersPage');

/** Screens render only for a signed-in user; others go to sign-in and come back after. */
function RequireSession() {
  const { state } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <Center h="100vh">
        <Loader role="status" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (state.status !== 'signed-in') {
    // After an explicit sign-out, start afresh; after an expired session, come back here.
    const next =
      state.status === 'signed-out' && state.reason === 'signed-out'
        ? '/'
        : location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <AppLayout />;
}

/** A screen the user's permissions do not reach shows a plain refusal rather than a broken page. */
function Allowed({ permission, children }: { permission: Permission; children: React.ReactNode }) {
  const { state } = useSession();
  if (state.status !== 'signed-in' || !state.me.permissions.includes(permission)) {
    return <NotFoundPage forbidden />;
  }
  return <>{children}</>;
}

export function App() {
  return (
    <ScreenBoundary>
      <Suspense fallback={<ScreenLoading />}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          {/* The public website: no session needed, none required (signed in or not). */}
          <Route path="/public/notices" element={<PublicNoticesPage />} />
          <Route path="/public/notices/:type/:id" element={<PublicNoticePage />} />
          <Route element={<RequireSession />}>
            <Route index element={<OverviewPage />} />
            <Route
              path="agencies"
              element={
                <Allowed permission="agencies:read">
                  <AgenciesPage />
                </Allowed>
              }
            />
            <Route
              path="agencies/:code"
              element={
                <Allowed permission="agencies:read">
                  <AgencyDetailPage />
                </Allowed>
              }
            />
            <Route
              path="users"
              element={
                <Allowed permission="users:read">
                  <UsersPage />
                </Allowed>
              }
            />
            <Route
              path="users/:id"
              element={
                <Allowed permission="users:read">
                  <UserDetailPage />
                </Allowed>
              }
            />
            <Route
              path="api-keys"
              element={
                <Allowed permission="api-keys:manage">
                  <ApiKeysPage />
                </Allowed>
              }
            />
            <Route
              path="audit"
              element={
                <Allowed permission="audit:read">
                  <AuditPage />
                </Allowed>
              }
            />
            <Route
              path="audit/:id"
              element={
                <Allowed permission="audit:read">
                  <AuditPage />
                </Allowed>
              }
            />
            <Route
              path="search"
              element={
                <Allowed permission="records:read">
                  <SearchPage />
                </Allowed>
              }
            />
            <Route
              path="records"
              element={
                <Allowed permission="records:read">
                  <RecordsPage />
                </Allowed>
              }
            />
            <Route
              path="records/new"
              element={
                <Allowed permission="records:write">
                  <RecordFormPage />
                </Allowed>
              }
            />
            <Route
              path="records/:id"
              element={
                <Allowed permission="records:read">
                  <RecordDetailPage />
                </Allowed>
              }
            />
            <Route
              path="records/:id/edit"
              element={
                <Allowed permission="records:write">
                  <RecordFormPage />
                </Allowed>
              }
            />
            <Route
              path="review"
              element={
                <Allowed permission="records:write">
                  <RecordsPage review />
                </Allowed>
              }
            />
            <Route
              path="notifications"
              element={
                <Allowed permission="hit-notifications:read">
                  <HitNotificationsPage />
                </Allowed>
              }
            />
            <Route
              path="notices"
              element={
                <Allowed permission="notices:read">
                  <NoticesPage />
                </Allowed>
              }
            />
            <Route
              path="notices/new"
              element={
                <Allowed permission="notices:request">
                  <NoticeFormPage />
                </Allowed>
              }
            />
            <Route
              path="notices/:id"
              element={
                <Allowed permission="notices:read">
                  <NoticeDetailPage />
                </Allowed>
              }
            />
            <Route
              path="notices/:id/edit"
              element={
                <Allowed permission="notices:request">
                  <NoticeFormPage />
                </Allowed>
              }
            />
            {(
              [
                ['messages', 'messages:read', <MessagesPage key="m" />],
                ['messages/new', 'messages:send', <ComposePage key="c" />],
                ['messages/:id', 'messages:read', <ThreadPage key="t" />],
                ['messaging/keys', 'messages:read', <KeysPage key="k" />],
                ['urgent', 'urgent:read', <UrgentQueuePage key="u" />],
                ['urgent/new', 'urgent:write', <UrgentNewPage key="n" />],
                ['urgent/directory', 'urgent:read', <DirectoryPage key="d" />],
                ['urgent/dashboard', 'urgent:read', <DashboardPage key="b" />],
                ['urgent/:id', 'urgent:read', <UrgentDetailPage key="r" />],
              ] as const
            ).map(([path, permission, element]) => (
              <Route key={path} path={path} element={<Allowed permission={permission}>{element}</Allowed>} />
            ))}
            <Route path="sessions" element={<SessionsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </ScreenBoundary>
  );
}
