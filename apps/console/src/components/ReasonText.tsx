import { useTranslation } from 'react-i18next';
import { reasonKey } from '../lib/explanation.js';

/** A refusal or failure reason in the staff's words (the code stays visible for support tickets). */
export function ReasonText({ reason }: { reason: string | null }) {
  const { t } = useTranslation();
  const key = reasonKey(reason);
  if (!key) return null;
  return (
    <span data-reason={reason ?? ''} title={reason ?? ''}>
      {t(key.key, key.values)}
    </span>
  );
}
