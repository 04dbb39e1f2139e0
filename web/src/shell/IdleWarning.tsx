import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../auth/session';
import { formatNumber } from '../i18n/format';

/** Warn this long before the session ends for inactivity (or half the idle timeout, if shorter). */
const WARN_MS = 2 * 60_000;

function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${formatNumber(minutes)}:${formatNumber(seconds).padStart(2, formatNumber(0))}`;
}

/**
 * Before the server ends an idle session, offer to keep it: "stay signed in" calls
 * GET /api/v1/me, which counts as activity and returns the new idle deadline.
 */
export function IdleWarning() {
  const { t } = useTranslation();
  const { idleDeadline, refresh, signOut } = useSession();
  const me = useMe();
  const [remaining, setRemaining] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const idleMs = (me.session?.idleTimeoutSeconds ?? 1800) * 1000;
  const warnMs = Math.min(WARN_MS, idleMs / 2);

  useEffect(() => {
    const tick = () => {
      const deadline = idleDeadline();
      if (deadline === null) return;
      const left = deadline - Date.now();
      if (left <= 0) {
        setRemaining(null);
        void signOut('idle');
      } else {
        setRemaining(left <= warnMs ? left : null);
      }
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [idleDeadline, signOut, warnMs]);

  const stay = async () => {
    setBusy(true);
    try {
      await refresh();
      setRemaining(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={remaining !== null}
      onClose={() => void stay()}
      title={t('idle.title')}
      centered
      data-testid="idle-warning"
    >
      <Text size="sm" role="timer">
        {t('idle.body', { time: formatRemaining(remaining ?? 0) })}
      </Text>
      <Group justify="flex-end" mt="lg" gap="xs">
        <Button variant="default" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Button>
        <Button onClick={() => void stay()} loading={busy} data-autofocus>
          {t('idle.stay')}
        </Button>
      </Group>
    </Modal>
  );
}
