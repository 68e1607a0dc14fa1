// A message's story on one page: what happened, in order, in plain words; the anchor on chain;
// and the proof, to download or verify here.
import { Alert, Anchor, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MessageStory } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { OutcomeBadge } from '../components/OutcomeBadge.js';
import { ProofVerifier } from '../components/ProofVerifier.js';
import { StoryStepView } from '../components/StoryStepView.js';
import { explanationKey, explanationValues } from '../lib/explanation.js';
import { formatInstant, type Language } from '../lib/language.js';
import { stepTone } from '../lib/outcome.js';
import { useResource } from '../use-resource.js';
import { TONES } from '../lib/tones.js';

const TONE_COLOR = { ok: 'teal.8', refused: 'orange.8', failed: TONES.red, neutral: 'gray.7' } as const;

export function MessageStoryPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { data: story, loading, error } = useResource<MessageStory>(`/messages/${encodeURIComponent(id)}`);

  if (!story) {
    return (
      <Stack>
        <Title order={1}>{t('story.title')}</Title>
        <LoadState loading={loading} error={error} />
      </Stack>
    );
  }
  const refusal = story.story.find((s) => s.explanation?.code?.startsWith('refused.'));
  return (
    <Stack data-testid="message-story">
      <Group justify="space-between">
        <Title order={1}>{t('story.titleOf', { eventType: story.eventType, reference: story.reference ?? story.eventId })}</Title>
        <OutcomeBadge outcome={story.outcome} />
      </Group>
      <Anchor component={Link} to="/messages" size="sm">
        {t('story.back')}
      </Anchor>
      {refusal && (
        <Alert color="orange" title={t('story.notSent')} data-testid="refusal">
          {t(explanationKey(refusal.explanation.code), explanationValues(refusal.type, refusal.explanation.params))}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="facts-title">
        <Title order={2} size="h3" id="facts-title" mb="sm">
          {t('story.facts')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="dl" spacing="xs">
          <Fact term={t('story.eventId')} value={story.eventId} mono />
          <Fact term={t('story.notificationId')} value={story.notificationId} mono />
          <Fact term={t('messages.col.reference')} value={story.reference ?? '—'} />
          <Fact term={t('messages.col.phone')} value={story.phoneMasked ?? '—'} mono />
          <Fact term={t('messages.col.template')} value={story.template ? `${story.template}/${story.language ?? ''}` : '—'} />
          <Fact term={t('story.created')} value={formatInstant(story.createdAt, lang)} />
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="story-title">
        <Title order={2} size="h3" id="story-title" mb="md">
          {t('story.steps')}
        </Title>
        <Timeline bulletSize={18} lineWidth={2} active={story.story.length}>
          {story.story.map((step, i) => (
            <Timeline.Item key={`${step.seq ?? 'x'}-${i}`} color={TONE_COLOR[stepTone(step.explanation?.code ?? '')]}>
              <StoryStepView step={step} />
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="anchor-title" data-testid="anchoring">
        <Title order={2} size="h3" id="anchor-title" mb="sm">
          {t('story.anchoring')}
        </Title>
        {story.anchoring ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
            <Fact term={t('story.anchoredSize')} value={String(story.anchoring.anchoredSize)} />
            <Fact term={t('story.block')} value={String(story.anchoring.blockNumber)} />
            <Fact term={t('story.tx')} value={story.anchoring.txHash} mono />
            <Fact term={t('story.chain')} value={String(story.anchoring.chainId)} />
            <Fact term={t('story.contract')} value={story.anchoring.contract} mono />
          </SimpleGrid>
        ) : (
          <Text>{t('story.notAnchored')}</Text>
        )}
      </Paper>
      <ProofVerifier story={story} />
    </Stack>
  );
}

function Fact({ term, value, mono }: { term: string; value: string; mono?: boolean }) {
  return (
    <div>
      <Text component="dt" size="xs" c="gray.8">
        {term}
      </Text>
      <Text component="dd" m={0} size="sm" ff={mono ? 'monospace' : undefined} style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    </div>
  );
}
