// One step of a message story: when, the sentence its explanation code says in the staff's
// language, and the facts beside it (consent relied on, Meta's error, pricing category).
import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StoryStep } from '../api/types.js';
import { explanationKey, explanationValues } from '../lib/explanation.js';
import { formatInstant, type Language } from '../lib/language.js';
import { stepDetails } from '../lib/story-details.js';
import { TONES } from '../lib/tones.js';

export function StoryStepView({ step }: { step: StoryStep }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const d = stepDetails(step.type, step.body ?? {});
  return (
    <Stack gap={4} data-step-type={step.type} data-code={step.explanation?.code}>
      <Text fw={600} data-testid="step-sentence">
        {t(explanationKey(step.explanation?.code ?? ''), explanationValues(step.type, step.explanation?.params))}
      </Text>
      <Group gap="xs">
        <Text size="xs" c="gray.8">
          {formatInstant(step.at, lang)}
        </Text>
        <Code>
          {step.type}/v{step.version}
        </Code>
        {step.seq !== null && (
          <Text size="xs" c="gray.8">
            {t('story.seq', { seq: step.seq })}
          </Text>
        )}
      </Group>
      {d.template && <Text size="sm">{t('story.template', { template: d.template })}</Text>}
      {d.consent && (
        <Text size="sm" data-testid="step-consent">
          {t(d.consent.action === 'opt_in' ? 'story.consentIn' : 'story.consentOut', { seq: d.consent.seq ?? t('story.notSequenced') })}
        </Text>
      )}
      {d.missing && d.missing.length > 0 && <Text size="sm">{t('story.missing', { slots: d.missing.join(', ') })}</Text>}
      {d.statusReason && <Text size="sm">{t('story.statusReason', { reason: d.statusReason })}</Text>}
      {d.attempt !== undefined && <Text size="sm">{t('story.attempt', { attempt: d.attempt })}</Text>}
      {d.billable !== undefined && d.billable !== null && <Text size="sm">{t(d.billable ? 'story.billable' : 'story.free')}</Text>}
      {d.pricingCategory && (
        <Group gap="xs">
          <Text size="sm">{t('story.pricing')}</Text>
          <Badge variant="outline" color={TONES.gray} data-testid="pricing-category">
            {d.pricingCategory}
          </Badge>
        </Group>
      )}
      {d.error && (
        <Stack gap={0} data-testid="step-error">
          <Text size="sm" c="red.9">
            {t('story.errorTitle', { code: d.error.code ?? '—', title: d.error.title ?? '—' })}
          </Text>
          {d.error.details && (
            <Text size="sm" c="red.9">
              {t('story.errorDetails', { details: d.error.details })}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
