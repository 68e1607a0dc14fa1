import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { outcomeColor, outcomeKey } from '../lib/outcome.js';

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={outcomeColor(outcome)} variant="filled" data-outcome={outcome} miw="max-content">
      {t(outcomeKey(outcome))}
    </Badge>
  );
}
