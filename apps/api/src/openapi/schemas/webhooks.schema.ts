import { ApiProperty } from '@nestjs/swagger';

export class WebhookReceived {
  @ApiProperty({ type: 'boolean', enum: [true] })
  received: true;
}

/** A status webhook as Meta sends it (signed with X-Hub-Signature-256 over these exact bytes). */
export const META_STATUS_WEBHOOK_EXAMPLE = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '200000000000001',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '390200000000', phone_number_id: '100000000000001' },
            statuses: [
              {
                id: 'wamid.HBgMMzkzMzMwMDAwMDAxFQIAERgSQ0E5RDg3QjU0MjFGNjQ4QUE2AA==',
                status: 'delivered',
                timestamp: '1795255203',
                recipient_id: '393330000001',
                biz_opaque_callback_data: '5f0c5d7e-8a59-4c8e-9d1e-2f4b7a1c9e03:1',
                pricing: { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' },
              },
            ],
          },
        },
      ],
    },
  ],
};
