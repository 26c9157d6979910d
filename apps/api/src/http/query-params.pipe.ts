import type { PipeTransform } from '@nestjs/common';
import { MAX_PAGE_SIZE } from '@sj/read-models';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { RequestValidationError, type FieldProblem } from './request-validation.error';

/**
 * Validates a query string against its DTO (managers' tables, alerts, audit): every problem is named (an unknown parameter
 * too, never silently ignored), and repeated parameters (`?area=a&area=b`) are refused as not text.
 */
export class QueryParamsPipe<T extends object> implements PipeTransform<unknown, T> {
  private readonly accepted: string[];

  constructor(private readonly dto: new () => T) {
    this.accepted = [
      ...new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(dto, '', true, false)
          .map((m) => m.propertyName),
      ),
    ].sort();
  }

  transform(value: unknown): T {
    const plain = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const problems: FieldProblem[] = Object.keys(plain)
      .filter((key) => !this.accepted.includes(key))
      .map((key) => ({ field: key, message: `${key} is not an accepted query parameter (accepted: ${this.accepted.join(', ')})` }));
    const instance = plainToInstance(this.dto, pick(plain, this.accepted));
    for (const error of validateSync(instance, { forbidUnknownValues: false, validationError: { target: false, value: false } })) {
      problems.push({ field: error.property, message: Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid` });
    }
    const pageSize = (instance as { pageSize?: string }).pageSize;
    if (pageSize !== undefined && !problems.some((p) => p.field === 'pageSize') && Number(pageSize) > MAX_PAGE_SIZE) {
      problems.push({ field: 'pageSize', message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` });
    }
    if (problems.length > 0) throw new RequestValidationError(problems);
    return instance;
  }
}

function pick(plain: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => plain[k] !== undefined).map((k) => [k, plain[k]]));
}
