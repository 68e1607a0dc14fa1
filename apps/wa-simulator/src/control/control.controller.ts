import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UsePipes, ValidationPipe } from '@nestjs/common';
import type { TemplateStatus } from '#sigillo/whatsapp';
import type { UploadedMedia } from '../media/media-store.js';
import type { AcceptedMessage } from '../messages/message-store.js';
import type { MetaTemplate } from '../templates/meta-template.js';
import type { WebhookRecord } from '../webhooks/webhook-dispatcher.js';
import {
  AccountErrorDto,
  FailureModesDto,
  InboundDto,
  TemplateCategoryDto,
  TemplateQualityDto,
  TemplateStatusDto,
  UserPreferenceDto,
  WebhookUrlDto,
} from './control-dtos.js';
import type { FailureModes } from './failure-modes.js';
import { SimulatorControl } from './simulator-control.js';

/** The simulator's own API: no auth (it binds to 127.0.0.1 and holds nothing real). */
@Controller('_sim')
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
export class ControlController {
  constructor(private readonly control: SimulatorControl) {}

  @Get('messages')
  messages(@Query('to') to?: string): AcceptedMessage[] {
    return this.control.messages(to);
  }

  /**
   * Counts only, kept as they change: cheap to poll while thousands of messages pile up
   * (benchmarks, the chaos run), and counting since start or the last reset, past what the
   * message and webhook logs keep. `statuses`: status webhooks planned for the accepted messages;
   * `webhooksPending`: webhooks not yet delivered or given up on.
   */
  @Get('stats')
  stats(): { messages: number; webhooks: number; statuses: number; webhooksPending: number } {
    return this.control.counts();
  }

  @Get('webhooks')
  webhooks(@Query('field') field?: string): WebhookRecord[] {
    return this.control.webhooks(field);
  }

  @Get('templates')
  templates(): readonly MetaTemplate[] {
    return this.control.templates();
  }

  @Get('failure-modes')
  failureModes(): FailureModes {
    return this.control.getFailureModes();
  }

  @Post('failure-modes')
  @HttpCode(200)
  setFailureModes(@Body() body: FailureModesDto): FailureModes {
    return this.control.setFailureModes(body);
  }

  /** Every upload to `POST /{phone-number-id}/media`: id, type, size, sha256, when it expires. */
  @Get('media')
  media(): UploadedMedia[] {
    return this.control.media();
  }

  /** Ages an uploaded media id past its 30 days: sends naming it are refused with 131053. */
  @Post('media/:id/expire')
  @HttpCode(204)
  expireMedia(@Param('id') id: string): void {
    this.control.expireMedia(id);
  }

  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.control.reset();
  }

  @Post('webhook-url')
  @HttpCode(200)
  setWebhookUrl(@Body() body: WebhookUrlDto): { url: string | null } {
    return this.control.setWebhookUrl(body.url);
  }

  @Post('inbound')
  @HttpCode(200)
  inbound(@Body() body: InboundDto): Promise<{ id: string; webhook: WebhookRecord }> {
    return this.control.inbound(body);
  }

  @Post('errors')
  @HttpCode(200)
  accountError(@Body() body: AccountErrorDto): Promise<{ webhook: WebhookRecord }> {
    return this.control.accountError(body.code);
  }

  @Post('templates/:name/:language/status')
  @HttpCode(200)
  templateStatus(
    @Param('name') name: string,
    @Param('language') language: string,
    @Body() body: TemplateStatusDto,
  ): Promise<{ template: MetaTemplate; webhook: WebhookRecord }> {
    return this.control.setTemplateStatus(name, language, body.status as TemplateStatus, body.reason, {
      event: body.event,
      pauseTitle: body.pauseTitle,
      time: body.time,
    });
  }

  @Post('templates/:name/:language/quality')
  @HttpCode(200)
  templateQuality(
    @Param('name') name: string,
    @Param('language') language: string,
    @Body() body: TemplateQualityDto,
  ): Promise<{ template: MetaTemplate; webhook: WebhookRecord }> {
    return this.control.setTemplateQuality(name, language, body.score, body.time);
  }

  @Post('templates/:name/:language/category')
  @HttpCode(200)
  templateCategory(
    @Param('name') name: string,
    @Param('language') language: string,
    @Body() body: TemplateCategoryDto,
  ): Promise<{ template: MetaTemplate; webhook: WebhookRecord }> {
    return this.control.setTemplateCategory(name, language, body.category, { impending: body.impending, effectiveAt: body.effectiveAt, time: body.time });
  }

  /** Delivers a logged webhook again, byte for byte the same payload (Meta re-delivers). */
  @Post('webhooks/:id/redeliver')
  @HttpCode(200)
  redeliver(@Param('id', ParseIntPipe) id: number): Promise<{ webhook: WebhookRecord }> {
    return this.control.redeliver(id);
  }

  @Post('user-preferences')
  @HttpCode(200)
  userPreference(@Body() body: UserPreferenceDto): Promise<{ webhook: WebhookRecord }> {
    return this.control.setUserPreference(
      body.wa_id,
      body.preference,
      body.name,
      body.user_id ? { userId: body.user_id, hidePhone: body.hide_phone } : undefined,
    );
  }
}
