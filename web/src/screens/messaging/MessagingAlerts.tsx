import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { onServerEvent } from '../../api/events';
import { useMe } from '../../auth/session';
import { overdueLabel, useOverdueIncoming } from '../urgent/queries';

/**
 * What must not wait for someone to look at a list, wherever they are in the application:
 * urgent and flash messages, requests to forward our messages and the answers to ours, urgent
 * requests received, reminders of their clocks, and — for supervisors — escalations when a
 * deadline was missed.
 */
export function MessagingAlerts() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const readsMessages = me.can('messages:read');
  const readsUrgent = me.can('urgent:read');
  const supervisor = me.roles.includes('supervisor');
  const agency = me.agency.code;
  // A supervisor opening the application learns of deadlines missed while away: the live
  // escalation reached only those signed in at the time.
  const overdue = useOverdueIncoming(readsUrgent && me.agency.kind !== 'secretariat');
  const told = useRef(false);
  useEffect(() => {
    if (!supervisor || told.current || overdue === undefined) return;
    told.current = true;
    if (overdue === 0) return;
    notifications.show({
      color: 'red',
      title: t('messaging.alerts.overdueOnOpen', {
        count: overdue,
        formatted: overdueLabel(overdue),
      }),
      message: t('messaging.alerts.overdueOnOpenHint'),
      autoClose: false,
      onClick: () => navigate('/urgent?view=overdue'),
      style: { cursor: 'pointer' },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    });
  }, [supervisor, overdue, navigate, t]);
  useEffect(() => {
    const stops: (() => void)[] = [];
    const show = (color: string, title: string, message: string, to: string, sticky: boolean) =>
      notifications.show({
        color,
        title,
        message,
        autoClose: sticky ? false : 10_000,
        onClick: () => navigate(to),
        style: { cursor: 'pointer' },
        // Mantine greys a titled notification's text below 4.5:1.
        styles: { description: { color: 'var(--mantine-color-dimmed)' } },
      });
    if (readsMessages)
      stops.push(
        // Someone waits on our answer before passing on one of our messages: the originator
        // is told wherever its officers are, not only on the message's page.
        onServerEvent('forward.requested', (d) => {
          show(
            'orange',
            t('messaging.alerts.forwardRequested', {
              agency: String(d.requester),
              targets: Array.isArray(d.targets) ? d.targets.join(', ') : '',
            }),
            // The decider's own message (a forward of it is what the requester holds).
            String(d.sourceReference ?? d.reference),
            '/messages?box=forwarding',
            false,
          );
        }),
        onServerEvent('forward.decided', (d) => {
          const granted = d.status === 'granted';
          show(
            granted ? 'teal' : 'red',
            t(granted ? 'messaging.alerts.forwardGranted' : 'messaging.alerts.forwardDenied'),
            Array.isArray(d.targets) ? d.targets.join(', ') : '',
            '/messages?box=forwarding&status=all',
            false,
          );
        }),
        onServerEvent('message.received', (d) => {
          if (d.priority === 'routine') return;
          show(
            d.priority === 'flash' ? 'red' : 'orange',
            t('messaging.alerts.received', {
              priority: t(`messaging.priority.${String(d.priority)}`),
              agency: String(d.from),
            }),
            String(d.reference),
            `/messages/${String(d.id)}`,
            d.priority === 'flash',
          );
        }),
      );
    if (readsUrgent) {
      stops.push(
        onServerEvent('urgent.created', (d) => {
          if (d.from === agency) return;
          show(
            'red',
            t('messaging.alerts.urgentReceived', { agency: String(d.from) }),
            String(d.reference),
            `/urgent/${String(d.id)}`,
            true,
          );
        }),
        onServerEvent('urgent.reminder', (d) => {
          if (d.from === agency && d.kind !== 'lapse') return;
          show(
            'orange',
            t(`messaging.alerts.reminder.${String(d.kind)}`, { defaultValue: String(d.kind) }),
            String(d.reference),
            `/urgent/${String(d.id)}`,
            false,
          );
        }),
      );
      if (supervisor)
        stops.push(
          onServerEvent('urgent.escalated', (d) => {
            show(
              'red',
              t('messaging.alerts.escalated'),
              String(d.reference),
              `/urgent/${String(d.id)}`,
              true,
            );
          }),
        );
    }
    return () => {
      for (const stop of stops) stop();
    };
  }, [readsMessages, readsUrgent, supervisor, agency, navigate, t]);
  return null;
}
