import { PipeTransform } from '@nestjs/common';
import { GraphError } from './graph-error.js';

/** `v23.0` and the like; anything else is a path Graph does not know. */
export class GraphVersionPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^v\d{1,3}\.\d{1,2}$/.test(value)) throw GraphError.unknownPath(`/${value}`);
    return value;
  }
}
