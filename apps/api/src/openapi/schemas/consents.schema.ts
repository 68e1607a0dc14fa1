import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSENT_CATEGORIES } from '#sigillo/consent';

export class ConsentBody {
  @ApiProperty({ type: 'string', description: "The caller's id for this change: a repeat of it is not recorded twice", example: 'checkout-77120-marketing' })
  id: string;

  @ApiPropertyOptional({
    type: 'string',
    description:
      'The subject: exactly one of phone and userId. A number (E.164 or national), or the business-scoped user id of a WhatsApp user known by no number (IT.1502576394655843)',
    example: '+393330000001',
  })
  phone?: string;

  @ApiPropertyOptional({ type: 'string', description: "A Passweb user id instead of the phone (resolved from that user's latest event)", example: 'u-4471' })
  userId?: string;

  @ApiProperty({ type: 'string', enum: CONSENT_CATEGORIES, example: 'marketing' })
  category: string;

  @ApiProperty({ type: 'string', enum: ['opt_in', 'opt_out'], example: 'opt_in' })
  action: string;

  @ApiProperty({ type: 'string', description: 'Who or what reports the change', example: 'passweb-checkout' })
  source: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'What proves it (at most 20 string values); an IP only hashed',
    example: { form: 'checkout', textVersion: 'privacy-2026-03', channel: 'web' },
  })
  evidence: Record<string, string>;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:58:12Z' })
  occurredAt: string;
}

export class ConsentRecorded {
  @ApiProperty({ type: 'string', format: 'uuid', example: '9d3c1a52-7e0b-4f6a-b2c8-1e5d4f3a2b10' })
  consentId: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Ledger position of its consent.changed entry; null until sequenced', example: 1840 })
  seq: number | null;

  @ApiProperty({ type: 'boolean', description: 'false when this client id had already been recorded (200)', example: true })
  created: boolean;
}

export class ConsentHistoryLine {
  @ApiProperty({ type: 'string', format: 'uuid', example: '9d3c1a52-7e0b-4f6a-b2c8-1e5d4f3a2b10' })
  consentId: string;

  @ApiProperty({ type: 'string', enum: CONSENT_CATEGORIES, example: 'marketing' })
  category: string;

  @ApiProperty({ type: 'string', enum: ['opt_in', 'opt_out'], example: 'opt_in' })
  action: string;

  @ApiProperty({ type: 'string', example: 'passweb-checkout' })
  source: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { form: 'checkout', textVersion: 'privacy-2026-03' } })
  evidence: Record<string, string>;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:58:12.000Z' })
  occurredAt: string;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:58:12.431Z' })
  recordedAt: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 1840 })
  seq: number | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Where its proof bundle is served; null until sequenced',
    example: '/v1/ledger/entries/1840/proof',
  })
  proof: string | null;
}

export const CONSENT_EXAMPLES = {
  optIn: {
    summary: 'A marketing opt-in at checkout',
    value: {
      id: 'checkout-77120-marketing',
      phone: '+393330000001',
      category: 'marketing',
      action: 'opt_in',
      source: 'passweb-checkout',
      evidence: { form: 'checkout', textVersion: 'privacy-2026-03', channel: 'web' },
      occurredAt: '2026-11-21T09:58:12Z',
    },
  },
  optOutByUser: {
    summary: 'An opt-out from the reserved area, by Passweb user id',
    value: {
      id: 'profile-u4471-2026-11-22',
      userId: 'u-4471',
      category: 'marketing',
      action: 'opt_out',
      source: 'passweb-profile',
      evidence: { form: 'profile' },
      occurredAt: '2026-11-22T08:00:00Z',
    },
  },
};
