// A rendered template (POST /console/api/bindings/:eventType/preview) as lines of text: the header
// (its text, or the kind of media and its link), the body, the footer and one line per button.
import type { RenderedMessage } from '../api/types.js';

export interface PreviewLines {
  header: string | null;
  body: string;
  footer: string | null;
  buttons: string[];
}

export function previewLines(rendered: RenderedMessage): PreviewLines {
  const h = rendered.header;
  const header = !h ? null : h.type === 'text' ? h.text : `[${h.type}] ${h.link}`;
  return {
    header,
    body: rendered.body ?? '',
    footer: rendered.footer ?? null,
    buttons: (rendered.buttons ?? []).map((b) => (b.url ? `${b.text} → ${b.url}` : b.text)),
  };
}
