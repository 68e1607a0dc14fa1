// The values a provider puts in the Cloud API `components` of a template message: what rendering a
// binding produces and what the wire consumes.
/** A text value: bare for a positional placeholder, with its name for a named one. */
export type RenderedText = string | { name: string; text: string };

export type RenderedHeader = { type: 'text'; text: string; name?: string } | { type: 'image' | 'video' | 'document'; link: string; filename?: string };

export interface RenderedButton {
  index: number;
  subType: 'url' | 'quick_reply' | 'copy_code';
  parameters: RenderedText[];
}

export interface RenderedParameters {
  header?: RenderedHeader;
  /** The values of {{1}}..{{n}} in that order, or of the named placeholders in order of appearance. */
  body: RenderedText[];
  buttons: RenderedButton[];
}

/** The text of a rendered value, named or not. */
export function renderedText(value: RenderedText): string {
  return typeof value === 'string' ? value : value.text;
}
