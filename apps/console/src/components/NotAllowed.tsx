import { Alert, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What an account sees on a page its role does not open (the api refuses its calls too). */
export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1}>{t('notAllowed.title')}</Title>
      <Alert color="orange" mt="md" role="alert">
        {t('notAllowed.body')}
      </Alert>
    </>
  );
}
