import { GraphError } from '../graph/graph-error.js';
import { placeholderCount, placeholderNames, type MetaButton, type MetaTemplate } from '../templates/meta-template.js';
import { isRecord } from './send-request.js';

/** What a send must supply for one template, derived from its approved components. */
interface Expected {
  header: { kind: 'none' } | { kind: 'text'; count: number; names: string[] | null } | { kind: 'media'; format: string };
  body: number;
  /** A NAMED template's body placeholders; null for POSITIONAL. */
  bodyNames: string[] | null;
  /** POSITIONAL: a `parameter_name` anywhere is a format mismatch. */
  named: boolean;
  buttons: ExpectedButton[];
}

interface ExpectedButton {
  type: MetaButton['type'];
  /** The `sub_type` a send addresses it with; null when it takes no parameters at all. */
  subType: string | null;
  parameterType: string | null;
  count: number;
  /** A URL button's named suffix in a NAMED template; null when positional. */
  names: string[] | null;
  /** Quick replies and flows may be sent without a component. */
  optional: boolean;
}

function expectedFor(template: MetaTemplate): Expected {
  const named = template.parameter_format === 'NAMED';
  const expected: Expected = { header: { kind: 'none' }, body: 0, bodyNames: null, named, buttons: [] };
  for (const component of template.components) {
    if (component.type === 'HEADER') {
      const names = named ? placeholderNames(component.text) : null;
      expected.header =
        component.format === 'TEXT'
          ? { kind: 'text', count: names ? names.length : placeholderCount(component.text), names }
          : { kind: 'media', format: component.format.toLowerCase() };
    } else if (component.type === 'BODY') {
      expected.bodyNames = named ? placeholderNames(component.text) : null;
      expected.body = expected.bodyNames ? expected.bodyNames.length : placeholderCount(component.text);
    } else if (component.type === 'BUTTONS') {
      expected.buttons = component.buttons.map((b) => expectedButton(b, named));
    }
  }
  return expected;
}

function expectedButton(button: MetaButton, named: boolean): ExpectedButton {
  switch (button.type) {
    case 'URL': {
      // A NAMED template's URL may still end in a positional {{1}}.
      const names = named ? placeholderNames(button.url) : [];
      return names.length > 0
        ? { type: 'URL', subType: 'url', parameterType: 'text', count: names.length, names, optional: false }
        : { type: 'URL', subType: 'url', parameterType: 'text', count: placeholderCount(button.url), names: null, optional: false };
    }
    case 'QUICK_REPLY':
      return { type: 'QUICK_REPLY', subType: 'quick_reply', parameterType: 'payload', count: 1, names: null, optional: true };
    case 'COPY_CODE':
      return { type: 'COPY_CODE', subType: 'copy_code', parameterType: 'coupon_code', count: 1, names: null, optional: false };
    // Authentication templates: the one-time code goes in the button too, addressed as a URL button.
    case 'OTP':
      return { type: 'OTP', subType: 'url', parameterType: 'text', count: 1, names: null, optional: false };
    case 'FLOW':
      return { type: 'FLOW', subType: 'flow', parameterType: 'action', count: 1, names: null, optional: true };
    default:
      return { type: button.type, subType: null, parameterType: null, count: 0, names: null, optional: true };
  }
}

/**
 * Checks the send's components against the template like Meta: 132000 when a component has the
 * wrong number of parameters (header, body, each button by index), 132012 when a parameter has
 * the wrong type (text for an IMAGE header, a quick_reply for a URL button) or the wrong format
 * (a NAMED template's text parameter without its `parameter_name`, or naming a placeholder the
 * component does not have; a `parameter_name` sent to a POSITIONAL template), 132018 for text
 * Meta refuses (new lines, tabs, 5+ spaces), 131008/131009 for malformed components.
 */
export function checkTemplateParameters(template: MetaTemplate, components: unknown[]): void {
  const expected = expectedFor(template);
  let header: unknown[] | null = null;
  let body: unknown[] | null = null;
  const buttons = new Map<number, { subType: string; parameters: unknown[] }>();

  for (const raw of components) {
    if (!isRecord(raw) || typeof raw['type'] !== 'string') throw GraphError.whatsapp(131008, "Each component needs a 'type'.");
    const type = raw['type'].toLowerCase();
    const parameters = raw['parameters'];
    if (!Array.isArray(parameters)) throw GraphError.whatsapp(131008, `${type}: Parameter 'parameters' is required.`);
    if (type === 'header' || type === 'body') {
      if ((type === 'header' ? header : body) !== null) throw GraphError.whatsapp(131009, `${type}: the component is given twice.`);
      if (type === 'header') header = parameters;
      else body = parameters;
    } else if (type === 'button') {
      const index = buttonIndex(raw['index']);
      if (buttons.has(index)) throw GraphError.whatsapp(131009, `button: index ${index} is given twice.`);
      if (typeof raw['sub_type'] !== 'string') throw GraphError.whatsapp(131008, `button at index ${index}: Parameter 'sub_type' is required.`);
      buttons.set(index, { subType: raw['sub_type'].toLowerCase(), parameters });
    } else {
      throw GraphError.whatsapp(131009, `Component type "${raw['type']}" is not valid: use header, body or button.`);
    }
  }

  checkHeader(expected.header, header, expected.named);
  checkCount('body', expected.body, body ?? []);
  (body ?? []).forEach((p, i) => checkTextParameter(`body parameter ${i + 1}`, p));
  checkNames('body', expected.bodyNames, body ?? [], expected.named);
  checkButtons(expected.buttons, buttons, expected.named);
}

/**
 * A NAMED component's text parameters must name each of its placeholders once (the count is
 * checked before); a POSITIONAL template's must name none.
 */
