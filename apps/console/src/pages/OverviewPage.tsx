// Overview: messages per day by outcome and refusal reason, by pricing category, and anchoring health.
import { BarChart } from '@mantine/charts';
import { Alert, Badge, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { anchoringHealth, DELIVERY_SERIES, outcomeRows, pricingRows, refusalReasons, totals } from '../lib/chart-data.js';
import { useResource } from '../use-resource.js';
import { TONES } from '../lib/tones.js';

const OUTCOME_COLORS: Record<string, string> = { pending: 'gray.5', sent: 'blue.7', delivered: 'teal.7', read: 'green.8', failed: 'red.7' };
const REASON_COLORS = ['orange.6', 'yellow.7', 'grape.6', 'pink.6', 'cyan.7', 'lime.7', 'violet.6', 'gray.6', TONES.orange, TONES.yellow];
const PRICING_COLORS = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'gray.6'];
const HEALTH_COLOR = { healthy: TONES.green, lagging: TONES.orange, notAnchored: TONES.red } as const;

export function OverviewPage() {
  const { t } = useTranslation();
  const [days, setDays] = useState('30');
  const { data, loading, error } = useResource<Overview>(`/overview?days=${days}`);
  const reasons = data ? refusalReasons(data.perDay) : [];
  const pricing = data ? pricingRows(data.perPricingCategory) : { categories: [], rows: [] };
  const sum = data ? totals(data.perDay) : null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('overview.title')}</Title>
        <SegmentedControl
          aria-label={t('overview.period')}
          value={days}
          onChange={setDays}
          data={['7', '30', '90'].map((d) => ({ value: d, label: t('overview.days', { count: Number(d) }) }))}
        />
      </Group>
      <LoadState loading={loading && !data} error={error} />
      {data && sum && (
        <>
          <Text size="sm">{t('overview.exclusive')}</Text>
          <SimpleGrid cols={{ base: 2, sm: 6 }}>
            {([...DELIVERY_SERIES, 'refused'] as const).map((k) => (
              <Paper withBorder p="sm" key={k}>
                <Text size="xs" c="gray.8">
                  {t(`outcome.${k}`)}
                </Text>
                <Text fw={700} size="xl" data-total={k}>
                  {sum[k]}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Paper withBorder p="md" component="section" aria-labelledby="per-day-title">
            <Title order={2} size="h3" id="per-day-title" mb="md">
              {t('overview.perDay')}
            </Title>
            <BarChart
              h={280}
              data={outcomeRows(data.perDay)}
              dataKey="day"
              type="stacked"
              withLegend
              aria-label={t('overview.perDay')}
              series={[
                ...DELIVERY_SERIES.map((s) => ({ name: s, label: t(`outcome.${s}`), color: OUTCOME_COLORS[s] })),
                ...reasons.map((r, i) => ({
                  name: `refused:${r}`,
                  label: t('overview.refusedBy', { reason: t(`reason.${r}`, { defaultValue: r }) }),
                  color: REASON_COLORS[i % REASON_COLORS.length],
                })),
              ]}
            />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="pricing-title">
            <Title order={2} size="h3" id="pricing-title" mb="md">
              {t('overview.pricing')}
            </Title>
            {pricing.rows.length === 0 ? (
              <Text>{t('overview.noPricing')}</Text>
            ) : (
              <BarChart
                h={240}
                data={pricing.rows}
                dataKey="day"
                type="stacked"
                withLegend
                aria-label={t('overview.pricing')}
                series={pricing.categories.map((c, i) => ({
                  name: c,
                  label: t(`pricing.${c}`, { defaultValue: c }),
                  color: PRICING_COLORS[i % PRICING_COLORS.length],
                }))}
              />
            )}
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="anchoring-title" data-testid="anchoring-health">
            <Group>
              <Title order={2} size="h3" id="anchoring-title">
                {t('overview.anchoring')}
              </Title>
              <Badge variant="filled" color={HEALTH_COLOR[anchoringHealth(data.anchoring)]}>
                {t(`overview.health.${anchoringHealth(data.anchoring)}`)}
              </Badge>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
              <Text>{t('overview.anchoredSize', { size: data.anchoring.latestAnchoredSize ?? '—', ledger: data.anchoring.ledgerSize })}</Text>
              <Text>{t('overview.latestBlock', { block: data.anchoring.latestBlock ?? '—' })}</Text>
              <Text>{t('overview.lag', { entries: data.anchoring.lagEntries, seconds: data.anchoring.lagSeconds ?? '—' })}</Text>
            </SimpleGrid>
            {anchoringHealth(data.anchoring) !== 'healthy' && (
              <Alert color="orange" mt="sm">
                {t('overview.lagHelp')}
              </Alert>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
