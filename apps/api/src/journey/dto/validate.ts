import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { FieldProblem } from '../../http/request-validation.error';
import { withToday } from './field-rules';

/**
 * Validates a plain object against a DTO class: unknown fields are named, never silently dropped.
 * Returns the whitelisted instance's own fields as a plain object, or the problems found.
 */
export function validateAgainst(
  cls: new () => object,
  plain: Record<string, unknown>,
  options: { today: string; prefix?: string; unknownFieldHint?: string },
): { value: Record<string, unknown>; problems: FieldProblem[] } {
  const instance = withToday(plainToInstance(cls, plain, { enableImplicitConversion: false }), options.today);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  const prefix = options.prefix ? `${options.prefix}.` : '';
  const problems = errors.map((e) => toProblem(e, prefix, options.unknownFieldHint));
  return { value: { ...(instance as Record<string, unknown>) }, problems };
}

function toProblem(error: ValidationError, prefix: string, unknownFieldHint?: string): FieldProblem {
  const field = `${prefix}${error.property}`;
  const constraints: Partial<Record<string, string>> = error.constraints ?? {};
  if (constraints.whitelistValidation !== undefined) {
    return { field, message: `${field} is not an accepted field${unknownFieldHint ? ` ${unknownFieldHint}` : ''}` };
  }
  const message = Object.values(constraints)[0] ?? `${field} is invalid`;
  return { field, message: prefix && message.startsWith(error.property) ? `${prefix}${message}` : message };
}
