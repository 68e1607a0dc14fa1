import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { AccessTokenGuard } from '../graph/access-token.guard.js';
import { GraphError } from '../graph/graph-error.js';
import { GraphVersionPipe } from '../graph/graph-version.pipe.js';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import { MediaStore } from './media-store.js';

interface UploadedPart {
  buffer: Buffer;
  mimetype: string;
  size: number;
}

// Meta's supported upload types (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types), those a template header takes.
const TYPES = new Set(['image/jpeg', 'image/png', 'video/mp4', 'video/3gpp', 'application/pdf']);
const MAX_BYTES = 100 * 1024 * 1024;

/**
 * `POST /{version}/{phone-number-id}/media`: multipart with messaging_product=whatsapp, type and
 * file, answered `{ id }` like Meta.
 */
@Controller(':version/:phoneNumberId/media')
@UseGuards(AccessTokenGuard)
export class MediaController {
  constructor(
    @Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions,
    private readonly store: MediaStore,
  ) {}

  @Post()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_BYTES, files: 1 } }))
  upload(
    @Param('version', GraphVersionPipe) _version: string,
    @Param('phoneNumberId') phoneNumberId: string,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file: UploadedPart | undefined,
  ): { id: string } {
    if (phoneNumberId !== this.options.phoneNumberId) throw GraphError.unknownObject('POST', phoneNumberId);
    if (body?.['messaging_product'] !== 'whatsapp') throw GraphError.invalidParameter('The parameter messaging_product is required.');
    if (!file || file.size === 0) throw GraphError.invalidParameter('The parameter file is required.');
    const type = typeof body['type'] === 'string' ? body['type'] : file.mimetype;
    if (!TYPES.has(type)) throw GraphError.invalidParameter(`Param file must be a file with one of the following types: ${[...TYPES].join(', ')}.`);
    return { id: this.store.upload(phoneNumberId, file.buffer, type).id };
  }
}

/** A 1×1 PNG the simulator serves at /_sim/assets/<name>.png: a media link for tests and the dev stack. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

@Controller('_sim/assets')
export class AssetsController {
  @Get(':name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    if (!/^[\w-]{1,64}\.png$/.test(name)) {
      res.status(404).json({ error: 'only <name>.png assets are served' });
      return;
    }
    res.status(200).type('image/png').send(PIXEL);
  }
}
