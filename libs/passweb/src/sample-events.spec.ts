import { EVENT_VARIABLES, PASSWEB_EVENT_TYPES } from './event-types.js';
import { validateEventBody } from './event-dto.js';
import { sampleEvent } from './sample-events.js';

describe('sample events', () => {
  it.each(PASSWEB_EVENT_TYPES)('%s carries exactly the variables of its type', (type) => {
    const event = sampleEvent(type);
    expect(event.type).toBe(type);
    expect(Object.keys(event.data).sort()).toEqual([...EVENT_VARIABLES[type]].sort());
  });

  it.each(PASSWEB_EVENT_TYPES)('%s is an event the intake would accept', (type) => {
    const result = validateEventBody(sampleEvent(type), { defaultCountry: 'IT', now: new Date('2026-12-02T09:00:01.000Z') });
    expect(result).toMatchObject({ ok: true });
  });
});
