import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './request-validation.error';
import { untrustedInputProblems } from './untrusted-input';

/**
 * Global pipe (it runs before every route's own pipes): refuses a body or query string holding prototype keys,
 * unrecordable text or deep nesting with 400, before class-transformer and class-validator see it.
 */
@Injectable()
export class UntrustedInputPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const problems = untrustedInputProblems(value, {
      path: metadata.data ?? '',
      keyNoun: metadata.type === 'body' ? 'field' : 'query parameter',
      rootName: metadata.type,
    });
    if (problems.length > 0) throw new RequestValidationError(problems);
    return value;
  }
}
