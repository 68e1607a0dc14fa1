// Sample events, one per Passweb event type, for the console's binding preview: every variable the
// type can carry, with invented values (nobody's data). Pure data; nothing here is ever sent.
import type { EventData } from './event-dto.js';
import { EVENT_VARIABLES, type EventVariableName, type PasswebEventType } from './event-types.js';

const VALUES: Record<EventVariableName, string | number> = {
  firstName: 'Maria',
  lastName: 'Esempio',
  fullName: 'Maria Esempio',
  documentCode: 'ORD-2026-0042',
  documentStatus: 'Spedito',
  orderTotal: '59.90',
  itemCount: 3,
  cartTotal: '24.50',
  cartItemCount: 2,
  messageSubject: 'La tua fattura',
  messageText: 'Ecco la fattura del tuo ordine.',
  activityDate: '2026-12-03 10:30',
  activitySubject: 'Appuntamento in negozio',
  newStatus: 'Spedito',
  oldStatus: 'In preparazione',
  folderName: 'Documenti',
  fileName: 'fattura-0042.pdf',
  siteUrl: 'https://shop.example/ordini/ORD-2026-0042',
};

export interface SampleEvent {
  id: string;
  type: PasswebEventType;
  occurredAt: string;
  recipient: { userId: string; phone: string; name: string; language: string };
  data: EventData;
}

/** The sample event of a type: its variables, and only those. */
export function sampleEvent(type: PasswebEventType): SampleEvent {
  const data: EventData = {};
  for (const name of EVENT_VARIABLES[type]) data[name] = VALUES[name];
  return {
    id: `sample-${type}`,
    type,
    occurredAt: '2026-12-02T09:00:00.000Z',
    // +39 333 000 0000 is a placeholder of the Italian mobile range, not a subscriber's number.
    recipient: { userId: 'sample-user', phone: '+393330000000', name: 'Maria Esempio', language: 'it' },
    data,
  };
}
