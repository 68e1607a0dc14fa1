// The bindings editor: templates per language, placeholder → event variable, condition, groups and
// media; a live preview rendered by the api from a sample event of the type; the api's field
// errors beside the field, before anything is saved (only admins can save).
import { ActionIcon, Alert, Anchor, Button, Code, Grid, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, request } from '../api/client.js';
import type { Binding, FieldError, Preview } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { bindingFieldNames, bindingFromForm, formFromBinding, type BindingForm } from '../lib/binding-form.js';
import { errorOf, unplacedErrors } from '../lib/field-errors.js';
import { previewLines } from '../lib/preview.js';
import { useSession } from '../session.js';
import { useResource } from '../use-resource.js';

const PREVIEW_DELAY_MS = 400;

export function BindingEditorPage() {
  const { eventType = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useSession();
  const editable = can('editBindings');
  const bindings = useResource<Binding[] | { items: Binding[] }>('/bindings');
  const [form, setForm] = useState<BindingForm | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saved, setSaved] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const round = useRef(0);

  useEffect(() => {
    if (!bindings.data || form) return;
    const list = Array.isArray(bindings.data) ? bindings.data : bindings.data.items;
    setForm(formFromBinding(list.find((b) => b.eventType === eventType) ?? null));
  }, [bindings.data, eventType, form]);

  // Live preview: each change asks the api to render the binding (nothing is stored); the latest answer wins.
  useEffect(() => {
    if (!form) return;
    const mine = ++round.current;
    const timer = setTimeout(() => {
      request<Preview>('POST', `/bindings/${encodeURIComponent(eventType)}/preview`, { binding: bindingFromForm(eventType, form) }).then(
        (p) => {
          if (mine !== round.current) return;
          setPreview(p);
          setErrors([]);
        },
        (e: unknown) => {
          if (mine !== round.current) return;
          setPreview(null);
          // The preview names fields inside its {binding} body; the form names them as PUT does.
          setErrors(
            e instanceof ApiError
              ? e.errors.length
                ? e.errors.map((x) => ({ ...x, field: x.field.replace(/^binding\./, '') }))
                : [{ field: '', message: e.message }]
              : [{ field: '', message: String(e) }],
          );
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, eventType]);

  async function save() {
    if (!form) return;
    setBusy(true);
    setSaved(null);
    try {
      const { eventType: _omit, ...body } = bindingFromForm(eventType, form);
      await request('PUT', `/bindings/${encodeURIComponent(eventType)}`, body);
      setSaved({ ok: true, text: t('bindings.saved') });
      setErrors([]);
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.errors);
        setSaved({ ok: false, text: e.message });
      } else setSaved({ ok: false, text: String(e) });
    } finally {
      setBusy(false);
    }
  }

  if (!form) {
    return (
      <Stack>
        <Title order={1}>{t('bindings.title', { eventType })}</Title>
        <LoadState loading={bindings.loading} error={bindings.error} />
      </Stack>
    );
  }
  const update = (patch: Partial<BindingForm>) => {
    setSaved(null);
    setForm({ ...form, ...patch });
  };
  const shown = bindingFieldNames(form);
  const lines = preview ? previewLines(preview.rendered) : null;
  const stray = unplacedErrors(errors, shown);

  return (
    <Stack data-testid="binding-editor">
      <Title order={1}>{t('bindings.title', { eventType })}</Title>
      <Anchor component={Link} to="/templates" size="sm">
        {t('bindings.back')}
      </Anchor>
      {!editable && <Alert color="gray">{t('bindings.readOnly')}</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="form" aria-label={t('bindings.form')} onSubmit={(e) => e.preventDefault()}>
            <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
              <Stack>
                <Title order={2} size="h3">
                  {t('bindings.templates')}
                </Title>
                {errorOf(errors, 'templates') && (
                  <Text c="red.9" size="sm">
                    {errorOf(errors, 'templates')}
                  </Text>
                )}
                {form.templates.map((tpl, i) => (
                  <Stack key={i} gap={2}>
                    <Group align="start" wrap="nowrap">
                      <TextInput
                        label={t('bindings.templateName', { n: i + 1 })}
                        value={tpl.name}
                        name={`templates.${i}.name`}
                        error={errorOf(errors, `templates.${i}.name`)}
                        onChange={(e) => update({ templates: form.templates.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)) })}
                      />
                      <TextInput
                        label={t('bindings.templateLanguage', { n: i + 1 })}
                        value={tpl.language}
                        name={`templates.${i}.language`}
                        error={errorOf(errors, `templates.${i}.language`)}
                        onChange={(e) => update({ templates: form.templates.map((x, j) => (j === i ? { ...x, language: e.currentTarget.value } : x)) })}
                        w={120}
                      />
                      <ActionIcon
                        variant="default"
                        mt={26}
                        aria-label={t('bindings.removeTemplate', { n: i + 1 })}
                        onClick={() => update({ templates: form.templates.filter((_, j) => j !== i) })}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                    {errorOf(errors, `templates.${i}`) && (
                      <Text c="red.9" size="sm" data-field={`templates.${i}`}>
                        {errorOf(errors, `templates.${i}`)}
                      </Text>
                    )}
                  </Stack>
                ))}
                <Button variant="default" size="xs" onClick={() => update({ templates: [...form.templates, { name: '', language: '' }] })} w="fit-content">
                  {t('bindings.addTemplate')}
                </Button>

                <Title order={2} size="h3">
                  {t('bindings.variables')}
                </Title>
                {errorOf(errors, 'variables') && (
                  <Text c="red.9" size="sm">
                    {errorOf(errors, 'variables')}
                  </Text>
                )}
                {form.variables.map((v, i) => (
                  <Group key={i} align="start" wrap="nowrap">
                    <TextInput
                      label={t('bindings.slot', { n: i + 1 })}
                      value={v.slot}
                      name={`slot.${i}`}
                      onChange={(e) => update({ variables: form.variables.map((x, j) => (j === i ? { ...x, slot: e.currentTarget.value } : x)) })}
                      w={150}
                    />
                    <TextInput
                      label={t('bindings.variable', { n: i + 1 })}
                      value={v.variable}
                      name={`variables.${v.slot.trim()}`}
                      error={errorOf(errors, `variables.${v.slot.trim()}`)}
                      onChange={(e) => update({ variables: form.variables.map((x, j) => (j === i ? { ...x, variable: e.currentTarget.value } : x)) })}
                    />
                    <ActionIcon
                      variant="default"
                      mt={26}
                      aria-label={t('bindings.removeVariable', { n: i + 1 })}
                      onClick={() => update({ variables: form.variables.filter((_, j) => j !== i) })}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                <Button variant="default" size="xs" onClick={() => update({ variables: [...form.variables, { slot: '', variable: '' }] })} w="fit-content">
                  {t('bindings.addVariable')}
                </Button>

                <TextInput
                  label={t('bindings.newStatus')}
                  description={t('bindings.listHint')}
                  value={form.newStatus}
                  name="condition.newStatus"
                  error={errorOf(errors, 'condition.newStatus')}
                  onChange={(e) => update({ newStatus: e.currentTarget.value })}
                />
                <TextInput
                  label={t('bindings.userGroups')}
                  description={t('bindings.listHint')}
                  value={form.userGroups}
                  name="userGroups"
                  error={errorOf(errors, 'userGroups')}
                  onChange={(e) => update({ userGroups: e.currentTarget.value })}
                />
                <TextInput
                  label={t('bindings.mediaLink')}
                  value={form.mediaLink}
                  name="media.link"
                  error={errorOf(errors, 'media.link') ?? errorOf(errors, 'media')}
                  onChange={(e) => update({ mediaLink: e.currentTarget.value })}
                />
                <TextInput
                  label={t('bindings.mediaFilename')}
                  value={form.mediaFilename}
                  name="media.filename"
                  error={errorOf(errors, 'media.filename')}
                  onChange={(e) => update({ mediaFilename: e.currentTarget.value })}
                />
              </Stack>
            </fieldset>
            {stray.length > 0 && (
              <Alert color="red" mt="md" title={t('bindings.problems')} data-testid="binding-errors">
                {stray.map((e, i) => (
                  <Text key={i} size="sm">
                    {e.field ? `${e.field}: ` : ''}
                    {e.message}
                  </Text>
                ))}
              </Alert>
            )}
            {saved && (
              <Alert color={saved.ok ? 'green' : 'red'} mt="md" role={saved.ok ? 'status' : 'alert'} data-testid="binding-saved">
                {saved.text}
              </Alert>
            )}
            {editable && (
              <Button mt="md" onClick={() => void save()} loading={busy} disabled={errors.length > 0} data-testid="save-binding">
                {t('bindings.save')}
              </Button>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="preview-title" data-testid="binding-preview">
            <Title order={2} size="h3" id="preview-title" mb="sm">
              {t('bindings.preview')}
            </Title>
            {lines ? (
              <Stack gap="xs">
                {lines.header && (
                  <Text fw={700} data-testid="preview-header">
                    {lines.header}
                  </Text>
                )}
                <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-body">
                  {lines.body}
                </Text>
                {lines.footer && (
                  <Text size="sm" c="gray.8">
                    {lines.footer}
                  </Text>
                )}
                {lines.buttons.map((b, i) => (
                  <Code key={i}>{b}</Code>
                ))}
                <Text size="xs" c="gray.8" mt="sm">
                  {t('bindings.sample')}
                </Text>
                <Code block fz="xs" tabIndex={0}>
                  {JSON.stringify(preview?.sampleEvent ?? {}, null, 2)}
                </Code>
              </Stack>
            ) : (
              <Text c="gray.8">{errors.length ? t('bindings.previewBlocked') : t('common.loading')}</Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
