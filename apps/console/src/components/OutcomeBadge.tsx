import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { outcomeColor, outcomeKey } from '../lib/outcome.js';

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  // Filled badges: white text on shade 8 keeps AA contrast.
  return (
    <Badge color={`${outcomeColor(outcome)}.8`} variant="filled" data-outcome={outcome}>
      {t(outcomeKey(outcome))}
    </Badge>
  );
}
