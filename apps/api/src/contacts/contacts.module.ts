import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { ConversationsModule } from '#sigillo/conversations';
import { ContactsController } from './contacts.controller.js';

@Module({
  imports: [AuthModule, ConversationsModule],
  controllers: [ContactsController],
})
export class ContactsApiModule {}
