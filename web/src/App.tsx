import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { Permission } from './api/client';
import { SignInPage } from './auth/SignInPage';
import { useSession } from './auth/session';
import { AgenciesPage } from './screens/agencies/AgenciesPage';
import { AgencyDetailPage } from './screens/agencies/AgencyDetailPage';
import { ApiKeysPage } from './screens/api-keys/ApiKeysPage';
import { AuditPage } from './screens/audit/AuditPage';
import { ComposePage } from './screens/messaging/ComposePage';
import { KeysPage } from './screens/messaging/KeysPage';
import { MessagesPage } from './screens/messaging/MessagesPage';
import { ThreadPage } from './screens/messaging/ThreadPage';
import { NotFoundPage } from './screens/NotFoundPage';
import { NoticeDetailPage } from './screens/notices/NoticeDetailPage';
import { NoticeFormPage } from './screens/notices/NoticeFormPage';
import { NoticesPage } from './screens/notices/NoticesPage';
import { HitNotificationsPage } from './screens/notifications/HitNotificationsPage';
import { OverviewPage } from './screens/OverviewPage';
import { PublicNoticePage } from './screens/public/PublicNoticePage';
import { PublicNoticesPage } from './screens/public/PublicNoticesPage';
import { RecordDetailPage } from './screens/records/RecordDetailPage';
import { RecordFormPage } from './screens/records/RecordFormPage';
import { RecordsPage } from './screens/records/RecordsPage';
import { SearchPage } from './screens/search/SearchPage';
import { SessionsPage } from './screens/sessions/SessionsPage';
import { DashboardPage } from './screens/urgent/DashboardPage';
import { DirectoryPage } from './screens/urgent/DirectoryPage';
import { UrgentDetailPage } from './screens/urgent/UrgentDetailPage';
import { UrgentNewPage } from './screens/urgent/UrgentNewPage';
import { UrgentQueuePage } from './screens/urgent/UrgentQueuePage';
import { UserDetailPage } from './screens/users/UserDetailPage';
import { UsersPage } from './screens/users/UsersPage';
import { AppLayout } from './shell/AppLayout';

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
  );
}
