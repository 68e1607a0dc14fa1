import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_VARIABLE_NAMES, PASSWEB_EVENT_TYPES } from '#sigillo/passweb';
import { SKIP_REASONS } from '#sigillo/policy';

export class EventRecipientBody {
  @ApiProperty({ type: 'string', description: "Passweb's user id", example: 'u-4471' })
  userId: string;

  @ApiProperty({ type: 'string', description: "E.164, or national (the tenant's default country)", example: '+393330000001' })
  phone: string;

  @ApiPropertyOptional({ type: 'string', example: 'Giulia Bianchi' })
  name?: string;

  @ApiPropertyOptional({ type: 'string', description: 'Picks the template language; else the tenant default', example: 'it' })
  language?: string;

  @ApiPropertyOptional({ type: [String], description: 'Passweb user groups (a binding may require one)', example: ['clienti'] })
  groups?: string[];

  @ApiPropertyOptional({ type: 'boolean', description: "Passweb's “Opt Out WhatsApp” flag", example: false })
  whatsappOptOut?: boolean;
}

export class EventBody {
  @ApiProperty({ type: 'string', description: "Passweb's event id: the same id never makes a second message", example: 'ord-10023-shipped' })
  id: string;

  @ApiProperty({ type: 'string', enum: PASSWEB_EVENT_TYPES, example: 'order.status_changed' })
  type: string;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T10:00:00Z' })
  occurredAt: string;

  @ApiProperty({ type: () => EventRecipientBody })
  recipient: EventRecipientBody;

  @ApiProperty({
    type: 'object',
    description: `The event's variables (only those its type carries): ${EVENT_VARIABLE_NAMES.join(', ')}. Money as decimal strings, counts as integers.`,
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    example: { firstName: 'Giulia', documentCode: 'ORD-10023', newStatus: 'Spedito', orderTotal: '129.90' },
  })
  data: Record<string, string | number>;

  @ApiPropertyOptional({ type: 'boolean', description: 'Created by a shop agent (an agent-made cart is never messaged)', example: false })
  createdByAgent?: boolean;
}

export class EventAccepted {
  @ApiProperty({ type: 'string', example: 'ord-10023-shipped' })
  eventId: string;

  @ApiProperty({ type: 'string', format: 'uuid', example: '5f0c5d7e-8a59-4c8e-9d1e-2f4b7a1c9e03' })
  notificationId: string;

  @ApiProperty({ type: 'string', enum: ['SEND', 'SKIP'], example: 'SEND' })
  decision: string;

  @ApiPropertyOptional({ type: 'string', enum: SKIP_REASONS, description: 'Why not, for a SKIP', example: 'NO_MARKETING_CONSENT' })
  reason?: string;
}

export const EVENT_EXAMPLES = {
  orderShipped: {
    summary: 'An order shipped (UTILITY template)',
    value: {
      id: 'ord-10023-shipped',
      type: 'order.status_changed',
      occurredAt: '2026-11-21T10:00:00Z',
      recipient: { userId: 'u-4471', phone: '+393330000001', name: 'Giulia Bianchi', language: 'it', groups: ['clienti'] },
      data: { firstName: 'Giulia', documentCode: 'ORD-10023', newStatus: 'Spedito', orderTotal: '129.90' },
    },
  },
  cartAbandoned: {
    summary: 'An abandoned cart, national number',
    value: {
      id: 'cart-88213',
      type: 'cart.abandoned',
      occurredAt: '2026-11-21T18:30:00+01:00',
      recipient: { userId: 'u-5102', phone: '333 000 0002' },
      data: { firstName: 'Marco', cartTotal: '59.00', cartItemCount: 2, siteUrl: 'https://shop.example/cart' },
    },
  },
};

export const EVENT_ANSWER_EXAMPLES = {
  send: {
    summary: 'Accepted, a message will be sent',
    value: { eventId: 'ord-10023-shipped', notificationId: '5f0c5d7e-8a59-4c8e-9d1e-2f4b7a1c9e03', decision: 'SEND' },
  },
  skip: {
    summary: 'Accepted, no message (the reason says why)',
    value: { eventId: 'cart-88213', notificationId: '0b6f2a8e-3c4d-4e1f-8a2b-6c7d8e9f0a1b', decision: 'SKIP', reason: 'NO_MARKETING_CONSENT' },
  },
};
