// The proof of a message: download its story bundle, or verify it here with the audit page's
// verifier against the chain RPC (and, when given, the log's verifier key).
import { Alert, Badge, Button, Code, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../api/client.js';
import type { MessageStory } from '../api/types.js';
import { TONES } from '../lib/tones.js';

const RPC_STORAGE_KEY = 'sigillo.console.rpcUrl';

type Verdict = { state: 'verified' | 'failed'; report: import('../verify/proof.js').AuditReport } | { state: 'error'; message: string };

function proofHref(story: MessageStory): string {
  // proofUrl as the api gives it (with the tenant a global operator chose, when one did).
  if (story.proofUrl?.startsWith('/console/api/')) return story.proofUrl;
  return apiUrl(`/messages/${encodeURIComponent(story.notificationId)}/proof`);
}

export function ProofVerifier({ story }: { story: MessageStory }) {
  const { t } = useTranslation();
  const [rpcUrl, setRpcUrl] = useState(() => story.chain?.rpcUrl ?? localStorage.getItem(RPC_STORAGE_KEY) ?? 'http://127.0.0.1:8545');
  const [verifierKey, setVerifierKey] = useState(story.chain?.verifierKey ?? '');
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  async function fetchProof(): Promise<string> {
    const res = await fetch(proofHref(story), { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const text = await res.text();
    if (res.status === 202) throw new Error(t('proof.notYet'));
    if (!res.ok) throw new Error(`${res.status}: ${text.slice(0, 200)}`);
    return text;
  }

  async function download() {
    setBusy(true);
    try {
      const text = await fetchProof();
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `sigillo-proof-${story.eventId}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setVerdict({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  async function verify() {
    setBusy(true);
    setVerdict(null);
    try {
      try {
        localStorage.setItem(RPC_STORAGE_KEY, rpcUrl);
      } catch {
        // not remembered
      }
      const [text, { auditBundleText }] = await Promise.all([fetchProof(), import('../verify/proof.js')]);
      const outcome = await auditBundleText({ text, rpcUrl, verifierKey });
      setVerdict(outcome.ok ? { state: outcome.report.ok ? 'verified' : 'failed', report: outcome.report } : { state: 'error', message: outcome.error });
    } catch (e) {
      setVerdict({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="proof-title" id="verify">
      <Stack>
        <Title order={2} size="h3" id="proof-title">
          {t('proof.title')}
        </Title>
        <Text size="sm">{t('proof.lead')}</Text>
        <Group align="end">
          <TextInput label={t('proof.rpc')} value={rpcUrl} onChange={(e) => setRpcUrl(e.currentTarget.value)} w={320} name="rpc" />
          <TextInput
            label={t('proof.key')}
            description={t('proof.keyHint')}
            value={verifierKey}
            onChange={(e) => setVerifierKey(e.currentTarget.value)}
            w={420}
            name="verifierKey"
          />
        </Group>
        <Group>
          <Button onClick={() => void verify()} loading={busy} data-testid="verify-proof">
            {t('proof.verify')}
          </Button>
          <Button variant="default" onClick={() => void download()} disabled={busy} data-testid="download-proof">
            {t('proof.download')}
          </Button>
        </Group>
        <div data-testid="proof-verdict" data-state={verdict?.state ?? 'none'} aria-live="polite">
          {verdict?.state === 'error' && (
            <Alert color="red" role="alert">
              {t('proof.error', { message: verdict.message })}
            </Alert>
          )}
          {verdict && verdict.state !== 'error' && (
            <Stack gap="xs">
              <Alert color={verdict.state === 'verified' ? 'green' : 'red'} title={t(verdict.state === 'verified' ? 'proof.verified' : 'proof.failed')}>
                <Code block tabIndex={0}>
                  {verdict.report.summary}
                </Code>
              </Alert>
              <List spacing={4} size="sm" aria-label={t('proof.checks')}>
                {verdict.report.entries.map((entry) => (
                  <List.Item key={entry.seq} data-seq={entry.seq} data-ok={String(entry.ok)}>
                    <Group gap="xs" wrap="nowrap" align="start">
                      <Badge color={entry.ok ? TONES.green : TONES.red} variant="filled">
                        {entry.ok ? t('proof.ok') : t('proof.notOk')}
                      </Badge>
                      <Text size="sm">
                        {t('proof.entry', { seq: entry.seq, type: entry.type })}: {entry.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.check}`).join('  ')}
                      </Text>
                    </Group>
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
