import { Module } from '@nestjs/common';
import { AuthModule } from '../../../../libs/auth/src/auth.module.js';
import { ConversationsModule } from '../../../../libs/conversations/src/conversations.module.js';
import { ContactsController } from './contacts.controller.js';

@Module({
  imports: [AuthModule, ConversationsModule],
  controllers: [ContactsController],
})
export class ContactsApiModule {}
