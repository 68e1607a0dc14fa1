import { ApiProperty } from '@nestjs/swagger';

export class ContactViewSchema {
  @ApiProperty({ type: 'string', description: 'E.164', example: '+393330000001' })
  phone: string;

  @ApiProperty({
    type: 'object',
    description: "The 24-hour customer-service window, opened by the user's last message",
    properties: {
      open: { type: 'boolean' },
      openUntil: { type: 'string', format: 'date-time', nullable: true },
      lastInboundAt: { type: 'string', format: 'date-time', nullable: true },
    },
  })
  window: { open: boolean; openUntil: string | null; lastInboundAt: string | null };

  @ApiProperty({
    type: 'object',
    description: 'Per category (marketing, utility, authentication, all): the standing change with its consent id and ledger seq, or null',
    additionalProperties: {
      type: 'object',
      nullable: true,
      properties: {
        action: { type: 'string', enum: ['opt_in', 'opt_out'] },
        consentId: { type: 'string', format: 'uuid' },
        seq: { type: 'integer', nullable: true },
      },
    },
  })
  consent: Record<string, { action: string; consentId: string; seq: number | null } | null>;

  @ApiProperty({
    type: 'array',
    description: 'The last 20 notifications, newest first, with their delivery statuses',
    items: { type: 'object', additionalProperties: true },
  })
  messages: Record<string, unknown>[];
}

export const CONTACT_EXAMPLE = {
  phone: '+393330000001',
  window: { open: true, openUntil: '2026-11-22T09:12:00.000Z', lastInboundAt: '2026-11-21T09:12:00.000Z' },
  consent: { marketing: { action: 'opt_in', consentId: '9d3c1a52-7e0b-4f6a-b2c8-1e5d4f3a2b10', seq: 1840 }, utility: null, authentication: null, all: null },
  messages: [
    {
      notificationId: '5f0c5d7e-8a59-4c8e-9d1e-2f4b7a1c9e03',
      eventId: 'ord-10023-shipped',
      template: 'order_status_update',
      language: 'it',
      category: 'UTILITY',
      decision: 'SEND',
      reason: null,
      status: 'SUBMITTED',
      deliveryStatus: 'read',
      wamid: 'wamid.HBgMMzkzMzMwMDAwMDAxFQIAERgSQ0E5RDg3QjU0MjFGNjQ4QUE2AA==',
      createdAt: '2026-11-21T10:00:00.412Z',
      statuses: [
        { status: 'sent', at: '2026-11-21T10:00:01.000Z' },
        { status: 'delivered', at: '2026-11-21T10:00:03.000Z' },
        { status: 'read', at: '2026-11-21T10:04:40.000Z' },
      ],
    },
  ],
};
