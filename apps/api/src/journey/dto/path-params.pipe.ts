import { Injectable, type PipeTransform } from '@nestjs/common';
import { Clock } from '@sj/config';
import { isValidLocalDate } from '@sj/domain';
import { RequestValidationError } from '../../http/request-validation.error';

const CHILD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `:childId` is 1–64 letters, digits, `-` or `_`. */
@Injectable()
export class ChildIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !CHILD_ID.test(value)) {
      throw new RequestValidationError([{ field: 'childId', message: 'childId must be 1 to 64 letters, digits, "-" or "_"' }]);
    }
    return value;
  }
}

/** `?asOf=YYYY-MM-DD`, today (from the injected clock) when absent. */
@Injectable()
export class AsOfPipe implements PipeTransform<unknown, string> {
  constructor(private readonly clock: Clock) {}

  transform(value: unknown): string {
    if (value === undefined || value === '') return this.clock.today();
    if (!isValidLocalDate(value)) {
      throw new RequestValidationError([{ field: 'asOf', message: 'asOf must be a date in YYYY-MM-DD format' }]);
    }
    return value;
  }
}
