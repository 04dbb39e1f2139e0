import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Code,
  CopyButton,
  Group,
  Image,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle, IconLock } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../api/client';
import { LanguageMenu } from '../shell/LanguageMenu';
import { Logo } from '../shell/Logo';
import { useSession } from './session';

/** The sign-in screen: credentials, then a one-time code, or first-time enrolment of an authenticator. */
export function SignInPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (state.status === 'signed-in') return <Navigate to={next} replace />;

  return (
    <Box className="signin-page">
      <Group justify="flex-end" p="md" className="signin-top">
        <LanguageMenu />
      </Group>
      <Center className="signin-center">
        <Stack w={400} maw="92vw" gap="lg">
          <Group gap="sm" justify="center">
            <Logo size={36} />
            <div>
              <Text fw={700} fz={22} lh={1.1}>
                Concord
              </Text>
              <Text fz="xs" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
          </Group>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <main>
              {state.status === 'loading' ? (
                <Center py="xl">
                  <Loader size="sm" role="status" aria-label={t('common.loading')} />
                </Center>
              ) : state.status === 'enrolment' ? (
                <Enrolment />
              ) : (
                <Credentials reason={state.status === 'signed-out' ? state.reason : undefined} />
              )}
            </main>
          </Paper>
          <Text fz="xs" c="dimmed" ta="center">
            <IconLock size={12} style={{ verticalAlign: 'middle' }} aria-hidden /> {t('signIn.notice')}
          </Text>
          {/* The public's way in: the public notices need no account. */}
          <Anchor component={Link} to="/public/notices" ta="center" fz="sm" data-testid="public-notices-link">
            {t('publicNotices.site')}
          </Anchor>
        </Stack>
      </Center>
    </Box>
  );
}

/** Only same-site paths may follow sign-in. */
function safeNext(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/sign-in') ? value : '/';
}

function signInError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('signIn.errors.unavailable');
  switch (error.slug) {
    case 'invalid-credentials':
    case 'validation':
      return t('signIn.errors.invalidCredentials');
    case 'invalid-otp':
      return t('signIn.errors.invalidOtp');
    case 'too-many-attempts': {
      const seconds = Number(error.body.retryAfterSeconds) || 60;
      return t('signIn.errors.tooManyAttempts', { count: seconds });
    }
    case 'rate-limited':
      return t('signIn.errors.rateLimited');
    case 'account-disabled':
      return t('signIn.errors.accountDisabled');
    case 'agency-suspended':
      return t('signIn.errors.agencySuspended');
    default:
      return t('signIn.errors.unavailable');
  }
}

function Credentials({ reason }: { reason: 'expired' | 'idle' | 'signed-out' | undefined }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [step, setStep] = useState<'credentials' | 'otp'>('credentials');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const otpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'otp') otpRef.current?.focus();
  }, [step]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = step === 'otp' ? { username, password, otp } : { username, password };
      await unwrap(api.POST('/api/v1/auth/login', { body }));
      setPassword('');
      await refresh();
    } catch (caught) {
      if (caught instanceof ApiError && caught.slug === 'mfa-required') {
        setStep('otp');
      } else {
        setError(signInError(t, caught));
        if (step === 'otp') setOtp('');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz="h3">
            {step === 'otp' ? t('signIn.otpTitle') : t('signIn.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {step === 'otp' ? t('signIn.otpHelp') : t('signIn.subtitle')}
          </Text>
        </div>
        {reason && reason !== 'signed-out' && !error && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} role="status">
            {reason === 'idle' ? t('signIn.endedIdle') : t('signIn.endedExpired')}
          </Alert>
        )}
        {reason === 'signed-out' && !error && (
          <Alert color="teal" variant="light" role="status">
            {t('signIn.signedOut')}
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert" data-testid="signin-error">
            {error}
          </Alert>
        )}
        {step === 'credentials' ? (
          <>
            <TextInput
              label={t('signIn.username')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
          </>
        ) : (
          <TextInput
            ref={otpRef}
            label={t('signIn.otp')}
            name="otp"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            required
            value={otp}
            onChange={(e) => setOtp(e.currentTarget.value.replace(/\D/g, ''))}
            classNames={{ input: 'otp-input' }}
          />
        )}
        <Button type="submit" loading={busy} fullWidth disabled={!username || !password}>
          {step === 'otp' ? t('signIn.verify') : t('signIn.submit')}
        </Button>
        {step === 'otp' && (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setStep('credentials');
              setOtp('');
              setPassword('');
              setError(null);
            }}
          >
            {t('signIn.back')}
          </Anchor>
        )}
      </Stack>
    </form>
  );
}

/** First sign-in of an account that needs MFA: scan the QR code (or type the key), confirm with a code. */
function Enrolment() {
  const { t } = useTranslation();
  const { refresh, signOut } = useSession();
  const [enrolment, setEnrolment] = useState<{ secret: string; qrCodeDataUrl: string } | null>(null);
  const [otp, setOtp] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    // Each call makes a new secret: start once, even under React's double effects in development.
    if (started.current) return;
    started.current = true;
    // At the enrolment a sign-in asks for, the password was just given: none is sent again.
    unwrap(api.POST('/api/v1/auth/mfa/enrol', { body: {} }))
      .then(setEnrolment)
      .catch((caught) => setError(signInError(t, caught)));
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/auth/mfa/verify', { body: { otp } }));
      await refresh();
    } catch (caught) {
      setError(
        caught instanceof ApiError && (caught.slug === 'invalid-otp' || caught.slug === 'validation')
          ? t('signIn.errors.invalidOtp')
          : signInError(t, caught),
      );
      setOtp('');
    } finally {
      setBusy(false);
    }
  };

  const grouped = enrolment?.secret.replace(/(.{4})/g, '$1 ').trim();

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz="h3">
            {t('signIn.enrolTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('signIn.enrolHelp')}
          </Text>
        </div>
        {error && (
          <Alert color="red" variant="light" role="alert" data-testid="signin-error">
            {error}
          </Alert>
        )}
        {!enrolment ? (
          <Center py="lg">
            <Loader size="sm" role="status" aria-label={t('common.loading')} />
          </Center>
        ) : (
          <>
            <Center>
              <Image src={enrolment.qrCodeDataUrl} alt={t('signIn.qrAlt')} w={180} h={180} className="qr" />
            </Center>
            <div>
              <Text size="sm" fw={500} id="manual-key-label">
                {t('signIn.manualKey')}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Code
                  fz="sm"
                  className="manual-key"
                  data-testid="manual-key"
                  aria-labelledby="manual-key-label"
                  dir="ltr"
                >
                  {grouped}
                </Code>
                <CopyButton value={enrolment.secret}>
                  {({ copied, copy }) => (
                    <Button
                      variant="default"
                      size="compact-sm"
                      onClick={copy}
                      leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    >
                      {copied ? t('common.copied') : t('common.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </div>
            <TextInput
              label={t('signIn.enrolCode')}
              name="otp"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              required
              value={otp}
              onChange={(e) => setOtp(e.currentTarget.value.replace(/\D/g, ''))}
              classNames={{ input: 'otp-input' }}
            />
            <Button type="submit" loading={busy} fullWidth disabled={otp.length !== 6}>
              {t('signIn.enrolSubmit')}
            </Button>
          </>
        )}
        <Anchor component="button" type="button" size="sm" onClick={() => void signOut()}>
          {t('signIn.cancelEnrolment')}
        </Anchor>
      </Stack>
    </form>
  );
}