function checkNames(where: string, names: string[] | null, given: unknown[], templateNamed: boolean): void {
  const seen = new Set<string>();
  given.forEach((parameter, i) => {
    const name = isRecord(parameter) ? parameter['parameter_name'] : undefined;
    if (names === null) {
      if (name !== undefined && !templateNamed) {
        throw GraphError.whatsapp(132012, `${where} parameter ${i + 1}: parameter_name is given, but the template's parameter_format is POSITIONAL`);
      }
      return;
    }
    if (typeof name !== 'string' || name === '') {
      throw GraphError.whatsapp(132012, `${where} parameter ${i + 1}: parameter_name is required, the template's parameter_format is NAMED`);
    }
    if (!names.includes(name))
      throw GraphError.whatsapp(132012, `${where}: parameter_name ${name} does not exist in the template (expected ${names.join(', ')})`);
    if (seen.has(name)) throw GraphError.whatsapp(132012, `${where}: parameter_name ${name} is given twice`);
    seen.add(name);
  });
}

function checkHeader(expected: Expected['header'], given: unknown[] | null, templateNamed: boolean): void {
  if (expected.kind !== 'media') {
    checkCount('header', expected.kind === 'text' ? expected.count : 0, given ?? []);
    (given ?? []).forEach((p, i) => checkTextParameter(`header parameter ${i + 1}`, p));
    checkNames('header', expected.kind === 'text' ? expected.names : null, given ?? [], templateNamed);
    return;
  }
  const format = expected.format.toUpperCase();
  if (given === null || given.length === 0) {
    throw GraphError.whatsapp(132012, `header: Format mismatch, expected ${format}, received UNKNOWN`);
  }
  checkCount('header', 1, given);
  const parameter = given[0];
  const type = isRecord(parameter) && typeof parameter['type'] === 'string' ? parameter['type'].toLowerCase() : 'UNKNOWN';
  if (type !== expected.format) throw GraphError.whatsapp(132012, `header: Format mismatch, expected ${format}, received ${type.toUpperCase()}`);
  const media = (parameter as Record<string, unknown>)[type];
  if (expected.format !== 'location' && !(isRecord(media) && (typeof media['link'] === 'string' || typeof media['id'] === 'string'))) {
    throw GraphError.whatsapp(131008, `header: Parameter '${type}.link' or '${type}.id' is required.`);
  }
}

function checkButtons(expected: ExpectedButton[], given: Map<number, { subType: string; parameters: unknown[] }>, templateNamed: boolean): void {
  for (const [index, button] of given) {
    const want = expected[index];
    if (!want) throw GraphError.whatsapp(131009, `button: the template has no button at index ${index}.`);
    if (want.subType === null) throw GraphError.whatsapp(131009, `button at index ${index}: a ${want.type} button takes no parameters.`);
    if (button.subType !== want.subType) {
      throw GraphError.whatsapp(
        132012,
        `button at index ${index}: sub_type ${button.subType} does not match the template's ${want.type} button (${want.subType}).`,
      );
    }
    if (button.parameters.length !== want.count) {
      throw GraphError.whatsapp(
        132000,
        `button at index ${index}: number of params (${button.parameters.length}) does not match the expected number of params (${want.count})`,
      );
    }
    button.parameters.forEach((p) => checkButtonParameter(index, want.parameterType!, p));
    if (want.parameterType === 'text') checkNames(`button at index ${index}`, want.names, button.parameters, templateNamed);
  }
  expected.forEach((want, index) => {
    if (want.count > 0 && !want.optional && !given.has(index)) {
      throw GraphError.whatsapp(132000, `button at index ${index}: number of params (0) does not match the expected number of params (${want.count})`);
    }
  });
}

function checkCount(where: string, expected: number, given: unknown[]): void {
  if (given.length !== expected) {
    throw GraphError.whatsapp(132000, `${where}: number of localizable_params (${given.length}) does not match the expected number of params (${expected})`);
  }
}

function checkTextParameter(where: string, parameter: unknown): void {
  const type = isRecord(parameter) ? parameter['type'] : undefined;
  if (type === 'currency' || type === 'date_time') {
    const value = (parameter as Record<string, unknown>)[type];
    if (!isRecord(value) || typeof value['fallback_value'] !== 'string') {
      throw GraphError.whatsapp(131008, `${where}: Parameter '${type}.fallback_value' is required.`);
    }
    return;
  }
  if (type !== 'text') throw GraphError.whatsapp(132012, `${where}: expected a text parameter, received ${String(type ?? 'UNKNOWN').toUpperCase()}`);
  const text = (parameter as Record<string, unknown>)['text'];
  if (typeof text !== 'string' || text === '') throw GraphError.whatsapp(131008, `${where}: Parameter 'text' is required.`);
  if (/[\n\t]| {5,}/.test(text)) throw GraphError.whatsapp(132018);
}

function checkButtonParameter(index: number, expectedType: string, parameter: unknown): void {
  const type = isRecord(parameter) ? parameter['type'] : undefined;
  if (type !== expectedType) {
    throw GraphError.whatsapp(132012, `button at index ${index}: expected a ${expectedType} parameter, received ${String(type ?? 'UNKNOWN')}`);
  }
  const value = (parameter as Record<string, unknown>)[expectedType];
  if (expectedType !== 'action' && (typeof value !== 'string' || value === '')) {
    throw GraphError.whatsapp(131008, `button at index ${index}: Parameter '${expectedType}' is required.`);
  }
}

function buttonIndex(value: unknown): number {
  const index = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(index) || index < 0 || index > 9) throw GraphError.whatsapp(131008, "button: Parameter 'index' is required (0 to 9).");
  return index;
}
